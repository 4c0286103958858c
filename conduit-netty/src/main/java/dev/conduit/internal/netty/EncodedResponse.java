package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.jspecify.annotations.Nullable;

/**
 * A whole HTTP/1.1 response (status line, head and body) that the exchange answering it hands to the connection's
 * codec ({@link Http1Codec}, or {@link ResponseEncoder} once a connection has one) to encode as it is: its head, as
 * name-value pairs the exchange already has, and its body.
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
 * <p>Why the codec encodes it rather than the exchange: the codec can put the responses of one read (pipelined
 * requests) one after another into a buffer it keeps until the flush ({@link #appendTo}), which is one allocation and
 * one write to the socket's queue for a batch instead of one of each per response (pipelined 16 deep, the responses of
 * a read leave in two buffers; alternating builds, pipelined rates 1.12 async and 1.27 sync; docs/performance.md).
 *
 * <p>The part of a head that repeats from response to response (the status line, the handler's headers when they
 * are a collection the runtime keeps, as a content type's is, then Server and Date) is kept encoded, a few per event
 * loop, and copied in one go; only the framing and connection lines are written per response.
 *
 * <p>Only what a full response of an HTTP/1.1 connection needs: a status of 200 or more other than 204 and 205 (for
 * those Netty's encoder rewrites the framing headers, and the exchange leaves it to), a body known whole. HTTP/2
 * streams and streamed responses keep Netty's objects.
 */
final class EncodedResponse extends AbstractReferenceCounted {
    /** A body up to this size is copied behind its head (one buffer); a larger one follows it as a second component. */
    static final int COPY_LIMIT = 4096;

    /** A batch of responses ({@link #appendTo}) starts in a buffer of at least this size. */
    static final int BATCH_SIZE = 4096;

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

    private final Head head;
    /** The body as a buffer this response owns (released with it), or null when it is {@link #array}'s range. */
    private @Nullable ByteBuf body;

    private final byte @Nullable [] array;
    private final int offset;
    /** The body's length as written: 0 for a 304, whose body Netty never writes. */
    private final int length;

    private EncodedResponse(Head head, @Nullable ByteBuf body, byte @Nullable [] array, int offset, int length) {
        this.head = head;
        this.body = body;
        this.array = array;
        this.offset = offset;
        this.length = head.status().code() == 304 ? 0 : length; // as Netty: a 304 never has a body
    }

    /** Whether a response of {@code status} may be encoded here (see the class comment). */
    static boolean encodes(int status) {
        return status >= 200 && status != 204 && status != 205;
    }

    /** The response with {@code head} and {@code body}, whose ownership passes to the result. */
    static EncodedResponse of(Head head, ByteBuf body) {
        return new EncodedResponse(head, body, null, 0, body.readableBytes());
    }

    /**
     * The response with {@code head} and the body {@code body[offset, offset + length)}, which is read when the
     * response is encoded, not copied here: only for a write on the event loop that reaches the codec before the
     * writer's call returns (no handler in between that queues writes), whose caller may then reuse the array.
     */
    static EncodedResponse of(Head head, byte[] body, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, body.length); // here, not deep in the codec at the write
        return new EncodedResponse(head, null, body, offset, length);
    }

    /** Whether the response is written as one buffer (its body copied behind its head), so it can join a batch. */
    boolean copiesWhole() {
        return array != null || length <= COPY_LIMIT; // an array is copied whatever its size
    }

    /**
     * The response encoded in a buffer of its own, with the body behind the head; or for a body over {@link
     * #COPY_LIMIT} a composite of the head and the body. What this response held is the result's now: it is
     * released.
     */
    ByteBuf encode(ByteBufAllocator alloc) {
        try {
            if (copiesWhole()) {
                return appendTo(alloc, null);
            }
            ByteBuf b = java.util.Objects.requireNonNull(body); // an array body is never over the limit here
            byte[] prefix = head.prefix();
            int headLength = head.length(prefix);
            ByteBuf out = alloc.buffer(headLength); // should it fail, the body is released with this response
            try {
                head.encodeInto(out, prefix, headLength);
                ByteBuf whole = alloc.compositeBuffer(2).addComponents(true, out, b);
                body = null; // the composite's now
                return whole;
            } catch (RuntimeException | Error e) {
                out.release();
                throw e;
            }
        } finally {
            release();
        }
    }

    /**
     * Encodes the response ({@link #copiesWhole}) at the end of {@code batch} when it has room, else into a new buffer
     * ({@link #BATCH_SIZE} at least when {@code batch} is given: the batch carries on there; exactly its size when not)
     * and returns it. The caller writes a batch it gets back a different buffer for. Does not release this response.
     */
    ByteBuf appendTo(ByteBufAllocator alloc, @Nullable ByteBuf batch) {
        byte[] prefix = head.prefix();
        int headLength = head.length(prefix);
        int n = headLength + length;
        ByteBuf out = batch != null && batch.writableBytes() >= n
                ? batch
                : alloc.buffer(batch == null ? n : Math.max(n, BATCH_SIZE));
        int start = out.writerIndex();
        try {
            head.encodeInto(out, prefix, headLength);
            ByteBuf b = body;
            if (b != null) {
                out.writeBytes(b, b.readerIndex(), length);
            } else if (array != null) {
                out.writeBytes(array, offset, length);
            }
            return out;
        } catch (RuntimeException | Error e) {
            // Never half a response in a batch (a head whose body did not follow would frame the next response).
            if (out == batch) {
                out.writerIndex(start);
            } else {
                out.release();
            }
            throw e;
        }
    }

    @Override
    protected void deallocate() {
        ByteBuf b = body;
        body = null;
        if (b != null) {
            b.release();
        }
    }

    @Override
    public EncodedResponse touch(Object hint) {
        ByteBuf b = body;
        if (b != null) {
            b.touch(hint);
        }
        return this;
    }

    /**
     * A response head: the status, and the header lines as name-value pairs (names and values alternating, none
     * null) of which the first {@code repeated} entries may repeat from response to response: {@code key}, an
     * immutable object, stands for their names and values by its identity, the last value (the date) excepted.
     */
    record Head(HttpResponseStatus status, CharSequence[] pairs, int repeated, Object key) {
        /** The encoded head's length in bytes (status line, header lines, the empty line), {@code prefix} its start. */
        private int length(byte[] prefix) {
            return prefix.length + linesLength(pairs, repeated, pairs.length) + 2;
        }

        /** Writes the encoded head, {@code length} bytes starting with {@code prefix} ({@link #prefix}), into out. */
        private void encodeInto(ByteBuf out, byte[] prefix, int length) {
            byte[] head = scratch(length);
            System.arraycopy(prefix, 0, head, 0, prefix.length);
            int end = compose(head, prefix.length, pairs, repeated, pairs.length);
            head[end++] = '\r';
            head[end] = '\n';
            out.writeBytes(head, 0, length);
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
