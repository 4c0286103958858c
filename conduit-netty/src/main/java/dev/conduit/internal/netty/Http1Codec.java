package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A clear-text HTTP/1.1 connection's first handler: the request decoder with its head checks ({@link HeadGuardDecoder}),
 * the response encoder ({@link ResponseEncoder}) and, once a flush leaves bytes waiting for the client, the minimum
 * response data rate ({@link SlowReaderGuard}), in one pipeline slot.
 *
 * <p>Why one: an idle keep-alive connection holds every handler of its pipeline and a context for each (64 bytes).
 * Netty's own {@code HttpServerCodec} combines decoder and encoder for the same reason; the guard, which must see
 * what enters the connection's buffer, is made only for a connection that ever leaves output waiting (a large
 * response to a slow client), not for each of the thousands that never do. Over TLS and on HTTP/2 the guard stays a
 * handler of its own in front of the TLS or HTTP/2 codec (it must count their bytes), and this codec is given a rate of
 * 0.
 *
 * <p>Everything here runs on the connection's event loop.
 */
final class Http1Codec extends HeadGuardDecoder implements ChannelOutboundHandler {
    /**
     * Netty's encoder (with Conduit's pass-through), made for the first response the exchange did not encode whole
     * itself ({@link EncodedResponse}): a streamed one, a 1xx, 204 or 205. Until then no response can be mid-way, and
     * a connection that only ever answered whole responses holds none.
     */
    private @Nullable ResponseEncoder encoder;
    /** The minimum response rate in bytes a second (0: none, or another handler guards the connection). */
    private final long minResponseRate;

    private @Nullable SlowReaderGuard guard;
    /**
     * Whole responses ({@link EncodedResponse}) encoded one after another since the last flush, written at the flush
     * (or before anything else is written): pipelined requests' responses leave as one buffer, not one each.
     */
    private @Nullable ByteBuf batch;
    /**
     * The batch buffer this connection took from its event loop's spare and wrote with a reference of its own, taken
     * back at the flush: to the spare when the socket took every byte of it, else let go.
     */
    private @Nullable ByteBuf lent;
    /** The connection is becoming HTTP/2 ({@link #stopEncoding}): writes pass through untouched. */
    private boolean encoderGone;

    Http1Codec(HttpDecoderConfig config, int maxHeaderCount, Arrivals arrivals, long minResponseRate) {
        super(config, maxHeaderCount, arrivals);
        this.minResponseRate = minResponseRate;
    }

    /**
     * Stops encoding: the connection upgrades to HTTP/2 (its 101 has gone out) and the HTTP/2 codec's frames, already
     * bytes, pass through while the decoder stays until that codec is in place to receive what it holds, as Netty's
     * {@code HttpServerCodec} removes its encoder first and its decoder last.
     */
    void stopEncoding() {
        encoderGone = true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (encoderGone) {
            writeBatch(ctx);
            ctx.write(msg, promise);
            return;
        }
        SlowReaderGuard g = guard;
        ChannelOutboundBuffer out = g == null ? null : g.watchedBuffer(ctx);
        if (g == null || out == null) {
            encode(ctx, msg, promise);
            return;
        }
        // What the encoder adds to the buffer, counted as the guard counts its own writes.
        long before = out.totalPendingWriteBytes();
        try {
            encode(ctx, msg, promise);
        } finally {
            g.added(out.totalPendingWriteBytes() - before); // what a failing encoder queued before it threw, too
        }
    }

    private void encode(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        ResponseEncoder e = encoder;
        if (msg instanceof EncodedResponse encoded && (e == null || !e.midResponse())) {
            if (promise.isVoid() && encoded.copiesWhole()) {
                // Kept for the flush, with the other responses of this read: nothing waits for its write.
                try {
                    ByteBuf b = batch;
                    if (b == null && lent == null) {
                        b = Spare.take(ctx);
                        batch = b;
                    }
                    ByteBuf into = encoded.appendTo(ctx.alloc(), b);
                    if (into != b) {
                        batch = into;
                        if (b != null && b.isReadable()) {
                            write(ctx, b); // full: it goes ahead of the batch carrying on
                        } else if (b != null && !Spare.give(b)) { // the spare, too small for this response
                            b.release();
                        }
                    }
                } finally {
                    encoded.release();
                }
                return;
            }
            writeBatch(ctx);
            ctx.write(encoded.encode(ctx.alloc()), promise); // nothing can be mid-way: passed as the encoder would
            return;
        }
        writeBatch(ctx); // whatever else is written goes after the responses before it
        if (e == null) {
            e = new ResponseEncoder();
            encoder = e;
        }
        e.write(ctx, msg, promise);
    }

