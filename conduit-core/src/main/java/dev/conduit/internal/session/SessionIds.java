package dev.conduit.internal.session;

import java.security.SecureRandom;

/**
 * Session ids as System.Web's {@code SessionIDManager} makes them (spec §6.5): 24 characters from {@code a-z0-5}, 5
 * bits each, so 120 bits from a cryptographic random generator. URL-safe and cookie-safe.
 */
public final class SessionIds {
    /** The length of an id. */
    public static final int LENGTH = 24;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz012345".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    /** A new id: 120 bits from {@link SecureRandom}. */
    public static String create() {
        byte[] bits = new byte[15];
        RANDOM.nextBytes(bits);
        char[] id = new char[LENGTH];
        long buffer = 0;
        int held = 0;
        int out = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            held += 8;
            while (held >= 5) {
                held -= 5;
                id[out++] = ALPHABET[(int) (buffer >>> held) & 31];
            }
        }
        return new String(id);
    }

    /**
     * Tells whether {@code id} has the form of an id this runtime issues. Anything else a client sends is treated as
     * no id at all, so it never reaches a store.
     */
    public static boolean isValid(String id) {
        if (id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '5'))) {
                return false;
            }
        }
        return true;
    }
}
