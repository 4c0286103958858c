package dev.conduit.internal.netty;

import dev.conduit.runtime.HttpRuntime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/2 on a connection: Netty's frame codec (with its defences: RST, control-frame and empty-DATA limits) and one
 * child channel per stream, whose pipeline turns the stream's frames into the HTTP/1 objects the connection code
 * reads and writes ({@link Http2Messages}), so that a stream's request runs the same runtime path
 * as an HTTP/1.1 request. Connection-specific headers a handler sets are dropped on the way out (RFC 9113 §8.2.2).
 * Also here: HTTP/2 by prior knowledge and by {@code Upgrade: h2c} on clear-text connections, the idle close, and the
 * per-stream minimum response rate.
 */
final class Http2Pipelines {
    private Http2Pipelines() {}

    /** A stream's request's version (the conversion says HTTP/1.1); kept alive unless the stream says otherwise. */
    static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

    /** The protocol as the request and the access log name it: {@code HTTP/2} as IIS and Kestrel say, else as sent. */
    static String protocol(HttpVersion version) {
        return version.majorVersion() == 2 ? "HTTP/2" : version.text();
    }

    /** The streams a connection may have open at once, as Kestrel's default. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    /**
     * A stream's own handler: the conversion between the stream's frames and the HTTP/1 objects the connection code
     * reads and writes ({@link Http2Messages}: the request marked HTTP/2; a response's connection-specific headers
     * dropped, RFC 9113 §8.2.2), the stream errors the client caused left to the multiplexer, and the minimum response
     * data rate of the stream. One handler rather than several: each costs its add and remove per stream. Not Netty's
     * general stream codec ({@code Http2StreamFrameToHttpObjectCodec}), which is written for clients and proxies as well and cost a tenth of
     * the server's time on small requests (a validating header map filled twice, bookkeeping headers added and taken
     * out again, a pooled buffer for every request without a body, a list per message each way).
     */
    private static final class StreamAdapter extends ChannelDuplexHandler {
        private static final System.Logger LOG = System.getLogger("dev.conduit.server");
        private final long minRate;
        /** The connection's watch of slow streams, or null when there is no minimum rate. */
        private final @Nullable SlowStreams watch;
        /** Where the watch keeps this stream (-1: not watched). */
        int slot = -1;

        private @Nullable ChannelHandlerContext ctx;
        private boolean wrote;
        private long judged;
        private long drained;
        private long lastPending;

        /** {@code minRate}: the minimum response data rate, bytes a second; 0 for none (and {@code watch} null). */
        StreamAdapter(long minRate, @Nullable SlowStreams watch) {
            this.minRate = minRate;
            this.watch = watch;
        }

        @Override
        public boolean isSharable() {
            return false; // state of its own stream
        }

        @Override
        public void handlerAdded(ChannelHandlerContext context) throws Exception {
            ctx = context;
            if (watch != null) {
                watch.add(this);
            }
        }

        /**
         * Once a second, from the connection's watch: judges the stream while bytes of its response wait to be sent
         * (for its window or the connection's), whether or not they are enough to make the stream unwritable: a
         * response of a few bytes held back by a client that gives no window is judged as a large one is.
         */
        void sweep() {
            ChannelHandlerContext c = ctx;
            if (c == null) {
                return;
            }
            Channel stream = c.channel();
            long pending = pending(stream);
            if (pending == 0 || !stream.isActive()) {
                judged = 0;
                drained = 0;
                wrote = false;
                lastPending = 0;
                return;
            }
            if (wrote || lastPending == 0) {
                // The handler wrote since the last look, or the wait has just begun: judged from here.
                judged = 0;
                drained = 0;
            } else {
                judged++;
                drained += Math.max(0, lastPending - pending);
                if (judged >= SlowReaderGuard.GRACE_SECONDS && drained < minRate * judged) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "{0}: stream reset: the client took {1} bytes in {2} s while a response waited for its"
                                    + " window (the minimum is {3} bytes/s)",
                            stream,
                            drained,
                            judged,
                            minRate);
                    // An explicit reset: closing the stream's channel sends none once both sides wrote their end
                    // (the response's last DATA counts as written while it waits for window), and the stream would
                    // stay open in the connection with its bytes queued.
                    stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            wrote = false;
            lastPending = pending;
        }

