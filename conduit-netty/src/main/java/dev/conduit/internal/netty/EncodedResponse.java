package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * A whole HTTP/1.1 response (status line, head and body) encoded by the exchange that answers it, which {@link
 * ResponseEncoder} passes to the socket as it is.
 *
 * <p>Why not Netty's {@code HttpResponseEncoder}: it was a fifth of the time of a pipelined plaintext request (JFR,
 * 2026-12-06: 22 % in {@code HttpObjectEncoder.write}), for three reasons that do not apply here. It writes the head
 * into direct memory a byte at a time wherever a value is a {@code String} (each byte a {@code ByteBuffer.put} with
 * its checks, as Netty runs without {@code Unsafe} on JDK 24+); it copies a body that the exchange had just copied
 * into a buffer of its own; and it walks a headers object built for it. Here the head goes into a plain array (the
 * event loop's, reused) from the name-value pairs the exchange already has, the body is copied once behind it, and
 * the direct buffer is filled with one bulk copy. The bytes are Netty's, exactly (EncodedResponseTest compares them):
 * a character above U+00FF becomes {@code ?}, as in {@code AsciiString.c2b}.
 *
 * <p>The part of a head that repeats from response to response (the status line, the handler's headers when they
 * are a collection the runtime keeps, as a content type's is, then Server and Date) is kept encoded, a few per event
 * loop, and copied in one go; only the framing and connection lines are written per response.
 *
 * <p>Only what a full response of an HTTP/1.1 connection needs: a status of 200 or more other than 204 and 205 (for
 * those Netty's encoder rewrites the framing headers, and the exchange leaves it to), a body known whole. HTTP/2
 * streams and streamed responses keep Netty's objects.
 */
final class EncodedResponse extends DefaultByteBufHolder {
    /** A body up to this size is copied behind its head (one buffer); a larger one follows it as a second component. */
    static final int COPY_LIMIT = 4096;

    private static final byte[] HTTP_1_1 = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' '};

    /**
     * {@code "HTTP/1.1 200 OK\r\n"} and the like, for Netty's standard statuses (those {@code valueOf} answers with a
     * constant), made when the class is initialized: the arrays are then safely visible to every event loop.
     */
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code = 100; code < STATUS_LINES.length; code++) {
            HttpResponseStatus s = HttpResponseStatus.valueOf(code);
            if (s == HttpResponseStatus.valueOf(code)) {
                STATUS_LINES[code] = makeStatusLine(s);
            }
        }
    }

    /** The scratch array kept per event loop grows to this at most; a larger head gets an array of its own. */
    private static final int SCRATCH_KEPT = 16 * 1024;

    /** The event loop's array the head is composed in (the loop encodes one response at a time). */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[1024];
        }
    };

    private EncodedResponse(ByteBuf data) {
        super(data);
    }

    /** Whether a response of {@code status} may be encoded here (see the class comment). */
    static boolean encodes(int status) {
        return status >= 200 && status != 204 && status != 205;
    }

    /**
     * The response with {@code head} and {@code body}, whose ownership passes to the result.
     */
    static EncodedResponse of(ByteBufAllocator alloc, Head head, ByteBuf body) {
        int length = head.status().code() == 304 ? 0 : body.readableBytes(); // as Netty: a 304 never has a body
        boolean copy = length <= COPY_LIMIT;
        ByteBuf out;
        try {
            out = head.encode(alloc, copy ? length : 0);
        } catch (RuntimeException | Error e) {
            body.release(); // the body was the caller's to give: not lost when the head cannot be made (no memory)
            throw e;
        }
        if (copy) {
            out.writeBytes(body, body.readerIndex(), length);
            body.release();
            return new EncodedResponse(out);
        }
        return new EncodedResponse(alloc.compositeBuffer(2).addComponents(true, out, body));
    }

    /** As {@link #of(ByteBufAllocator, Head, ByteBuf)}, the body copied from an array. */
    static EncodedResponse of(ByteBufAllocator alloc, Head head, byte[] body, int offset, int length) {
        int n = head.status().code() == 304 ? 0 : length;
        return new EncodedResponse(head.encode(alloc, n).writeBytes(body, offset, n));
    }

    /**
     * A response head: the status, and the header lines as name-value pairs (names and values alternating, none
     * null) of which the first {@code repeated} entries may repeat from response to response: {@code key}, an
     * immutable object, stands for their names and values by its identity, the last value (the date) excepted.
     */
    record Head(HttpResponseStatus status, CharSequence[] pairs, int repeated, Object key) {
        /** A buffer holding the encoded head, with room for {@code bodyLength} more bytes. */
        ByteBuf encode(ByteBufAllocator alloc, int bodyLength) {
            byte[] prefix = prefix();
            int length = prefix.length + linesLength(pairs, repeated, pairs.length) + 2; // + the empty last line
            byte[] head = scratch(length);
            System.arraycopy(prefix, 0, head, 0, prefix.length);
            int end = compose(head, prefix.length, pairs, repeated, pairs.length);
            head[end++] = '\r';
            head[end] = '\n';
            return alloc.buffer(length + bodyLength).writeBytes(head, 0, length);
        }

        /** The status line and the repeated lines, encoded: kept on an event loop, made otherwise. */
        private byte[] prefix() {
            if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
                return makePrefix();
            }
            Prefixes kept = PREFIXES.get();
            int slot = System.identityHashCode(key) & (Prefixes.SLOTS - 1);
            CharSequence last = repeated == 0 ? null : pairs[repeated - 1];
            if (kept.keys[slot] == key && kept.statuses[slot] == status && kept.lasts[slot] == last) {
                return kept.bytes[slot];
            }
            byte[] made = makePrefix();
            kept.keys[slot] = key;
            kept.statuses[slot] = status;
            kept.lasts[slot] = last;
            kept.bytes[slot] = made;
            return made;
        }

        private byte[] makePrefix() {
            byte[] line = statusLine(status);
            byte[] prefix = new byte[line.length + linesLength(pairs, 0, repeated)];
            System.arraycopy(line, 0, prefix, 0, line.length);
            compose(prefix, line.length, pairs, 0, repeated);
            return prefix;
        }
    }

    /** An event loop's encoded head prefixes, a few, by the identity of their key (a new one replaces an old). */
    private static final class Prefixes {
        static final int SLOTS = 8;
        final Object[] keys = new Object[SLOTS];
        final HttpResponseStatus[] statuses = new HttpResponseStatus[SLOTS];
        final CharSequence[] lasts = new CharSequence[SLOTS];
        final byte[][] bytes = new byte[SLOTS][];
    }

    private static final FastThreadLocal<Prefixes> PREFIXES = new FastThreadLocal<>() {
        @Override
        protected Prefixes initialValue() {
            return new Prefixes();
        }
    };

    private static byte[] scratch(int length) {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            return new byte[length]; // a request thread (rare: most full responses are written on the event loop)
        }
        if (length > SCRATCH_KEPT) {
            return new byte[length]; // an outsized head (many cookies): not kept for the life of the loop
        }
        byte[] a = SCRATCH.get();
        if (a.length < length) {
            a = new byte[Math.max(length, 2 * a.length)];
            SCRATCH.set(a);
        }
        return a;
    }

    private static byte[] statusLine(HttpResponseStatus status) {
        int code = status.code();
        byte[] line = code >= 0 && code < STATUS_LINES.length ? STATUS_LINES[code] : null;
        // A kept line only for the very status object it was made from: a custom reason phrase gets its own.
        return line != null && HttpResponseStatus.valueOf(code) == status ? line : makeStatusLine(status);
    }

    private static byte[] makeStatusLine(HttpResponseStatus status) {
        String reason = status.reasonPhrase();
        CharSequence code = status.codeAsText();
        byte[] line = new byte[HTTP_1_1.length + code.length() + 1 + reason.length() + 2];
        System.arraycopy(HTTP_1_1, 0, line, 0, HTTP_1_1.length);
        int at = put(line, HTTP_1_1.length, code);
        line[at++] = ' ';
        at = put(line, at, reason);
        line[at++] = '\r';
        line[at] = '\n';
        return line;
    }

    /** The length of the header lines of {@code pairs[from, to)}, encoded ({@code name: value} and CR LF each). */
    private static int linesLength(CharSequence[] pairs, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i += 2) {
            n += pairs[i].length() + 2 + pairs[i + 1].length() + 2;
        }
        return n;
    }

    /** Writes the header lines of {@code pairs[from, to)} at {@code at}; returns where they end. */
    private static int compose(byte[] head, int at, CharSequence[] pairs, int from, int to) {
        for (int i = from; i < to; i += 2) {
            at = put(head, at, pairs[i]);
            head[at++] = ':';
            head[at++] = ' ';
            at = put(head, at, pairs[i + 1]);
            head[at++] = '\r';
            head[at++] = '\n';
        }
        return at;
    }

    /** Writes {@code s} at {@code at} as Netty writes a header (one byte a character, {@code ?} above U+00FF). */
    private static int put(byte[] a, int at, CharSequence s) {
        int n = s.length();
        if (s instanceof AsciiString ascii) {
            System.arraycopy(ascii.array(), ascii.arrayOffset(), a, at, n);
            return at + n;
        }
        for (int i = 0; i < n; i++) {
            a[at + i] = AsciiString.c2b(s.charAt(i));
        }
        return at + n;
    }
}
