package dev.conduit.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Netty's HTTP/1.1 response encoder, which passes an {@link EncodedResponse} through as the bytes it already is.
 *
 * <p>An encoded response is whole (it starts and ends a response), and the exchange writes one only where Netty's
 * encoder is between responses, so the encoder's own state (which remembers whether a streamed response is chunked)
 * stays right for the responses it encodes itself. That is checked rather than trusted: an encoded response arriving
 * while a streamed one is unfinished would put its bytes inside the other's body, and fails its write instead.
 */
final class ResponseEncoder extends HttpResponseEncoder {
    /** A streamed response's head went out and its last content has not. */
    private boolean midResponse;

    /** Whether a streamed response is under way: a whole one written now would land inside its body. */
    boolean midResponse() {
        return midResponse;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof EncodedResponse encoded) {
            if (midResponse) {
                encoded.release();
                promise.setFailure(new IllegalStateException("a whole response written inside a streamed one"));
                return;
            }
            ctx.write(encoded.encode(ctx.alloc()), promise);
            return;
        }
        if (msg instanceof HttpResponse && !(msg instanceof FullHttpResponse)) {
            midResponse = true;
        }
        if (msg instanceof LastHttpContent) {
            midResponse = false;
        }
        super.write(ctx, msg, promise);
    }
}
