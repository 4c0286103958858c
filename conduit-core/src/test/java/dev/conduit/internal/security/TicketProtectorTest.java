package dev.conduit.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Tickets sealed with AES-256-GCM: they open with the right key only, and not after any change. */
class TicketProtectorTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final TicketProtector protector = new TicketProtector(randomKey());
    private final FormsTicket ticket = FormsTicket.issue("alice", true, NOW, Duration.ofMinutes(30), "/app");

    @Test
    void aSealedTicketOpensToTheSameTicket() {
        assertThat(protector.unprotect(protector.protect(ticket))).isEqualTo(ticket);
    }

    @Test
    void theCookieValueIsUrlSafeBase64AndNeverRepeatsForTheSameTicket() {
        String a = protector.protect(ticket);
        String b = protector.protect(ticket);

        assertThat(a).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
        assertThat(a).doesNotContain("alice");
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(protector.protect(ticket));

        for (int bit = 0; bit < raw.length * 8; bit++) {
            byte[] changed = raw.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThat(protector.unprotect(value)).as("bit %d", bit).isNull();
        }
    }

    @Test
    void truncatedOrExtendedValuesAreRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(protector.protect(ticket));

        for (int length = 0; length < raw.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(raw, length);
            assertThat(protector.unprotect(Base64.getUrlEncoder().encodeToString(cut)))
                    .as("first %d bytes", length)
                    .isNull();
        }
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1);
        assertThat(protector.unprotect(Base64.getUrlEncoder().encodeToString(longer)))
                .isNull();
    }

    @Test
    void anotherKeyCannotOpenIt() {
        assertThat(new TicketProtector(randomKey()).unprotect(protector.protect(ticket)))
                .isNull();
    }

    @Test
    void nonBase64AndOversizedValuesAreRejectedWithoutDecrypting() {
        assertThat(protector.unprotect("")).isNull();
        assertThat(protector.unprotect("not base64!")).isNull();
        assertThat(protector.unprotect("A".repeat(5000))).isNull();
    }

    @Test
    void theTicketKeyMustHave256Bits() {
        assertThatThrownBy(() -> new TicketProtector(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes: 16");
    }

    @Test
    void theFormatIsVersionedAndAnUnknownVersionIsRejected() {
        byte[] bytes = ticket.toBytes();
        assertThat(bytes[0]).isEqualTo(FormsTicket.VERSION);

        bytes[0] = 2;

        assertThat(FormsTicket.fromBytes(bytes)).isNull();
        assertThat(FormsTicket.fromBytes(new byte[0])).isNull();
        assertThat(FormsTicket.fromBytes(java.util.Arrays.copyOf(ticket.toBytes(), 20)))
                .isNull();
    }

    @Test
    void expiryAndHalfLifeFollowTheTicketsTimes() {
        assertThat(ticket.isExpiredAt(NOW.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(ticket.isExpiredAt(NOW.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(ticket.isPastHalfLife(NOW.plus(Duration.ofMinutes(15)))).isFalse();
        assertThat(ticket.isPastHalfLife(NOW.plus(Duration.ofMinutes(16)))).isTrue();

        FormsTicket renewed = ticket.renewedAt(NOW.plus(Duration.ofMinutes(20)));

        assertThat(renewed.issued()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(renewed.expires()).isEqualTo(NOW.plus(Duration.ofMinutes(50)));
        assertThat(renewed.userName()).isEqualTo("alice");
        assertThat(renewed.persistent()).isTrue();
        assertThat(renewed.cookiePath()).isEqualTo("/app");
    }
}