        /** The bytes of DATA written to {@code stream} and not yet sent (Netty counts them until their write ends). */
        private static long pending(Channel stream) {
            if (stream.isWritable()) {
                long before = stream.bytesBeforeUnwritable();
                return before == 0 ? 0 : Math.max(0, stream.config().getWriteBufferHighWaterMark() + 1 - before);
            }
            return stream.bytesBeforeWritable() + stream.config().getWriteBufferLowWaterMark() - 1;
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            if (watch != null) {
                watch.remove(this);
            }
            super.channelInactive(context);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext context) throws Exception {
            if (watch != null) {
                watch.remove(this);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                if (!requestSeen) {
                    requestSeen = true;
                    HttpRequest request;
                    try {
                        request =
                                Http2Messages.request(headers.stream().id(), headers.headers(), headers.isEndStream());
                    } catch (Http2Exception e) {
                        // A malformed request (RFC 9113 §8.1.1): the stream is reset, the connection goes on.
                        ctx.writeAndFlush(new DefaultHttp2ResetFrame(e.error()))
                                .addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                    ctx.fireChannelRead(request);
                } else if (headers.isEndStream()) {
                    // Trailers: the end of the body (no handler reads request trailers).
                    ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
                }
                return;
            }
            if (msg instanceof Http2DataFrame data) {
                // The frame's bytes pass on as the content (the stream's window is its channel's affair).
                ByteBuf content = data.content();
                ctx.fireChannelRead(
                        data.isEndStream() ? new DefaultLastHttpContent(content) : new DefaultHttpContent(content));
                return;
            }
            // A frame of an extension type on the stream (RFC 9113 §5.5: ignored). Passed on, it would queue in the
            // connection code ahead of the body's next DATA and hold the upload until its timeout.
            ReferenceCountUtil.release(msg);
        }

        /** The stream's request HEADERS arrived (any later HEADERS are trailers). */
        private boolean requestSeen;

        /**
         * A stream error the client caused (a zero window increment, a frame the stream's state forbids): the stream
         * is reset with the error's code, not closed with CANCEL, so that the codec counts the resets the client
         * provokes and closes a connection that provokes too many (MadeYouReset, CVE-2025-55163). Not logged: the
         * client's fault, and an attack would flood the log.
         */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (cause instanceof Http2Exception.StreamException) {
                return; // the multiplexer closes the stream with the error's code after this
            }
            ctx.fireExceptionCaught(cause);
        }

        /** The response's HTTP/1 objects as the stream's frames; frames (a body's DATA, a reset) as they are. */
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            wrote = true;
            if (msg instanceof Http2StreamFrame || !(msg instanceof HttpObject)) {
                ctx.write(msg, promise);
                return;
            }
            try {
                writeConverted(ctx, msg, promise);
            } catch (RuntimeException e) {
                // Before any frame was made from it (the conversion is all that can throw): the message is ours.
                ReferenceCountUtil.safeRelease(msg);
                promise.tryFailure(e);
            }
        }

