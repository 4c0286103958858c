package dev.conduit.internal.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals {@link FormsTicket}s into cookie values and opens them again: AES-256-GCM, so a ticket can be neither read
 * nor changed without the key.
 *
 * <p><b>Cookie value:</b> Base64url without padding of {@code nonce (12 random bytes) || ciphertext || tag (16
 * bytes)}. Every ticket gets a fresh random 96-bit nonce from {@link SecureRandom}; the associated data is the fixed
 * label {@code Conduit.FormsAuthentication.Ticket.v1}, so a value sealed for another purpose does not open here even
 * under the same key.
 *
 * <p><b>Key:</b> the site's key for the purpose {@value #KEY_PURPOSE} ({@link SiteKeys}), derived from {@code
 * <machineKey>} like every other feature's key and independent of them (as ASP.NET 4.5 derives a key per purpose).
 *
 * <p>Thread-safe: a {@link Cipher} is created per call.
 */
public final class TicketProtector {
    /** The purpose whose {@link SiteKeys#key} seals tickets. */
    public static final String KEY_PURPOSE = "forms:ticket";

    private static final String LABEL = "Conduit.FormsAuthentication.Ticket.v1";
    private static final byte[] ASSOCIATED_DATA = LABEL.getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Longer values are not tickets (a cookie is at most about 4 KiB anyway); refused before decoding. */
    private static final int MAX_VALUE_LENGTH = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /**
     * A protector sealing with {@code ticketKey}, the site's key for {@link #KEY_PURPOSE}.
     *
     * @throws IllegalArgumentException unless the key has 32 bytes
     */
    public TicketProtector(byte[] ticketKey) {
        if (ticketKey.length != 32) {
            throw new IllegalArgumentException("the ticket key must have 32 bytes: " + ticketKey.length);
        }
        this.key = new SecretKeySpec(ticketKey, "AES");
    }

    /** The cookie value for {@code ticket}. */
    public String protect(FormsTicket ticket) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = c.doFinal(ticket.toBytes());
            ByteBuffer out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * The ticket sealed in {@code cookieValue}, or {@code null} when it is not one of ours: not Base64url, too short,
     * changed in any bit, sealed with another key, or of an unknown format. Expiry is not checked here.
     */
    public @Nullable FormsTicket unprotect(String cookieValue) {
        if (cookieValue.isEmpty() || cookieValue.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cookieValue);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8 + 1) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            c.updateAAD(ASSOCIATED_DATA);
            byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return FormsTicket.fromBytes(plain);
        } catch (AEADBadTagException forgedOrDamaged) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }
}
