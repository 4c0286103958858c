package dev.conduit.internal.security;

import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.internal.security.MachineKeySection.MachineKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A site's keys, one per purpose ({@code "forms:ticket"}, {@code "pages:viewstate"}), all derived by one rule from
 * {@code <machineKey>}, whatever algorithms it names:
 *
 * <ol>
 *   <li><b>Extract</b> (RFC 5869 §2.2, HMAC-SHA256): the pseudorandom key is {@code HMAC(salt = "Conduit machineKey
 *       v1", 4-byte length || validationKey || 4-byte length || decryptionKey)}. The lengths keep the split between
 *       the two keys part of the input, so no two different pairs give the same input.
 *   <li><b>Expand</b> (§2.3, one block): the key for {@code purpose} is {@code HMAC(prk, "conduit:" + purpose ||
 *       0x01)}, 32 bytes.
 * </ol>
 *
 * <p>When one key is configured and the other is generated ({@code AutoGenerate}, or not set), the key {@link
 * MachineKeys} keeps in App_Data stands in for the missing one. When neither is configured, the App_Data key, already
 * a uniform 256-bit key, is the pseudorandom key itself (so sites that never configured a key keep the keys they had
 * before both keys were read).
 *
 * <p>So every server given the same two keys derives the same key for a purpose (a farm), and changing either key
 * changes every derived key. Made once per site on first use ({@link #of}); the App_Data key is created then, and
 * only when a key is missing. Thread-safe: a {@link Mac} is created per derivation, and each purpose's key is derived
 * once and kept (a page's view state asks for its keys on every request).
 */
public final class SiteKeys {
    /** The HKDF salt: fixed, so it only separates Conduit's use of the keys from any other. */
    private static final byte[] SALT = "Conduit machineKey v1".getBytes(StandardCharsets.US_ASCII);

    private static final String HMAC = "HmacSHA256";

    private final byte[] pseudorandomKey;
    private final java.util.concurrent.ConcurrentHashMap<String, byte[]> derived =
            new java.util.concurrent.ConcurrentHashMap<>();

    private SiteKeys(byte[] pseudorandomKey) {
        this.pseudorandomKey = pseudorandomKey;
    }

    /**
     * The site's keys, made on first use from the site root's {@code <machineKey>}.
     *
     * @throws dev.conduit.ConfigurationException when the App_Data key is needed and its file is damaged
     * @throws java.io.UncheckedIOException when the App_Data key is needed and cannot be stored or read
     */
    public static SiteKeys of(SiteServices site) {
        return site.feature(
                SiteKeys.class,
                s -> from(
                        s.configuration().forPath("/").get(MachineKeySection.SECTION),
                        () -> MachineKeys.loadOrGenerate(s.siteRoot())));
    }

    /**
     * The keys for {@code machineKey}; {@code generated} gives the App_Data key and is called only when a key is not
     * configured.
     */
    static SiteKeys from(MachineKey machineKey, Supplier<byte[]> generated) {
        byte[] validation = machineKey.validationKey();
        byte[] decryption = machineKey.decryptionKey();
        if (validation == null && decryption == null) {
            return new SiteKeys(generated.get());
        }
        // At most one is missing here, so the App_Data key is read at most once.
        byte[] v = validation != null ? validation : generated.get();
        byte[] d = decryption != null ? decryption : generated.get();
        ByteBuffer input = ByteBuffer.allocate(8 + v.length + d.length)
                .putInt(v.length)
                .put(v)
                .putInt(d.length)
                .put(d);
        return new SiteKeys(hmac(SALT, input.array()));
    }

    /**
     * The 256-bit key for {@code purpose}: the same on every server with the same {@code <machineKey>}, independent
     * of every other purpose's. Purposes are namespaced by feature ({@code "forms:ticket"} is Forms authentication's).
     *
     * @throws IllegalArgumentException for a blank purpose
     */
    public byte[] key(String purpose) {
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("a key purpose must not be blank");
        }
        return derived.computeIfAbsent(purpose, this::derive).clone(); // a copy: callers may not change the kept key
    }

    private byte[] derive(String purpose) {
        byte[] label = ("conduit:" + purpose).getBytes(StandardCharsets.UTF_8);
        byte[] info =
                ByteBuffer.allocate(label.length + 1).put(label).put((byte) 1).array();
        return hmac(pseudorandomKey, info);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
