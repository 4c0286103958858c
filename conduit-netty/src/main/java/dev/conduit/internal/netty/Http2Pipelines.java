package dev.conduit.internal.netty;

import dev.conduit.runtime.HttpRuntime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a connection comes to speak HTTP/2, and what its pipeline holds then: by ALPN over TLS, by prior knowledge
 * ({@link PrefaceDetector}) or by {@code Upgrade: h2c} on clear-text connections, the connection's handler ({@link
 * Http2Streams}, which serves the streams), the idle close ({@link IdleClose}) and the end of the pipeline, where the
 * errors Netty has already acted on are logged in a line ({@link ConnectionErrors}).
 */
final class Http2Pipelines {
    private Http2Pipelines() {}

    /** A stream's request's version, as {@link Http2Messages} marks it. */
    static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

    /** The protocol as the request and the access log name it: {@code HTTP/2} as IIS and Kestrel say, else as sent. */
    static String protocol(HttpVersion version) {
        return version.majorVersion() == 2 ? "HTTP/2" : version.text();
    }

    /** Adds HTTP/2 to {@code pipeline}: the connection's handler, which serves its streams. */
    static void add(
            ChannelPipeline pipeline, HttpRuntime runtime, ServerLimits options, ConnectionHandler.ServerState server) {
        pipeline.addLast("h2", Http2Streams.create(new ConnectionHandler.Shared(runtime, options, server)));
        // Before the codec: it sees the connection's bytes both ways.
        pipeline.addBefore("h2", "idle", new IdleClose(options.keepAliveTimeout()));
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
            Http2Streams codec = Http2Streams.create(new ConnectionHandler.Shared(runtime, options, server));
            return new Http2ServerUpgradeCodec("h2", codec, ConnectionErrors.INSTANCE) {
                @Override
                public void upgradeTo(ChannelHandlerContext ctx, FullHttpRequest upgradeRequest) {
                    super.upgradeTo(ctx, upgradeRequest);
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
            Http2ConnectionHandler codec = context.pipeline().get(Http2ConnectionHandler.class);
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

    /** Whether {@code cause} says the connection broke (an I/O or TLS error, however wrapped): the client's affair. */
    static boolean brokenConnection(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true; // SSLException included
            }
        }
        return false;
    }
}