    /** Writes the batch of whole responses encoded since the last flush, if any (not flushing it). */
    private void writeBatch(ChannelHandlerContext ctx) {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            write(ctx, b);
        }
    }

    /** Writes a batch; the spare is lent with a reference of this codec's, to be taken back at the flush. */
    private void write(ChannelHandlerContext ctx, ByteBuf b) {
        if (lent == null && b.capacity() == EncodedResponse.BATCH_SIZE) {
            lent = b.retain();
        }
        ctx.write(b, ctx.voidPromise());
    }

    /**
     * After a flush (or once the connection is gone): the lent spare goes back to the event loop when the socket has
     * taken all of it (the channel's buffer let go of it), else this codec lets go of it too.
     */
    private void takeBackSpare() {
        ByteBuf b = lent;
        if (b != null) {
            lent = null;
            if (b.refCnt() != 1 || !Spare.give(b)) {
                b.release();
            }
        }
    }

    /**
     * One batch buffer per event loop, reused from one flush to the next: a read's responses are encoded into it and
     * written, and once the socket has taken them (nearly always within the flush) the next read's go into it again.
     * It saves a buffer allocation per read that the profile of pipelined requests put at about 3 % of the server's
     * time. A connection whose bytes wait for its client keeps its buffer and the loop makes another; an idle
     * connection holds none.
     */
    private static final class Spare {
        private static final FastThreadLocal<Spare> LOOP = new FastThreadLocal<>() {
            @Override
            protected Spare initialValue() {
                return new Spare();
            }

            @Override
            protected void onRemoval(Spare spare) {
                ByteBuf b = spare.buffer;
                spare.buffer = null;
                if (b != null) {
                    b.release();
                }
            }
        };

        private @Nullable ByteBuf buffer;

        /** The loop's spare (empty), or a new buffer of the batch size that may become it. */
        static ByteBuf take(ChannelHandlerContext ctx) {
            Spare s = LOOP.get();
            ByteBuf b = s.buffer;
            if (b == null) {
                b = ctx.alloc().buffer(EncodedResponse.BATCH_SIZE, EncodedResponse.BATCH_SIZE);
            } else {
                s.buffer = null;
            }
            return b;
        }

        /**
         * Keeps {@code b}, a batch buffer of the batch size nobody else holds, as the loop's spare, emptied; false if
         * the loop has one already.
         */
        static boolean give(ByteBuf b) {
            Spare s = LOOP.get();
            if (s.buffer != null) {
                return false;
            }
            s.buffer = b.clear();
            return true;
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (batch != null) {
            SlowReaderGuard g = guard;
            ChannelOutboundBuffer out = g == null ? null : g.watchedBuffer(ctx);
            long before = out == null ? 0 : out.totalPendingWriteBytes();
            writeBatch(ctx);
            if (g != null && out != null) {
                g.added(out.totalPendingWriteBytes() - before);
            }
        }
        ctx.flush();
        takeBackSpare();
        if (minResponseRate <= 0) {
            return;
        }
        SlowReaderGuard g = guard;
        if (g == null) {
            ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
            if (out == null || out.isEmpty()) {
                return; // the common case: everything left at once, nothing to watch
            }
            g = new SlowReaderGuard(minResponseRate, ServerChannels.SLOW_READER_GRACE);
            guard = g;
        }
        g.flushed(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropBatch();
        takeBackSpare();
        stopGuard();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        dropBatch();
        takeBackSpare();
        stopGuard(); // an upgrade to HTTP/2 puts a guard of its own in front of the HTTP/2 codec
        super.handlerRemoved0(ctx);
    }

    /** Releases a batch nobody will write: the connection is gone, or this codec is. */
    private void dropBatch() {
        ByteBuf b = batch;
        if (b != null) {
            batch = null;
            b.release();
        }
    }

    private void stopGuard() {
        SlowReaderGuard g = guard;
        if (g != null) {
            g.stop();
        }
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(
            ChannelHandlerContext ctx,
            SocketAddress remoteAddress,
            SocketAddress localAddress,
            ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        writeBatch(ctx); // as Netty treats written messages at a close: failed and released, unless flushed before
        ctx.close(promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }
}
