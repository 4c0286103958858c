package dev.conduit.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's HTTP/1.1 response encoder, which passes an {@link EncodedResponse} through as the bytes it already is.
 *
 * <p>An encoded response is whole (it starts and ends a response), and the exchange writes one only where Netty's
 * encoder would be between responses, so the encoder's own state (which remembers whether a streamed response is
 * chunked) stays right for the responses it encodes itself.
 */
final class ResponseEncoder extends HttpResponseEncoder {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof EncodedResponse encoded) {
            ctx.write(encoded.content(), promise);
            return;
        }
        super.write(ctx, msg, promise);
    }
}
