package dev.conduit.web.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates view state, as ASP.NET's view state MAC (which cannot be turned off since 4.5.2): the field is the
 * bytes followed by their HMAC-SHA256, in base64. The key is the site's {@code "pages:viewstate"} key (derived from
 * {@code <machineKey>}, or generated once into {@code App_Data}), so another server with the same machine key accepts
 * it and a restart does not break a postback. The MAC also covers the purposes System.Web mixes in: the page's path
 * (ignoring case, as paths are), its class and the page's {@code ViewStateUserKey}, so view state from one page,
 * or one user, is refused by another.
 */
final class ViewStateProtector {
    private static final int TAG = 32;

    private static final int NONCE = 12;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final SecretKeySpec key;
    private final @org.jspecify.annotations.Nullable SecretKeySpec encryptionKey;
    /** The HMAC, made on first use; {@code doFinal} leaves it ready for the next (one request's thread uses it). */
    private @org.jspecify.annotations.Nullable Mac mac;

    /** With {@code encryptionKey} (32 bytes), {@link #encrypt} and {@link #decrypt} work too. */
    ViewStateProtector(byte[] key, byte @org.jspecify.annotations.Nullable [] encryptionKey) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.encryptionKey = encryptionKey == null ? null : new SecretKeySpec(encryptionKey, "AES");
    }

    /**
     * The field's value for {@code payload}, encrypted and authenticated with AES-256-GCM (a random 96-bit nonce, the
     * purposes as associated data): {@code ViewStateEncryptionMode} Always, or Auto when a control asked.
     */
    String encrypt(byte[] payload, byte[] purpose) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(
                    javax.crypto.Cipher.ENCRYPT_MODE,
                    encryptionKey,
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            aes.updateAAD(purpose);
            byte[] sealed = aes.doFinal(payload);
            byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The payload of an {@link #encrypt}ed field, or null when it is not base64 or does not open with the purposes. */
    byte @org.jspecify.annotations.Nullable [] decrypt(String field, byte[] purpose) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < NONCE + 16) {
            return null;
        }
        try {
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(
                    javax.crypto.Cipher.DECRYPT_MODE,
                    encryptionKey,
                    new javax.crypto.spec.GCMParameterSpec(128, bytes, 0, NONCE));
            aes.updateAAD(purpose);
            return aes.doFinal(bytes, NONCE, bytes.length - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The purposes of a page's view state. */
    static byte[] purpose(String pagePath, String pageClass, String userKey) {
        return ("pages:viewstate\n" + pagePath.toLowerCase(java.util.Locale.ROOT) + "\n" + pageClass + "\n" + userKey)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The field's value for {@code payload}. */
    String protect(byte[] payload, byte[] purpose) {
        byte[] out = Arrays.copyOf(payload, payload.length + TAG);
        System.arraycopy(mac(payload, purpose), 0, out, payload.length, TAG);
        return Base64.getEncoder().encodeToString(out);
    }

    /** The payload of {@code field}, or null when it is not base64, too short, or its MAC does not match. */
    byte @org.jspecify.annotations.Nullable [] unprotect(String field, byte[] purpose) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < TAG + 1) {
            return null;
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - TAG);
        byte[] tag = Arrays.copyOfRange(bytes, bytes.length - TAG, bytes.length);
        return MessageDigest.isEqual(tag, mac(payload, purpose)) ? payload : null;
    }

    private byte[] mac(byte[] payload, byte[] purpose) {
        try {
            Mac mac = this.mac;
            if (mac == null) {
                mac = this.mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
            }
            mac.update(intBytes(purpose.length));
            mac.update(purpose);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
