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

    private final SecretKeySpec key;

    ViewStateProtector(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
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
