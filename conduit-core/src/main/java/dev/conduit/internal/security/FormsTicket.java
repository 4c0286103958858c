package dev.conduit.internal.security;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Forms authentication ticket: who signed in, when, until when. The plaintext inside the cookie.
 *
 * <p><b>Format</b> (version 1, big-endian): version byte {@code 1}; flags byte (bit 0: persistent); issue time and
 * expiry as seconds since the epoch (8 bytes each); the user name and the cookie path, each as a 2-byte length and
 * UTF-8 bytes. About 22 bytes plus the two strings.
 *
 * @param userName who signed in
 * @param issued when the ticket was issued (whole seconds)
 * @param expires when it stops being accepted (whole seconds)
 * @param persistent whether the cookie outlives the browser session
 * @param cookiePath the cookie path it was issued for (kept as System.Web's {@code CookiePath}; not enforced)
 */
public record FormsTicket(String userName, Instant issued, Instant expires, boolean persistent, String cookiePath) {
    /** The format version this class writes and the only one it reads. */
    static final byte VERSION = 1;

    private static final int MAX_STRING_BYTES = 0xFFFF;

    /** Truncates the times to whole seconds, as they are stored. */
    public FormsTicket {
        issued = Instant.ofEpochSecond(issued.getEpochSecond());
        expires = Instant.ofEpochSecond(expires.getEpochSecond());
    }

    /** A ticket issued at {@code now} for {@code lifetime}. */
    public static FormsTicket issue(
            String userName, boolean persistent, Instant now, Duration lifetime, String cookiePath) {
        return new FormsTicket(userName, now, now.plus(lifetime), persistent, cookiePath);
    }

    /** Tells whether the ticket is no longer accepted at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /**
     * Tells whether a sliding ticket should be renewed at {@code now}: less than half its lifetime is left, as
     * System.Web's {@code RenewTicketIfOld}.
     */
    public boolean isPastHalfLife(Instant now) {
        Duration lifetime = Duration.between(issued, expires);
        return Duration.between(now, expires).compareTo(lifetime.dividedBy(2)) < 0;
    }

    /** A ticket issued at {@code now} with this one's lifetime, user, persistence and path. */
    public FormsTicket renewedAt(Instant now) {
        return new FormsTicket(userName, now, now.plus(Duration.between(issued, expires)), persistent, cookiePath);
    }

    /** The ticket in the version 1 format. */
    byte[] toBytes() {
        byte[] name = utf8(userName);
        byte[] path = utf8(cookiePath);
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + 8 + 8 + 2 + name.length + 2 + path.length);
        b.put(VERSION)
                .put((byte) (persistent ? 1 : 0))
                .putLong(issued.getEpochSecond())
                .putLong(expires.getEpochSecond())
                .putShort((short) name.length)
                .put(name)
                .putShort((short) path.length)
                .put(path);
        return b.array();
    }

    /** Reads the version 1 format; {@code null} for another version or anything malformed. */
    static @Nullable FormsTicket fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != VERSION) {
                return null;
            }
            byte flags = b.get();
            if ((flags & ~1) != 0) {
                return null;
            }
            long issued = b.getLong();
            long expires = b.getLong();
            String name = string(b);
            String path = string(b);
            if (b.hasRemaining() || name.isEmpty() || expires < issued) {
                return null;
            }
            return new FormsTicket(
                    name, Instant.ofEpochSecond(issued), Instant.ofEpochSecond(expires), (flags & 1) != 0, path);
        } catch (BufferUnderflowException | CharacterCodingException | DateTimeException e) {
            return null;
        }
    }

    private static String string(ByteBuffer b) throws CharacterCodingException {
        int length = Short.toUnsignedInt(b.getShort());
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = b.slice(b.position(), length);
        b.position(b.position() + length);
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice)
                .toString();
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("too long for a ticket: " + bytes.length + " bytes");
        }
        return bytes;
    }
}
