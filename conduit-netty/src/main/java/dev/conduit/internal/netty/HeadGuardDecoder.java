package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Netty's request decoder with the head checks it does not make, applied to each raw request head before Netty parses
 * it.
 *
 * <p>Netty (configured strict, see {@link ServerChannels#decoderConfig}) already rejects Content-Length together with
 * Transfer-Encoding, duplicate Content-Length, a Transfer-Encoding whose last coding is not chunked, malformed chunk
 * sizes and header names with whitespace. It silently joins obsolete line folding (obs-fold), splits the request
 * line on any run of whitespace and does not count header fields. All of that is request-smuggling material (RFC
 * 9112 §3 asks for single spaces, §5.2 lets a server reject obs-fold with 400, and a lone CR or LF is invalid
 * everywhere), so this decoder rejects: a request line that is not {@code method SP target SP version} with single
 * spaces and no control characters, a header line starting with SP or HT, a CR not followed by LF, an LF not preceded
 * by CR, and more than {@code maxHeaderCount} fields. A rejected head is reported through a {@link HeadRejection} (a user event) and
 * every later byte of the connection is discarded: once framing is in doubt the connection is closed, never reused.
 *
 * <p>The check is incremental: a head arriving a byte at a time is scanned once, not once per byte. A head that is
 * already longer than Netty's limits is handed to Netty unfinished, so that Netty reports it (414 or 431) without
 * waiting for the rest.
 */
sealed class HeadGuardDecoder extends HttpRequestDecoder permits Http1Codec {
    /** Told first on every read: the connection's head timer starts at the first byte. */
    interface Arrivals {
        /** Bytes arrived from the socket, before they are decoded. */
        void bytesArrived();
    }

    private static final Arrivals NOBODY = () -> {};

    private final Arrivals arrivals;

    private static final int OK = 0;
    private static final int INCOMPLETE = 1;
    private static final int FOLDED = 2;
    private static final int BAD_LINE_END = 3;
    private static final int TOO_MANY = 4;
    private static final int BAD_REQUEST_LINE = 5;

    private final int maxHeaderCount;
    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private boolean atMessageStart = true;
    private boolean rejected;

    // Where the scan of the pending head stands; offsets count from the buffer's reader index, which does not move
    // until the head is accepted (the cumulation may be compacted, but the offsets stay valid).
    private int scanned;
    private int headStart = -1;
    private int lineStart;
    private int lines;
    private long headerBytes;

    HeadGuardDecoder(HttpDecoderConfig config, int maxHeaderCount) {
        this(config, maxHeaderCount, NOBODY);
    }

    /**
     * A decoder that also tells the connection when bytes arrive, before they are decoded (one handler instead of two:
     * an idle connection holds every handler of its pipeline).
     */
    HeadGuardDecoder(HttpDecoderConfig config, int maxHeaderCount, Arrivals arrivals) {
        super(config);
        this.arrivals = arrivals;
        this.maxHeaderCount = maxHeaderCount;
        this.maxRequestLine = config.getMaxInitialLineLength();
        this.maxHeaderBytes = config.getMaxHeaderSize();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        arrivals.bytesArrived();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (rejected) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (atMessageStart) {
            int verdict = checkHead(buffer);
            if (verdict == INCOMPLETE) {
                return;
            }
            resetScan();
            if (verdict != OK) {
                rejected = true;
                buffer.skipBytes(buffer.readableBytes());
                ctx.fireUserEventTriggered(rejection(verdict));
                return;
            }
            atMessageStart = false;
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof LastHttpContent) {
                atMessageStart = true;
            }
        }
    }

    private HeadRejection rejection(int verdict) {
        return switch (verdict) {
            case TOO_MANY -> new HeadRejection(431, "Too many header fields (more than " + maxHeaderCount + ").");
            case FOLDED -> new HeadRejection(400, "Obsolete line folding is not allowed in request headers.");
            case BAD_REQUEST_LINE ->
                new HeadRejection(400, "Malformed request line (expected: method SP target SP version).");
            default ->
                new HeadRejection(400, "Invalid line ending in the request head (CR and LF must come together).");
        };
    }

    private void resetScan() {
        scanned = 0;
        headStart = -1;
        lineStart = 0;
        lines = 0;
        headerBytes = 0;
    }

    /**
     * Checks the head at the reader index, from where the previous call stopped. Empty lines before a request line
     * are skipped, as Netty (and RFC 9112 §2.2) does.
     *
     * <p>The bytes are scanned in a copy, a window of the buffer from the start of the current line taken a chunk at a
     * time into a per-thread array: reading a direct buffer a byte at a time goes through {@code ByteBuffer.get} with
     * its bounds and liveness checks when Netty may not use {@code Unsafe} (JDK 24 and later by default), which made
     * this check cost as much as Netty's whole parse of the head.
     */
    private int checkHead(ByteBuf buf) {
        int base = buf.readerIndex();
        int end = buf.readableBytes();
        byte[] w = window();
        int i = scanned;
        int from = i; // w holds the bytes [from, to) of the pending head (offsets from the reader index)
        int to = i;
        while (true) {
            if (i == to) {
                if (to == end) {
                    break;
                }
                // Refill from the start of the current line, which must be whole in the window to be checked.
                from = headStart < 0 ? i : lineStart;
                int want = Math.min(Math.max(CHUNK, 2 * (i - from)), w.length);
                if (i - from >= want) {
                    return OK; // a line longer than any limit: Netty refuses it (414 or 431)
                }
                int n = Math.min(end - from, want);
                buf.getBytes(base + from, w, 0, n);
                to = from + n;
            }
            byte b = w[i - from];
            if (headStart >= 0 && b != '\r' && b != '\n') {
                i = from + lineBreak(w, i + 1 - from, to - from); // the rest of the line, eight bytes at a time
                continue;
            }
            if (headStart < 0) {
                if (isLineBreak(b)) {
                    i++;
                    continue;
                }
                if (!isTokenChar(b)) {
                    return BAD_REQUEST_LINE;
                }
                headStart = i;
                lineStart = i;
            }
            if (b == '\r') {
                if (i + 1 == to) {
                    if (to == end) {
                        break; // the last byte so far: is it followed by LF? Looked at again when more bytes came.
                    }
                    if (i + 1 - from >= w.length) {
                        return OK; // the line and its CR fill the longest window: over the limits, Netty refuses it
                    }
                    to = i; // refill, then look at this CR again
                    continue;
                }
                if (w[i + 1 - from] != '\n') {
                    return BAD_LINE_END; // a CR followed by anything but LF
                }
            } else if (b == '\n') {
                if (i == lineStart || w[i - 1 - from] != '\r') {
                    return BAD_LINE_END;
                }
                int length = i - 1 - lineStart;
                if (length == 0) {
                    return OK;
                }
                if (lines == 0) {
                    if (!isRequestLine(w, lineStart - from, length)) {
                        return BAD_REQUEST_LINE;
                    }
                } else {
                    byte first = w[lineStart - from];
                    if (first == ' ' || first == '\t') {
                        return FOLDED;
                    }
                    headerBytes += length;
                    if (lines > maxHeaderCount) {
                        return TOO_MANY;
                    }
                }
                lines++;
                lineStart = i + 1;
            }
            i++;
        }
        scanned = i;
        // Already over a limit: let Netty see it now and report it, rather than wait for the rest of the head. The
        // unfinished line may end in the CR of a line at exactly the limit, hence the + 1; past it, Netty refuses
        // the line whatever follows.
        int partial = end - lineStart;
        if (headStart >= 0
                && (lines == 0 ? partial > maxRequestLine + 1 : headerBytes + partial > maxHeaderBytes + 1)) {
            return OK;
        }
        return INCOMPLETE;
    }

    /** The first copy of a head: most heads fit, and a pipelined burst copies this much per request, not the rest. */
    private static final int CHUNK = 128;

    /** The network thread's window array (a decoder runs on its connection's network thread only). */
    private static final FastThreadLocal<byte[]> WINDOW = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[CHUNK];
        }
    };

    /** The window array, at least as long as the longest line this decoder may accept, plus its CR LF. */
    private byte[] window() {
        byte[] w = WINDOW.get();
        int need = Math.max(maxRequestLine, maxHeaderBytes) + 2;
        if (w.length < need) {
            w = new byte[need];
            WINDOW.set(w);
        }
        return w;
    }

    /**
     * {@code token SP target SP version}: single spaces, no control characters (RFC 9112 §3). The method a byte at a
     * time (token characters); the rest eight bytes at a time (SWAR), as it is most of the line: a byte loop with its
     * three tests per byte was a third of the head checks' time in a pipelined profile.
     */
    static boolean isRequestLine(byte[] line, int start, int length) {
        int end = start + length;
        int i = start;
        while (i < end && line[i] != ' ') {
            if (!isTokenChar(line[i])) {
                return false;
            }
            i++;
        }
        if (i == start || i >= end - 1) {
            return false; // no method, no space, or a space last
        }
        // From the first space: count the spaces, refuse two in a row, a control character or DEL.
        int spaces = 0;
        boolean lastWasSpace = false;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(line, i);
            // A byte under 0x20 (bytes of 0x80 and above are not: ~word clears their flag), or a DEL: exact for
            // whether there is one, which is all that is asked.
            if (((((word - 0x20 * ONES) & ~word) & HIGHS) | zeroBytes(word ^ (0x7f * ONES))) != 0) {
                return false;
            }
            long space = zeroBytes(word ^ (' ' * ONES)); // 0x80 exactly where a space is
            if (space != 0) {
                if ((space & (space >>> 8)) != 0 || lastWasSpace && (space & 0x80) != 0) {
                    return false;
                }
                spaces += Long.bitCount(space);
            }
            lastWasSpace = space < 0; // the word's last byte (little-endian: its high byte) is a space
        }
        for (; i < end; i++) {
            byte b = line[i];
            if (b == ' ') {
                if (lastWasSpace) {
                    return false;
                }
                spaces++;
                lastWasSpace = true;
            } else if ((b >= 0 && b < 0x20) || b == 0x7f) {
                return false;
            } else {
                lastWasSpace = false;
            }
        }
        return spaces == 2 && line[end - 1] != ' ';
    }

    /** 0x80 in each byte of {@code v} that is zero, and 0 in every other byte (exact, no borrow between bytes). */
    private static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }

    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The index of the first CR or LF of {@code a[from, end)}, or {@code end}: eight bytes a step (SWAR). */
    static int lineBreak(byte[] a, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(a, i);
            long cr = word ^ ('\r' * ONES);
            long lf = word ^ ('\n' * ONES);
            // A zero byte of cr or lf is a CR or LF of word; the lowest flag of each is exact (a borrow only
            // flags bytes above a zero byte), and so is the lowest of both.
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (isLineBreak(a[i])) {
                return i;
            }
        }
        return end;
    }

    private static boolean isLineBreak(byte b) {
        return b == '\r' || b == '\n';
    }

    /** The tchars of RFC 9110 §5.6.2, by byte value. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN[c] = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    /** A tchar of RFC 9110 §5.6.2. */
    private static boolean isTokenChar(byte b) {
        return b > 0 && TOKEN[b];
    }
}
