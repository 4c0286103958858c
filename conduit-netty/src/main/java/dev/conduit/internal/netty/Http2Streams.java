package dev.conduit.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/2 connection: Netty's connection handler (its codec, flow control and defences: the limits on resets sent
 * and received, control frames queued, empty DATA frames, CONTINUATION frames, header lists), whose frame listener
 * serves each stream's request as a {@link StreamExchange} on the runtime's path, as an HTTP/1.1 request is served.
 *
 * <p>No channel, pipeline or frame object per stream: measured against a child channel per stream (Netty's
 * multiplexer), the same site served 1.65 to 1.86 times the requests over h2c (docs/performance.md). A stream's
 * request starts in the read that completed its HEADERS; responses written outside a read are flushed once per turn of
 * the event loop, for all the streams answered in it. Once a second while streams are open, their responses and
 * request bodies are held to the minimum data rates.
 *
 * <p>Also an {@link OpenConnection}: a stop sends GOAWAY and lets the open streams finish; when the stop's grace runs
 * out, the open streams are reset and the connection closes.
 */
final class Http2Streams extends Http2ConnectionHandler implements OpenConnection {
    private static final System.Logger LOG = System.getLogger("dev.conduit.server");

    /** The streams a connection may have open at once, as Kestrel's default. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    /** The window each stream's request body starts with. */
    private static final int STREAM_WINDOW = 1024 * 1024;

    private final ConnectionHandler.Shared shared;
    private final Http2Connection.PropertyKey exchangeKey;
    private @Nullable ChannelHandlerContext ctx;
    /** Whether the connection is TLS (an SslHandler in front of this one): looked for once, not per stream. */
    private boolean overTls;

    /** Within a read: its end flushes whatever the streams wrote. */
    private boolean reading;
    /** A flush at the end of this turn of the loop is scheduled. */
    private boolean flushScheduled;
    /** When the current read began ({@link System#nanoTime()}, and the system clock's milliseconds). */
    private long readAt;

    private long readAtMillis;
    /** The once-a-second look at the streams' rates is scheduled. */
    private boolean sweepScheduled;

    /** Request threads waiting for their streams' bytes to go out (made on first need). */
    private volatile @Nullable ReentrantLock writersLock;

    private @Nullable Condition writersWake;

    private @Nullable OpenConnection previousOpen;
    private @Nullable OpenConnection nextOpen;

