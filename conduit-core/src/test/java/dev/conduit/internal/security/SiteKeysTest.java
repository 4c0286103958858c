package dev.conduit.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.internal.security.MachineKeySection.MachineKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * One rule derives every key of a site from {@code validationKey} and {@code decryptionKey} together: deterministic
 * (a farm agrees), and changed by a change of either key. Keys are random: no key is written in source.
 */
class SiteKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PURPOSE = "forms:ticket";

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Supplier<byte[]> never() {
        return () -> {
            throw new AssertionError("the App_Data key was read although both keys are configured");
        };
    }

    private static byte[] key(byte[] validation, byte[] decryption, String purpose) {
        return SiteKeys.from(new MachineKey(validation, decryption), never()).key(purpose);
    }

    /** RFC 5869 written out independently, HMAC-SHA256, one block of output. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, String info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        return expand(prk, info);
    }

    private static byte[] expand(byte[] prk, String info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 1);
        return mac.doFinal();
    }

    private static byte[] lengthPrefixed(byte[] v, byte[] d) {
        return ByteBuffer.allocate(8 + v.length + d.length)
                .putInt(v.length)
                .put(v)
                .putInt(d.length)
                .put(d)
                .array();
    }

    @Test
    void theKeyIsHkdfOverBothLengthPrefixedKeysWithTheConduitSaltAndThePurposeAsInfo() throws Exception {
        byte[] v = random(20); // a 40-hex-digit SHA1 validationKey
        byte[] d = random(24); // a 48-hex-digit 3DES decryptionKey

        assertThat(key(v, d, PURPOSE))
                .hasSize(32)
                .isEqualTo(hkdf(
                        "Conduit machineKey v1".getBytes(StandardCharsets.US_ASCII),
                        lengthPrefixed(v, d),
                        "conduit:" + PURPOSE));
    }

    @Test
    void twoRuntimesWithTheSameKeysDeriveTheSameKeyForAPurpose() {
        byte[] v = random(64);
        byte[] d = random(32);

        assertThat(key(v.clone(), d.clone(), PURPOSE)).isEqualTo(key(v, d, PURPOSE));
        assertThat(key(v, d, "pages:viewstate"))
                .isEqualTo(key(v.clone(), d.clone(), "pages:viewstate"))
                .isNotEqualTo(key(v, d, PURPOSE));
    }

    @Test
    void changingEitherKeyChangesEveryDerivedKey() {
        byte[] v = random(20);
        byte[] d = random(24);
        byte[] otherV = v.clone();
        otherV[19] ^= 1;
        byte[] otherD = d.clone();
        otherD[0] ^= (byte) 0x80;

        for (String purpose : new String[] {PURPOSE, "pages:viewstate", "greeting:one"}) {
            byte[] k = key(v, d, purpose);
            assertThat(key(otherV, d, purpose))
                    .as("validationKey changed, %s", purpose)
                    .isNotEqualTo(k);
            assertThat(key(v, otherD, purpose))
                    .as("decryptionKey changed, %s", purpose)
                    .isNotEqualTo(k);
            assertThat(key(d, v, purpose)).as("keys swapped, %s", purpose).isNotEqualTo(k);
        }
    }

    @Test
    void movingBytesFromOneKeyToTheOtherChangesTheKey() {
        byte[] all = random(44);
        byte[] v = Arrays.copyOf(all, 20);
        byte[] d = Arrays.copyOfRange(all, 20, 44);
        byte[] longerV = Arrays.copyOf(all, 22);
        byte[] shorterD = Arrays.copyOfRange(all, 22, 44);

        assertThat(key(v, d, PURPOSE)).isNotEqualTo(key(longerV, shorterD, PURPOSE));
    }

    @Test
    void theGeneratedKeyStandsInForTheKeyThatIsNotConfigured() {
        byte[] configured = random(24);
        byte[] generated = random(32);
        AtomicInteger reads = new AtomicInteger();
        Supplier<byte[]> appData = () -> {
            reads.incrementAndGet();
            return generated.clone();
        };

        byte[] onlyDecryption =
                SiteKeys.from(new MachineKey(null, configured), appData).key(PURPOSE);
        byte[] onlyValidation =
                SiteKeys.from(new MachineKey(configured, null), appData).key(PURPOSE);

        assertThat(onlyDecryption).isEqualTo(key(generated, configured, PURPOSE));
        assertThat(onlyValidation).isEqualTo(key(configured, generated, PURPOSE));
        assertThat(reads).hasValue(2);
        assertThat(SiteKeys.from(new MachineKey(null, configured), () -> random(32))
                        .key(PURPOSE))
                .as("another site's generated key")
                .isNotEqualTo(onlyDecryption);
    }

    @Test
    void withNoConfiguredKeyTheGeneratedKeyIsThePseudorandomKeyAsBefore() throws Exception {
        byte[] generated = random(32);

        assertThat(SiteKeys.from(new MachineKey(null, null), () -> generated).key("greeting:one"))
                .isEqualTo(expand(generated, "conduit:greeting:one"));
    }

    @Test
    void aBlankPurposeIsRefused() {
        SiteKeys keys = SiteKeys.from(new MachineKey(random(20), random(24)), never());

        assertThatThrownBy(() -> keys.key(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a key purpose must not be blank");
    }
}