        private void writeConverted(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            Object first = null;
            Object second = null;
            if (msg instanceof HttpResponse response) {
                Http2Headers headers = Http2Messages.headers(response);
                if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    // 100 Continue: HEADERS that neither end the stream nor carry a body.
                    ReferenceCountUtil.release(msg);
                    ctx.write(new DefaultHttp2HeadersFrame(headers, false), promise);
                    return;
                }
                if (msg instanceof FullHttpResponse full) {
                    ByteBuf content = full.content();
                    if (content.isReadable()) {
                        first = new DefaultHttp2HeadersFrame(headers, false);
                        second = new DefaultHttp2DataFrame(content, true);
                    } else {
                        content.release();
                        first = new DefaultHttp2HeadersFrame(headers, true);
                    }
                } else {
                    first = new DefaultHttp2HeadersFrame(headers, false);
                }
            } else if (msg instanceof HttpContent content) {
                // The connection code writes a response's end as an empty last content (never with trailers).
                first = new DefaultHttp2DataFrame(content.content(), content instanceof LastHttpContent);
            } else {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IllegalArgumentException("Not a response message: " + msg.getClass()));
                return;
            }
            if (second == null) {
                ctx.write(first, promise);
            } else if (promise.isVoid()) {
                ctx.write(first, promise);
                ctx.write(second, promise);
            } else {
                PromiseCombiner both = new PromiseCombiner(ctx.executor());
                both.add(ctx.write(first));
                both.add(ctx.write(second));
                both.finish(promise);
            }
        }
    }

    /** Adds HTTP/2 to {@code pipeline}: the frame codec and the per-stream multiplexer. */
    static void add(
            ChannelPipeline pipeline, HttpRuntime runtime, ServerLimits options, ConnectionHandler.ServerState server) {
        pipeline.addLast("h2", codec(options));
        server.http2Opened(pipeline.channel());
        // Before the codec: it sees the connection's bytes both ways.
        pipeline.addBefore("h2", "idle", new IdleClose(options.keepAliveTimeout()));
        pipeline.addLast("streams", streams(pipeline.channel(), runtime, options, server));
        pipeline.addLast("errors", ConnectionErrors.INSTANCE);
    }

    /**
     * The end of an HTTP/2 connection's pipeline: the errors the codec has already acted on (a GOAWAY sent, the
     * connection closed) or that only say the client went away. One line each, not a warning with a stack trace
     * from the pipeline's tail, which any client could provoke at will (a reset, a flood the codec cuts off).
     */
    @ChannelHandler.Sharable
    static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        static final ConnectionErrors INSTANCE = new ConnectionErrors();
        private static final System.Logger LOG = System.getLogger("dev.conduit.server");

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) instanceof Http2Exception e) {
                // The codec sends its GOAWAY with the error's code and closes after this.
                LOG.log(
                        System.Logger.Level.INFO,
                        "{0}: HTTP/2 connection closed: {1} ({2})",
                        ctx.channel().remoteAddress(),
                        e.getMessage(),
                        e.error());
                return;
            }
            if (brokenConnection(cause)) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", ctx.channel().remoteAddress(), cause.getMessage());
            } else {
                LOG.log(System.Logger.Level.WARNING, "HTTP/2 connection error", cause);
            }
            ctx.close();
        }
    }

    /** The connection's frame codec, with the server's settings and Netty's defences. */
    private static Http2FrameCodec codec(ServerLimits options) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(options.maxHeaderBlockSize())
                .initialWindowSize(1024 * 1024);
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                // A stop's GOAWAY lets the open streams finish: the stop's grace, not this codec, decides how long.
                .gracefulShutdownTimeoutMillis(-1)
                .build();
    }

    /** One child channel per stream of {@code connection}, whose pipeline serves the stream's request as an HTTP/1 exchange. */
    private static Http2MultiplexHandler streams(
            Channel connection, HttpRuntime runtime, ServerLimits options, ConnectionHandler.ServerState server) {
        ConnectionHandler.Shared shared = new ConnectionHandler.Shared(runtime, options, server);
        ConnectionFlush flush = new ConnectionFlush(connection);
        long minRate = options.minResponseRate();
        SlowStreams watch = minRate > 0 ? new SlowStreams(connection) : null;
        return new Http2MultiplexHandler(new StreamInitializer(shared, flush, minRate, watch));
    }

    /**
     * Gives each stream's pipeline its two handlers, replacing itself: what Netty's {@code ChannelInitializer} does,
     * without the concurrent set of the channels it is initialising that it adds each stream to and removes it from.
     */
    @ChannelHandler.Sharable
    private static final class StreamInitializer extends ChannelHandlerAdapter {
        private final ConnectionHandler.Shared shared;
        private final ConnectionFlush flush;
        private final long minRate;
        private final @Nullable SlowStreams watch;

        StreamInitializer(
                ConnectionHandler.Shared shared, ConnectionFlush flush, long minRate, @Nullable SlowStreams watch) {
            this.shared = shared;
            this.flush = flush;
            this.minRate = minRate;
            this.watch = watch;
        }

        /**
         * Said here rather than left to Netty's look-up of the annotation, a map of the thread's per add: every
         * stream adds this handler to its pipeline.
         */
        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ChannelPipeline p = ctx.pipeline();
            try {
                p.replace(this, "stream", new StreamAdapter(minRate, watch));
                p.addLast("conduit", new ConnectionHandler(shared, flush));
            } catch (RuntimeException e) {
                // A stream without its handlers would never be answered: closed (reset), as Netty's initializer does.
                System.getLogger("dev.conduit.server")
                        .log(System.Logger.Level.WARNING, "an HTTP/2 stream could not be set up", e);
                ctx.channel().close();
            }
        }
    }

    /**
     * One flush of an HTTP/2 connection at the end of the event loop's iteration for the streams whose responses
     * completed in tasks of their own during it (synchronous handlers on loop-carried threads). Outside the
     * connection's read, Netty flushes the connection for every stream flushed, each time running the remote flow
     * controller over the connection's streams and flushing the socket: with 100 streams answered in one iteration,
     * 100 passes where one sends the same bytes.
     */
    static final class ConnectionFlush implements Runnable {
        private final Channel connection;
        private boolean scheduled;

        ConnectionFlush(Channel connection) {
            this.connection = connection;
        }

        /** Flushes the connection at the end of this iteration of its loop (the caller is that loop). */
        void request() {
            if (scheduled) {
                return;
            }
            scheduled = true;
            if (connection.eventLoop() instanceof io.netty.channel.SingleThreadEventLoop loop) {
                loop.executeAfterEventLoopIteration(this);
            } else {
                connection.eventLoop().execute(this);
            }
        }

        @Override
        public void run() {
            scheduled = false;
            connection.flush();
        }
    }

    /**
     * The minimum response data rate of a connection's streams: once a second while the connection has streams, each
     * stream with response bytes waiting is judged ({@link StreamAdapter#sweep}). One timer per connection rather than
     * one per stream (a timer per stream costs every request), and every stream waiting is seen, not only those whose
     * waiting bytes make them unwritable (above 64 KiB): 100 streams of a few bytes each, held back by a client that
     * gives no window, would otherwise stay open for good, the connection with them.
     */
    static final class SlowStreams implements Runnable {
        private final Channel connection;
        private final java.util.ArrayList<StreamAdapter> streams = new java.util.ArrayList<>();
        private boolean scheduled;

        SlowStreams(Channel connection) {
            this.connection = connection;
        }

        /** Watches {@code stream} (on the connection's loop). */
        void add(StreamAdapter stream) {
            if (stream.slot >= 0) {
                return;
            }
            stream.slot = streams.size();
            streams.add(stream);
            if (!scheduled) {
                scheduled = true;
                connection.eventLoop().schedule(this, 1, TimeUnit.SECONDS);
            }
        }

        /** Stops watching {@code stream} (on the connection's loop). */
        void remove(StreamAdapter stream) {
            int at = stream.slot;
            if (at < 0) {
                return;
            }
            StreamAdapter last = streams.remove(streams.size() - 1);
            if (last != stream) {
                streams.set(at, last);
                last.slot = at;
            }
            stream.slot = -1;
        }

        @Override
        public void run() {
            if (!connection.isActive()) {
                scheduled = false;
                return;
            }
            for (StreamAdapter s : streams.toArray(StreamAdapter[]::new)) {
                s.sweep(); // may close the stream, which leaves the list
            }
            if (streams.isEmpty()) {
                scheduled = false;
            } else {
                connection.eventLoop().schedule(this, 1, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The HTTP/1.1 {@code Upgrade: h2c} handshake (RFC 7540 §3.2, as curl {@code --http2} does on an http URL), for
     * the first request of a clear-text HTTP/1.1 connection, after its codec: an upgrade request without
     * a body is answered 101 and served as stream 1 of the HTTP/2 connection the socket becomes; any other first
     * request (an upgrade with a body included: the upgrade is then ignored, as RFC 9110 §7.8 allows) goes on as
     * HTTP/1.1, and the handler leaves the pipeline, costing later requests nothing.
     */
    static ChannelHandler upgrade(
            ChannelPipeline pipeline, HttpRuntime runtime, ServerLimits options, ConnectionHandler.ServerState server) {
        HttpServerUpgradeHandler.SourceCodec http1 = ctx -> {
            // The HTTP/1.1 handlers leave, but the codec only once the HTTP/2 codec is in place (upgradeTo below):
            // its removal hands on the bytes it holds past the upgrade request (a preface and frames sent without
            // waiting for the 101), which would otherwise reach the end of the pipeline and be lost.
            for (String name : List.of("conduit", "chunked")) {
                if (ctx.pipeline().get(name) != null) {
                    ctx.pipeline().remove(name);
                }
            }
            Http1Codec codec = ctx.pipeline().get(Http1Codec.class);
            if (codec != null) {
                codec.stopEncoding();
            }
        };
        HttpServerUpgradeHandler.UpgradeCodecFactory h2c = protocol -> {
            if (!AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)) {
                return null;
            }
            Http2FrameCodec codec = codec(options);
            return new Http2ServerUpgradeCodec(
                    codec, streams(pipeline.channel(), runtime, options, server), ConnectionErrors.INSTANCE) {
                @Override
                public void upgradeTo(ChannelHandlerContext ctx, FullHttpRequest upgradeRequest) {
                    super.upgradeTo(ctx, upgradeRequest);
                    // An HTTP/2 connection from now on (not before: an upgrade can still be refused until here).
                    server.http2Opened(ctx.channel());
                    // Before the codec, as on a connection by prior knowledge: it sees the connection's reads.
                    ChannelHandlerContext codecContext = ctx.pipeline().context(codec);
                    if (codecContext != null) {
                        ctx.pipeline()
                                .addBefore(codecContext.name(), "idle", new IdleClose(options.keepAliveTimeout()));
                    }
                    // First, in front of the HTTP/2 codec, before the frames the codec's leftover bytes may cause.
                    ServerChannels.addSlowReaderGuard(ctx.pipeline(), options);
                    if (ctx.pipeline().get("codec") != null) {
                        // What it holds goes on to the HTTP/2 codec; the 101 went out through it already.
                        ctx.pipeline().remove("codec");
                    }
                }
            };
        };
        return new HttpServerUpgradeHandler(
                http1,
                h2c,
                0,
                DefaultHttpHeadersFactory.headersFactory(),
                DefaultHttpHeadersFactory.trailersFactory(),
                true) {
            @Override
            protected boolean shouldHandleUpgradeRequest(HttpRequest req) {
                // A head the decoder refused goes on to be answered 400, never upgraded.
                return req.decoderResult().isSuccess()
                        && !HttpUtil.isTransferEncodingChunked(req)
                        && HttpUtil.getContentLength(req, 0L) == 0
                        && super.shouldHandleUpgradeRequest(req);
            }
        };
    }

    /**
     * Closes a connection that had no open stream for the keep-alive timeout, neither reading from its client nor
     * ending a stream, with a GOAWAY (the codec's graceful close): HTTP/1.1's idle timeout, for HTTP/2. A stream in
     * progress keeps it open however quiet. Before the codec, so that it sees the connection's reads. Unlike Netty's
     * {@code IdleStateHandler} it watches no write (which costs a promise and a listener for every frame written):
     * a write without an open stream is a control frame the client's own frames asked for.
     */
    static final class IdleClose extends ChannelInboundHandlerAdapter implements Runnable {
        private final long timeout;
        private @Nullable ChannelHandlerContext ctx;
        private @Nullable Http2Connection connection;
        private @Nullable ScheduledFuture<?> timer;
        private long lastActivity;

        IdleClose(Duration after) {
            this.timeout = after.toNanos();
        }

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            ctx = context;
            lastActivity = context.executor().ticker().nanoTime();
            Http2FrameCodec codec = context.pipeline().get(Http2FrameCodec.class);
            if (codec != null) {
                connection = codec.connection();
                Http2Connection h2 = connection;
                h2.addListener(new Http2ConnectionAdapter() {
                    @Override
                    public void onStreamClosed(Http2Stream stream) {
                        // The quiet time begins when the last open stream ends (the count is already down by then):
                        // while any is open the timer waits anyway, and a clock read per stream costs every request.
                        if (h2.numActiveStreams() == 0) {
                            lastActivity = context.executor().ticker().nanoTime();
                        }
                    }
                });
            }
            if (context.channel().isActive()) {
                schedule(timeout);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            if (timer == null) {
                schedule(timeout);
            }
            super.channelActive(context);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) throws Exception {
            lastActivity = context.executor().ticker().nanoTime();
            super.channelReadComplete(context);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext context) {
            cancel();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            cancel();
            super.channelInactive(context);
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void schedule(long nanos) {
            ChannelHandlerContext c = ctx;
            if (c != null) {
                timer = c.executor().schedule(this, nanos, TimeUnit.NANOSECONDS);
            }
        }

        /** The check, once per timeout while streams are open, else when the quiet time would reach the timeout. */
        @Override
        public void run() {
            timer = null;
            ChannelHandlerContext c = ctx;
            Http2Connection h2 = connection;
            if (c == null || h2 == null || !c.channel().isActive()) {
                return;
            }
            if (h2.numActiveStreams() > 0) {
                schedule(timeout);
                return;
            }
            long quiet = c.executor().ticker().nanoTime() - lastActivity;
            if (quiet < timeout) {
                schedule(timeout - quiet);
                return;
            }
            c.channel().close(); // through the codec, from the tail: a GOAWAY first
            // A client that does not read may never let the GOAWAY out: closed for good a little later.
            c.executor().schedule(() -> c.close(), 5, TimeUnit.SECONDS);
        }
    }

    /**
     * A file for a stream (or a TLS connection): read in 64 KiB pieces, each an {@link HttpContent} that is not the
     * last (the exchange writes the end of the response itself).
     */
    static ChunkedInput<HttpContent> file(FileChannel fc, long offset, long length) throws IOException {
        ChunkedNioFile chunks = new ChunkedNioFile(fc, offset, length, 64 * 1024);
        return new ChunkedInput<>() {
            @Override
            public boolean isEndOfInput() throws Exception {
                return chunks.isEndOfInput();
            }

            @Override
            public void close() throws Exception {
                chunks.close();
            }

            @Deprecated
            @Override
            public HttpContent readChunk(ChannelHandlerContext ctx) throws Exception {
                return readChunk(ctx.alloc());
            }

            @Override
            public HttpContent readChunk(ByteBufAllocator allocator) throws Exception {
                ByteBuf b = chunks.readChunk(allocator);
                return b == null ? null : new DefaultHttpContent(b);
            }

            @Override
            public long length() {
                return chunks.length();
            }

            @Override
            public long progress() {
                return chunks.progress();
            }
        };
    }

    /**
     * The first handler of a clear-text connection when h2c is on: reads the first bytes; the HTTP/2 connection
     * preface (prior knowledge) switches the connection to HTTP/2, anything else to HTTP/1.1 (by {@code http1}).
     */
    static final class PrefaceDetector extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

        private final Consumer<ChannelPipeline> http1;
        private final Consumer<ChannelPipeline> http2;
        private final Duration timeout;
        private @Nullable ScheduledFuture<?> timer;

        /**
         * {@code timeout}: how long a connection may stay silent (or send part of the preface) before it is closed,
         * the request headers timeout of HTTP/1.1, which is not armed before the protocol is known.
         */
        PrefaceDetector(Consumer<ChannelPipeline> http1, Consumer<ChannelPipeline> http2, Duration timeout) {
            this.http1 = http1;
            this.http2 = http2;
            this.timeout = timeout;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                arm(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            arm(ctx);
            super.channelActive(ctx);
        }

        private void arm(ChannelHandlerContext ctx) {
            if (timer == null) {
                timer = ctx.executor()
                        .schedule(
                                () -> {
                                    ctx.close();
                                },
                                timeout.toNanos(),
                                TimeUnit.NANOSECONDS);
            }
        }

        @Override
        protected void handlerRemoved0(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
            boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n);
            if (prefix && n < PREFACE.readableBytes()) {
                return; // not enough to tell yet
            }
            ChannelPipeline p = ctx.pipeline();
            if (prefix) {
                http2.accept(p);
            } else {
                http1.accept(p);
            }
            p.remove(this); // the bytes read so far go on to the protocol's handlers
        }
    }

    /**
     * Body bytes for a stream, as a DATA frame rather than an {@code HttpContent}: a stream counts only DATA frames
     * towards its write buffer, and a write a request thread queues must count before the loop runs it, or a handler
     * that writes faster than the client gives window queues its whole body before the stream turns unwritable.
     */
    static Object content(ByteBuf bytes) {
        return new DefaultHttp2DataFrame(bytes);
    }

    /**
     * Before a file is written to a stream: the stream's pipeline gets the handler that reads files in chunks, which
     * most streams never need (a handler each stream adds and removes costs every request).
     */
    static void readFilesInChunks(Channel stream) {
        ChannelPipeline p = stream.pipeline();
        if (p.get("chunked") == null) {
            p.addBefore("conduit", "chunked", new ChunkedWriteHandler());
        }
    }

    /**
     * Whether the client of {@code stream}'s connection has less than a frame's worth of window left to send in:
     * bytes that arrived for streams whose handlers have not read them yet hold the connection's window, and no stream
     * of the connection can receive more until they are read.
     */
    static boolean connectionWindowSpent(Channel stream) {
        Channel parent = stream.parent();
        Http2FrameCodec codec = parent == null ? null : parent.pipeline().get(Http2FrameCodec.class);
        if (codec == null) {
            return false;
        }
        Http2Connection connection = codec.connection();
        return connection.local().flowController().windowSize(connection.connectionStream())
                < Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE;
    }

    /** Whether the client has ended its side of {@code stream} (or the stream is gone). */
    static boolean remoteEnded(Channel stream) {
        Http2Stream.State state = ((Http2StreamChannel) stream).stream().state();
        return state == null || !state.remoteSideOpen();
    }

    /**
     * Resets {@code stream} with NO_ERROR once its response is out, if its client has still not ended its side: a
     * check soon, then once a second while the response waits for window (a client that gives none is reset by the
     * minimum response rate).
     */
    static void resetOnceAnswered(Channel stream) {
        stream.eventLoop().schedule(() -> resetIfAnswered(stream), 100, TimeUnit.MILLISECONDS);
    }

    private static void resetIfAnswered(Channel stream) {
        if (!stream.isActive()) {
            return;
        }
        Http2Stream.State state = ((Http2StreamChannel) stream).stream().state();
        if (state == Http2Stream.State.HALF_CLOSED_LOCAL) {
            stream.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        } else if (state == Http2Stream.State.OPEN) {
            stream.eventLoop().schedule(() -> resetIfAnswered(stream), 1, TimeUnit.SECONDS);
        }
    }

    /** Whether {@code cause} says the connection broke (an I/O or TLS error, however wrapped): the client's affair. */
    static boolean brokenConnection(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true; // SSLException included
            }
        }
        return false;
    }

    /** Whether {@code channel} is an HTTP/2 stream. */
    static boolean isStream(Channel channel) {
        return channel instanceof Http2StreamChannel;
    }
}