    private Http2Streams(
            Http2ConnectionDecoder decoder,
            Http2ConnectionEncoder encoder,
            Http2Settings settings,
            ConnectionHandler.Shared shared) {
        super(decoder, encoder, settings);
        this.shared = shared;
        this.exchangeKey = connection().newKey();
        decoder.frameListener(new Frames());
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                StreamExchange e = stream.getProperty(exchangeKey);
                if (e != null) {
                    e.streamClosed();
                }
            }
        });
    }

    /** A new connection's handler, with the server's settings and Netty's defences. */
    static Http2Streams create(ConnectionHandler.Shared shared) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(shared.options().maxHeaderBlockSize())
                .initialWindowSize(STREAM_WINDOW);
        // The remote flow controller shares the connection window between streams evenly, without HTTP/2's priority
        // tree: Netty's default (a weighted fair queue) kept that tree per stream, opened and closed with each, for
        // a signal RFC 9113 deprecated and clients no longer send (7 % of the server's time over h2c).
        Http2Connection connection = new DefaultHttp2Connection(true);
        connection
                .remote()
                .flowController(
                        new DefaultHttp2RemoteFlowController(connection, new UniformStreamByteDistributor(connection)));
        return new Builder(shared, settings, connection).build();
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Streams, Builder> {
        private final ConnectionHandler.Shared shared;

        Builder(ConnectionHandler.Shared shared, Http2Settings settings, Http2Connection connection) {
            this.shared = shared;
            connection(connection); // a server's (isServer() is true: the server's defences' defaults)
            initialSettings(settings);
            validateHeaders(true);
            // A stop's GOAWAY lets the open streams finish: the stop's grace, not this handler, decides how long.
            gracefulShutdownTimeoutMillis(-1);
        }

        @Override
        public Http2Streams build() {
            return super.build();
        }

        @Override
        protected Http2Streams build(
                Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings initialSettings) {
            return new Http2Streams(decoder, encoder, initialSettings, shared);
        }
    }

    // ---- what the exchanges use ----

    Channel channel() {
        return context().channel();
    }

    EventLoop loop() {
        return context().channel().eventLoop();
    }

    ByteBufAllocator alloc() {
        return context().alloc();
    }

    boolean overTls() {
        return overTls;
    }

    ConnectionHandler.ServerState server() {
        return shared.server();
    }

    private ChannelHandlerContext context() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("not in a pipeline");
        }
        return c;
    }

    ChannelFuture writeHeaders(Http2Stream stream, Http2Headers headers, boolean endStream) {
        ChannelHandlerContext c = context();
        return encoder().writeHeaders(c, stream.id(), headers, 0, endStream, c.newPromise());
    }

    /** A response's head, the body to follow: nothing waits for its write. */
    void writeHead(Http2Stream stream, Http2Headers headers) {
        ChannelHandlerContext c = context();
        encoder().writeHeaders(c, stream.id(), headers, 0, false, c.voidPromise());
    }

    /** A whole response without a body: nothing waits for its write. */
    void writeLastHeaders(Http2Stream stream, Http2Headers headers) {
        ChannelHandlerContext c = context();
        encoder().writeHeaders(c, stream.id(), headers, 0, true, c.voidPromise());
    }

    /**
     * A whole response, its head and (unless {@code body} is null) a body that fits one DATA frame, written as one
     * buffer of frames: HEADERS (with CONTINUATION when the block is larger than a frame), then DATA with END_STREAM.
     * Through Netty's encoder the same response cost a promise per frame written, an aggregate of them per frame, a
     * listener to close the stream when the last one succeeded, a queue of the flow controller and its pass at the
     * flush: the part of HTTP/2's cost a small response does not need (docs/performance.md, "HTTP/2"). The head is
     * compressed by the connection's own HPACK encoder (its dynamic table is the connection's), the windows are
     * charged as the flow controller would charge them, and the stream is closed on our side as the encoder would
     * close it once the frames are out.
     *
     * <p>Only when the client's side of the stream has ended, nothing of the stream waits in the flow controller (the
     * frames keep their order), the connection's window is not spoken for by data other streams have queued and its
     * channel is writable (as the flow controller's own writes), the stream's window has room for the body, it is the
     * stream's first head, and the connection is not shutting down (a graceful close waits for the last stream's
     * frames to leave, which a stream closed here would not say). Otherwise nothing is written and the caller writes
     * through the encoder.
     *
     * @return whether it was written; when it was, {@code body} belongs to the connection
     */
    boolean writeWhole(Http2Stream stream, Http2Headers headers, @Nullable ByteBuf body) {
        ChannelHandlerContext c = context();
        Http2ConnectionEncoder enc = encoder();
        Http2Connection conn = connection();
        var flow = enc.flowController();
        int bytes = body == null ? 0 : body.readableBytes();
        if (!(enc.frameWriter() instanceof io.netty.handler.codec.http2.DefaultHttp2FrameWriter writer)
                || !(writer.headersConfiguration() instanceof Http2HeadersEncoder blocks)
                || stream.state() != Http2Stream.State.HALF_CLOSED_REMOTE // the client's request has ended
                || stream.isHeadersSent()
                || conn.goAwaySent()
                || conn.goAwayReceived()
                || flow.hasFlowControlled(stream)
                // Data other streams have queued for the connection's window goes first, and nothing goes past a
                // channel the client does not read (as the flow controller's own writes do not).
                || !flow.isWritable(conn.connectionStream())
                || (bytes > 0 && windowFor(stream) < bytes)) {
            return false;
        }
        int maxFrame = writer.maxFrameSize();
        if (bytes > maxFrame) {
            return false;
        }
        boolean copyBody = bytes <= COPIED_BODY;
        ByteBuf out = null;
        try {
            out = c.alloc().buffer(2 * FRAME_HEADER + HEAD_ESTIMATE + (copyBody ? bytes : 0));
            out.writerIndex(FRAME_HEADER);
            try {
                blocks.encodeHeaders(stream.id(), headers, out);
            } catch (Http2Exception e) {
                // As the encoder answers a head it cannot encode: the stream or the connection is reset.
                out.release();
                out = null;
                if (body != null) {
                    body.release();
                }
                onError(c, true, e);
                return true;
            }
            int headFlags = FLAG_END_HEADERS | (bytes == 0 ? FLAG_END_STREAM : 0);
            int block = out.writerIndex() - FRAME_HEADER;
            if (block <= maxFrame) {
                out.setMedium(0, block)
                        .setByte(3, TYPE_HEADERS)
                        .setByte(4, headFlags)
                        .setInt(5, stream.id());
            } else {
                ByteBuf unframed = out;
                out = null; // withContinuations releases it, whatever happens
                out = withContinuations(c, unframed, block, maxFrame, headFlags, stream.id(), copyBody ? bytes : 0);
            }
            if (bytes > 0) {
                out.writeMedium(bytes)
                        .writeByte(TYPE_DATA)
                        .writeByte(FLAG_END_STREAM)
                        .writeInt(stream.id());
                if (copyBody) {
                    out.writeBytes(body, body.readerIndex(), bytes);
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // A buffer that could not be had or grown, after the head may have changed the compression state the
            // client shares: the connection cannot go on.
            if (out != null) {
                out.release();
            }
            if (body != null) {
                body.release();
            }
            onError(
                    c,
                    true,
                    Http2Exception.connectionError(Http2Error.INTERNAL_ERROR, e, "a response could not be framed"));
            return true;
        }
        // From here on nothing fails: the windows charged as the flow controller charges them, the frames written,
        // the stream closed on this side as the encoder closes it once its last frame is out.
        if (bytes > 0) {
            try {
                flow.incrementWindowSize(stream, -bytes);
                flow.incrementWindowSize(conn.connectionStream(), -bytes);
            } catch (Http2Exception e) {
                throw new IllegalStateException("a window cannot fail to shrink", e);
            }
        }
        stream.headersSent(false);
        c.write(out, c.voidPromise());
        if (body != null) {
            if (copyBody) {
                body.release();
            } else {
                c.write(body, c.voidPromise());
            }
        }
        closeStreamLocal(stream, c.channel().newSucceededFuture());
        return true;
    }

    /**
     * {@code out}'s header block ({@code block} bytes after a frame header's room) as a HEADERS frame and CONTINUATION
     * frames of at most {@code maxFrame} bytes each, in a new buffer with {@code room} bytes to spare; {@code out} is
     * released.
     */
    private static ByteBuf withContinuations(
            ChannelHandlerContext c, ByteBuf out, int block, int maxFrame, int headFlags, int streamId, int room) {
        ByteBuf framed = null;
        try {
            int frames = (block + maxFrame - 1) / maxFrame;
            framed = c.alloc().buffer(block + (frames + 1) * FRAME_HEADER + room);
            int at = FRAME_HEADER;
            for (int i = 0; i < frames; i++) {
                int length = Math.min(maxFrame, block - i * maxFrame);
                boolean last = i == frames - 1;
                int flags = (i == 0 ? headFlags & FLAG_END_STREAM : 0) | (last ? FLAG_END_HEADERS : 0);
                framed.writeMedium(length)
                        .writeByte(i == 0 ? TYPE_HEADERS : TYPE_CONTINUATION)
                        .writeByte(flags)
                        .writeInt(streamId);
                framed.writeBytes(out, at, length);
                at += length;
            }
            ByteBuf done = framed;
            framed = null;
            return done;
        } finally {
            out.release();
            if (framed != null) {
                framed.release();
            }
        }
    }

    private static final int FRAME_HEADER = 9;
    /** Room for a response head's block: most fit, and a buffer grows for one that does not. */
    private static final int HEAD_ESTIMATE = 128;
    /** Bodies up to this many bytes are copied behind the frames' header (one buffer, one write); larger ones follow. */
    private static final int COPIED_BODY = 2048;

    private static final byte TYPE_DATA = 0x0;
    private static final byte TYPE_HEADERS = 0x1;
    private static final byte TYPE_CONTINUATION = 0x9;
    private static final int FLAG_END_STREAM = 0x1;
    private static final int FLAG_END_HEADERS = 0x4;

    /** The last DATA of a response: nothing waits for its write. */
    void writeLastData(Http2Stream stream, ByteBuf data) {
        ChannelHandlerContext c = context();
        encoder().writeData(c, stream.id(), data, 0, true, c.voidPromise());
    }

    /** The bytes {@code stream} may be sent now: the smaller of its window and the connection's. */
    int windowFor(Http2Stream stream) {
        var flow = encoder().flowController();
        return Math.min(flow.windowSize(stream), flow.windowSize(connection().connectionStream()));
    }

    ChannelFuture writeData(Http2Stream stream, ByteBuf data, boolean endStream) {
        ChannelHandlerContext c = context();
        return encoder().writeData(c, stream.id(), data, 0, endStream, c.newPromise());
    }

    void writeContinue(Http2Stream stream) {
        ChannelHandlerContext c = context();
        encoder().writeHeaders(c, stream.id(), new DefaultHttp2Headers().status("100"), 0, false, c.newPromise());
        flushSoon();
    }

    void reset(Http2Stream stream, Http2Error error) {
        ChannelHandlerContext c = context();
        resetStream(c, stream.id(), error.code(), c.newPromise());
        flushSoon();
    }

    /** Gives {@code bytes} of a stream's request body back to the client as window (the reader caught up). */
    void giveWindow(Http2Stream stream, int bytes) {
        try {
            decoder().flowController().consumeBytes(stream, bytes);
            flushSoon();
        } catch (Http2Exception e) {
            onError(context(), false, e);
        }
    }

    /**
     * Resets {@code stream} with NO_ERROR if its client has still not ended its side a moment after the response is
     * out (a body it still sends, or one it never ends).
     */
    void resetOnceAnswered(Http2Stream stream) {
        loop().schedule(
                        () -> {
                            if (stream.state() == Http2Stream.State.HALF_CLOSED_LOCAL) {
                                reset(stream, Http2Error.NO_ERROR);
                            }
                        },
                        100,
                        TimeUnit.MILLISECONDS);
    }

    /**
     * Flushes the connection at the end of this turn of the loop, unless a read is in progress (its end flushes):
     * one flush, one pass of the flow controller, for all the streams answered in the turn. On the loop.
     */
    void flushSoon() {
        if (reading || flushScheduled) {
            return;
        }
        flushScheduled = true;
        if (loop() instanceof SingleThreadEventLoop l) {
            l.executeAfterEventLoopIteration(this::flushNow);
        } else {
            loop().execute(this::flushNow);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        ChannelHandlerContext c = ctx;
        if (c != null) {
            // This handler's flush, not the context's: the flow controller writes the DATA it holds first.
            flush(c);
        }
    }

    /** Waits (on a request thread) until {@code done} says so; woken when bytes of a stream are sent. */
    void awaitWriters(BooleanSupplier done) throws InterruptedException {
        ReentrantLock lock = writersLock;
        if (lock == null) {
            synchronized (this) {
                lock = writersLock;
                if (lock == null) {
                    lock = new ReentrantLock();
                    writersWake = lock.newCondition();
                    writersLock = lock;
                }
            }
        }
        lock.lock();
        try {
            while (!done.getAsBoolean() && channel().isActive()) {
                java.util.Objects.requireNonNull(writersWake).await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the request threads waiting to write (on the loop). */
    void wakeWriters() {
        ReentrantLock lock = writersLock;
        if (lock != null) {
            lock.lock();
            try {
                java.util.Objects.requireNonNull(writersWake).signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- the connection ----

    @Override
    public void handlerAdded(ChannelHandlerContext context) throws Exception {
        ctx = context;
        overTls = context.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
        super.handlerAdded(context);
        // The settings' window is each stream's; the connection's starts at 64 KiB whatever they say. It is raised to
        // twice the streams' (as Netty's frame codec does), so that one stream cannot take the whole of it.
        Http2Stream connectionStream = connection().connectionStream();
        int delta = STREAM_WINDOW - decoder().flowController().initialWindowSize(connectionStream);
        if (delta > 0) {
            decoder().flowController().incrementWindowSize(connectionStream, 2 * delta);
            flush(context);
        }
        if (context.channel().isActive()) {
            shared.server().opened(this, context.executor());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        shared.server().opened(this, context.executor());
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        shared.server().closed(this, context.executor());
        super.channelInactive(context);
        wakeWriters();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext context) throws Exception {
        shared.server().closed(this, context.executor());
        super.handlerRemoved0(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
        if (!reading) {
            reading = true;
            // One clock read a read: the moment its requests arrived.
            readAt = System.nanoTime();
            readAtMillis = System.currentTimeMillis();
        }
        super.channelRead(context, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        reading = false;
        super.channelReadComplete(context); // flushes
    }

    /** The request of an {@code Upgrade: h2c} (a request without a body) is stream 1's, half-closed by the upgrade. */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof HttpServerUpgradeHandler.UpgradeEvent upgrade) {
            try {
                Http2Stream stream =
                        connection().stream(io.netty.handler.codec.http2.Http2CodecUtil.HTTP_UPGRADE_STREAM_ID);
                if (stream != null) {
                    // Clear text: an upgrade is only ever offered on http (the conversion wants the scheme said).
                    upgrade.upgradeRequest()
                            .headers()
                            .set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "http");
                    start(stream, HttpConversionUtil.toHttp2Headers(upgrade.upgradeRequest(), true), true);
                }
            } catch (Http2Exception | IllegalArgumentException e) {
                // A request HTTP/1.1's decoder let through that HTTP/2's rules refuse: stream 1 is reset.
                resetStream(context, 1, Http2Error.PROTOCOL_ERROR.code(), context.newPromise());
            } finally {
                upgrade.release();
            }
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public @Nullable OpenConnection previousOpen() {
        return previousOpen;
    }

    @Override
    public void previousOpen(@Nullable OpenConnection previous) {
        previousOpen = previous;
    }

    @Override
    public @Nullable OpenConnection nextOpen() {
        return nextOpen;
    }

    @Override
    public void nextOpen(@Nullable OpenConnection next) {
        nextOpen = next;
    }

    /** A stop: GOAWAY, no new stream; the connection closes when the open ones are done. */
    @Override
    public void drain() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.channel().close(); // through this handler: the graceful close
        }
    }

    /** The stop's grace ran out: the open streams are reset, and the connection closes. */
    @Override
    public void close() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        try {
            connection().forEachActiveStream(s -> {
                resetStream(c, s.id(), Http2Error.CANCEL.code(), c.newPromise());
                return true;
            });
        } catch (Http2Exception e) {
            // cannot happen: the visitor throws nothing
        }
        flush(c);
        c.channel().close();
    }

    // ---- the streams ----

    /** The frames that make requests; everything else is Netty's (settings, pings, window updates, resets). */
    private final class Frames extends Http2FrameAdapter {
        @Override
        public void onHeadersRead(
                ChannelHandlerContext c,
                int streamId,
                Http2Headers headers,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream)
                throws Http2Exception {
            onHeadersRead(c, streamId, headers, padding, endOfStream);
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext c, int streamId, Http2Headers headers, int padding, boolean endOfStream)
                throws Http2Exception {
            Http2Stream stream = connection().stream(streamId);
            if (stream == null) {
                return; // closed meanwhile
            }
            StreamExchange e = stream.getProperty(exchangeKey);
            if (e != null) {
                // Trailers: the end of the body (no handler reads request trailers).
                if (endOfStream) {
                    e.bodyArrived(Unpooled.EMPTY_BUFFER, 0, true);
                }
                return;
            }
            start(stream, headers, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            Http2Stream stream = connection().stream(streamId);
            StreamExchange e = stream == null ? null : stream.getProperty(exchangeKey);
            if (e == null) {
                return data.readableBytes() + padding; // a stream refused or answered: its bytes are dropped
            }
            return e.bodyArrived(data, padding, endOfStream);
        }
    }

    private void start(Http2Stream stream, Http2Headers headers, boolean endOfStream) throws Http2Exception {
        // A malformed request (RFC 9113 §8.1.1) is a stream error: the stream is reset with its code (counted among
        // the resets a client provokes), the connection goes on.
        HttpRequest request = Http2Messages.request(stream.id(), headers, endOfStream);
        if (!reading) {
            readAt = System.nanoTime(); // an upgrade's request, outside a read
            readAtMillis = System.currentTimeMillis();
        }
        StreamExchange exchange = StreamExchange.create(this, stream, request, !endOfStream, readAt, readAtMillis);
        stream.setProperty(exchangeKey, exchange);
        watch();
        HeadRejection rejected = HeadRejection.of(request, shared.options());
        String target = request.uri();
        if (rejected != null && rejected.answered()) {
            answer(exchange, rejected.status(), rejected.message());
            return;
        }
        boolean asterisk = target.equals("*");
        if (asterisk && !request.method().name().equals("OPTIONS")) {
            answer(exchange, 400, "The request target * is only for OPTIONS.");
            return;
        }
        if (!target.startsWith("/") && !asterisk) {
            answer(exchange, 400, "The request target must be an absolute path or * (OPTIONS).");
            return;
        }
        if (asterisk) {
            ConnectionHandler.answerServerOptions(exchange);
            return;
        }
        String health = shared.options().healthPath();
        if (!health.isEmpty() && ConnectionHandler.isPath(target, health)) {
            ConnectionHandler.answerHealth(exchange, shared.server());
            return;
        }
        try {
            shared.runtime().dispatch(exchange);
        } catch (RuntimeException e) {
            // Not the client's doing and not the connection's: this stream fails, the others go on.
            LOG.log(System.Logger.Level.WARNING, "a request on an HTTP/2 stream could not be dispatched", e);
            exchange.abort(e);
        }
    }

    /** Answers a refused request with {@code status} and a line of text; the stream is reset after it if need be. */
    private static void answer(StreamExchange exchange, int status, String message) {
        byte[] text = (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.resetAfter = true;
        try {
            exchange.sendHead(new dev.conduit.spi.ResponseHead(
                    status,
                    "",
                    dev.conduit.NameValueCollection.builder()
                            .add("Content-Type", "text/plain; charset=utf-8")
                            .build(),
                    text.length));
            if (!exchange.method().equals("HEAD")) {
                exchange.sendContent(text, 0, text.length);
            }
            exchange.complete();
        } catch (java.io.IOException | RuntimeException e) {
            exchange.abort(e);
        }
    }

    // ---- the minimum rates ----

    /** Schedules the once-a-second look at the streams' rates, if it is not scheduled and a rate is set. */
    private void watch() {
        if (sweepScheduled
                || shared.options().minResponseRate() <= 0 && shared.options().minRequestBodyRate() <= 0) {
            return;
        }
        sweepScheduled = true;
        loop().schedule(this::sweep, 1, TimeUnit.SECONDS);
    }

    private void sweep() {
        sweepScheduled = false;
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive() || connection().numActiveStreams() == 0) {
            return;
        }
        long minResponse = shared.options().minResponseRate();
        long minBody = shared.options().minRequestBodyRate();
        // Bodies other streams' handlers have not read hold the connection's window: no stream can receive more then,
        // and those seconds are not the client's.
        boolean clientCouldSend =
                decoder().flowController().windowSize(connection().connectionStream())
                        >= io.netty.handler.codec.http2.Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE;
        try {
            connection().forEachActiveStream(s -> {
                StreamExchange e = s.getProperty(exchangeKey);
                if (e != null) {
                    if (minResponse > 0) {
                        e.sweepResponse(minResponse);
                    }
                    if (minBody > 0) {
                        e.sweepBody(minBody, clientCouldSend);
                    }
                }
                return true;
            });
        } catch (Http2Exception e) {
            onError(c, false, e);
        }
        flushSoon();
        watch();
    }
}
