package dev.conduit.internal.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The minimum response data rate (Kestrel's {@code MinResponseDataRate}): a client that stops reading, or reads more
 * slowly than {@code minRate} bytes a second on average once {@code grace} has passed, while output waits for it in
 * the connection's buffer, is cut, so that it cannot hold a request, its buffers and its thread for ever.
 *
 * <p>It costs nothing while output leaves as fast as it is written: a flush that leaves the buffer empty (the common
 * case) schedules nothing. Only when bytes remain after a flush is the buffer sampled once a second, until it empties:
 * how many bytes left since the last sample (the buffer's pending bytes that went, and the progress within the message
 * being written, a file's included), counting what the server wrote meanwhile as the buffer counts it, so that a
 * server write (a PING's acknowledgement, another response) neither hides nor fakes what the client took. The first handler of a connection's pipeline, so that it sees the bytes that go to the socket,
 * TLS records and HTTP/2 frames included: on TLS and HTTP/2 connections. A clear-text HTTP/1.1 connection's first
 * handler is its {@link Http1Codec}, which makes a guard only once a flush leaves bytes behind and calls it itself
 * ({@link #watchedBuffer}, {@link #added}, {@link #flushed}, {@link #stop}): an idle connection holds neither the guard nor a pipeline
 * slot for it.
 */
final class SlowReaderGuard extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger(SlowReaderGuard.class.getName());
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The grace before the rate applies, in seconds: Kestrel's 5 s. */
    static final int GRACE_SECONDS = 5;

    private final long minRate;
    private final long graceNanos;

    private @Nullable ScheduledFuture<?> check;
    /** Bytes written since the last sample, as the outbound buffer counts them. */
    private long written;

    private long judgedNanos;
    private long drained;
    private long lastPending;
    private long lastProgress;

    /** {@code minRate} bytes a second after {@code grace}; a rate of 0 turns the guard off (it is not added then). */
    SlowReaderGuard(long minRate, java.time.Duration grace) {
        this.minRate = minRate;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer out = watchedBuffer(ctx);
        if (out == null) {
            ctx.write(msg, promise);
            return;
        }
        long before = out.totalPendingWriteBytes();
        try {
            ctx.write(msg, promise);
        } finally {
            added(out.totalPendingWriteBytes() - before);
        }
    }

    /**
     * The connection's outbound buffer while it is watched, else null. A write next to the socket adds to it at once
     * (on the event loop), so what a write added is the buffer's pending bytes after it less those before: counted as
     * the buffer counts them, so that what the client took is what left the buffer, whatever the server added meanwhile
     * (a PING's acknowledgement, another response). The guard's own writes and {@link Http1Codec}'s count that way.
     */
    @Nullable
    ChannelOutboundBuffer watchedBuffer(ChannelHandlerContext ctx) {
        return check == null ? null : ctx.channel().unsafe().outboundBuffer();
    }

    /** {@code bytes} the server added to the buffer while it is watched (see {@link #watchedBuffer}). */
    void added(long bytes) {
        written += bytes;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        flushed(ctx);
    }

    /**
     * Starts watching the buffer when bytes remain in it after a flush (and it is not watched already); {@code ctx}
     * is the context of the handler next to the socket.
     */
    void flushed(ChannelHandlerContext ctx) {
        if (check == null) {
            ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
            if (out != null && !out.isEmpty()) {
                judgedNanos = 0;
                drained = 0;
                sample(out);
                check = ctx.executor().schedule(() -> tick(ctx), TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void sample(ChannelOutboundBuffer out) {
        written = 0;
        lastPending = out.totalPendingWriteBytes();
        lastProgress = out.currentProgress();
    }

    private void tick(ChannelHandlerContext ctx) {
        check = null;
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (out == null || out.isEmpty() || !ctx.channel().isActive()) {
            return; // everything left: nothing waits for the client
        }
        // Bytes gone since the last sample: what was pending then and was written since, less what is pending
        // now, plus the progress within the current message less what had already been counted of it.
        long pending = out.totalPendingWriteBytes();
        long progress = out.currentProgress();
        drained += Math.max(0, lastPending + written - pending - lastProgress + progress);
        judgedNanos += TICK_NANOS;
        if (judgedNanos >= graceNanos && drained * 1_000_000_000L < minRate * judgedNanos) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "{0}: closed: the client read {1} bytes in {2} s while a response waited for it (the minimum is"
                            + " {3} bytes/s)",
                    ctx.channel().remoteAddress(),
                    drained,
                    judgedNanos / 1_000_000_000L,
                    minRate);
            ctx.close(); // from here, next to the socket: no GOAWAY or close_notify that could wait on the client
            return;
        }
        sample(out);
        check = ctx.executor().schedule(() -> tick(ctx), TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    /** Stops watching (the connection closed, or the handler that owns the guard left the pipeline). */
    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
