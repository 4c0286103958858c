package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder with the head checks it does not make, applied to each complete raw header block before
 * Netty parses it.
 *
 * <p>Netty (configured strict) already rejects a bare LF line ending, Content-Length together with
 * Transfer-Encoding, duplicate Content-Length and malformed chunk sizes. It silently joins obsolete line folding
 * (obs-fold) and does not count header fields. Both are request-smuggling material (RFC 9112 §5.2 lets a server
 * reject obs-fold with 400; a lone CR is invalid everywhere), so this decoder rejects: a header line starting with
 * SP or HT, a CR not followed by LF, an LF not preceded by CR, and more than {@code maxHeaderCount} fields. A
 * rejected head is reported through {@link HeadRejected} and every later byte of the connection is discarded: once
 * framing is in doubt the connection is closed, never reused.
 */
final class HeadGuardDecoder extends HttpRequestDecoder {
    private final int maxHeaderCount;
    private final int maxHeadBytes;
    private boolean atMessageStart = true;
    private boolean rejected;

    /** Fired (as a user event) when a head is rejected; {@code status} is 400 or 431. */
    record HeadRejected(int status, String reason) {}

    HeadGuardDecoder(HttpDecoderConfig config, int maxHeaderCount) {
        super(config);
        this.maxHeaderCount = maxHeaderCount;
        this.maxHeadBytes = config.getMaxInitialLineLength() + config.getMaxHeaderSize() + 4;
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
            if (verdict != OK) {
                rejected = true;
                buffer.skipBytes(buffer.readableBytes());
                ctx.fireUserEventTriggered(
                        verdict == TOO_MANY
                                ? new HeadRejected(431, "Too many header fields (more than " + maxHeaderCount + ").")
                                : new HeadRejected(
                                        400,
                                        verdict == FOLDED
                                                ? "Obsolete line folding is not allowed in request headers."
                                                : "Invalid line ending in the request head (CR and LF must come together)."));
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

    private static final int OK = 0;
    private static final int INCOMPLETE = 1;
    private static final int FOLDED = 2;
    private static final int BAD_LINE_END = 3;
    private static final int TOO_MANY = 4;

    /**
     * Checks the head starting at the reader index (after any empty lines between requests, which Netty skips). A
     * head longer than Netty's limits is passed on as complete, so that Netty reports it as too long.
     */
    private int checkHead(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        while (start < end && (buf.getByte(start) == '\r' || buf.getByte(start) == '\n')) {
            start++;
        }
        int limit = Math.min(end, start + maxHeadBytes);
        int lines = 0;
        int lineStart = start;
        for (int i = start; i < limit; i++) {
            byte b = buf.getByte(i);
            if (b == '\r') {
                if (i + 1 >= end) {
                    return INCOMPLETE;
                }
                if (buf.getByte(i + 1) != '\n') {
                    return BAD_LINE_END;
                }
                continue;
            }
            if (b != '\n') {
                continue;
            }
            if (i == start || buf.getByte(i - 1) != '\r') {
                return BAD_LINE_END;
            }
            int lineLength = i - 1 - lineStart;
            if (lineLength == 0) {
                return OK;
            }
            if (lines > 0 && (buf.getByte(lineStart) == ' ' || buf.getByte(lineStart) == '\t')) {
                return FOLDED;
            }
            lines++;
            if (lines - 1 > maxHeaderCount) {
                return TOO_MANY;
            }
            lineStart = i + 1;
        }
        return limit < end || end - start >= maxHeadBytes ? OK : INCOMPLETE;
    }
}
