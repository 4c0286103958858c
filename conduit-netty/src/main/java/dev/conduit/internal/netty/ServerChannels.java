package dev.conduit.internal.netty;

import dev.conduit.runtime.HttpRuntime;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The listening socket, the event loops and every open connection of one server. */
public final class ServerChannels implements ConnectionHandler.ServerState {
    private final EventLoopGroup group;
    /** The listening socket: set once bound, before {@link #bind} returns (the server exists before it listens). */
    private volatile Channel listener;
    /** The HTTPS listener beside a clear-text {@link #listener}, or null (then the listener is TLS when tls is set). */
    private volatile @Nullable Channel httpsListener;

    private final OpenConnections connections;
    private final DateHeader date;
    private final AccessLog accessLog;
    private final String transport;
    private volatile boolean draining;
    private volatile boolean leaving;
    private final TrustedProxies trustedProxies;
    private final @Nullable Tls tls;
    private static final System.Logger TLS_LOG = System.getLogger("dev.conduit.server.tls");
    /** How long a slow reader is given before the minimum response rate applies: Kestrel's grace. */
    static final Duration SLOW_READER_GRACE = Duration.ofSeconds(5);

    private ServerChannels(
            EventLoopGroup group,
            OpenConnections connections,
            DateHeader date,
            AccessLog accessLog,
            String transport,
            @Nullable Tls tls,
            TrustedProxies trustedProxies) {
        this.tls = tls;
        if (tls != null) {
            // A changed certificate is used for new connections within 2 s, without a restart (two stats a time).
            group.next().scheduleAtFixedRate(tls::reloadIfChanged, 2, 2, TimeUnit.SECONDS);
        }
        this.trustedProxies = trustedProxies;
        this.group = group;
        this.connections = connections;
        this.date = date;
        this.accessLog = accessLog;
        this.transport = transport;
    }

    /** Binds {@code options}' address and serves {@code runtime} on it. */
    public static ServerChannels bind(HttpRuntime runtime, ServerLimits options) {
        withoutLeakSampling();
        AccessLog accessLog;
        try {
            accessLog = options.accessLog()
                    ? AccessLog.start(options.accessLogFields(), options.accessLogDirectory())
                    : AccessLog.OFF;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(
                    "cannot write the access log to " + options.accessLogDirectory() + ": " + e.getMessage(), e));
        }
        Tls tls = options.tlsCertificate() == null
                ? null
                : Tls.of(options.tlsCertificate(), options.tlsKey(), options.tlsPassword(), options.tlsProvider());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(ioHandlers);
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        OpenConnections connections = new OpenConnections(group);
        DateHeader date = new DateHeader(group);
        // The server's state exists before it listens: a connection accepted the moment the socket is bound finds it.
        ServerChannels self = new ServerChannels(
                group,
                connections,
                date,
                accessLog,
                epoll ? "epoll" : "nio",
                tls,
                TrustedProxies.of(options.trustedProxies()));
        HttpDecoderConfig decoder = decoderConfig(options);
        // With an HTTPS port, the main port stays clear text beside it; without one, the main port is TLS.
        boolean besides = tls != null && options.httpsPort() >= 0;
        Tls plainTls = besides ? null : tls;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(connections(runtime, options, self, decoder, plainTls));
        try {
            Channel listener = bootstrap
                    .bind(new InetSocketAddress(options.host(), options.port()))
                    .sync()
                    .channel();
            Channel https = null;
            if (besides) {
                try {
                    https = bootstrap
                            .clone()
                            .childHandler(connections(runtime, options, self, decoder, tls))
                            .bind(new InetSocketAddress(options.host(), options.httpsPort()))
                            .sync()
                            .channel();
                } catch (Exception e) {
                    listener.close().syncUninterruptibly();
                    throw new IOException(
                            "cannot listen on " + options.host() + ":" + options.httpsPort() + " (HTTPS): "
                                    + e.getMessage(),
                            e);
                }
            }
            self.listener = listener;
            self.httpsListener = https;
            return self;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            accessLog.close();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding", e);
        } catch (Exception e) {
            accessLog.close();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new UncheckedIOException(new IOException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e));
        }
    }

    /**
     * Turns Netty's buffer leak detection off unless {@code io.netty.leakDetection.level} asks for a level. Netty's
     * default samples one buffer in 128 and records a stack trace for each (2.6 % of a pipelined plaintext profile,
     * async-profiler, 2026-12-06); the server's buffers are its own (a handler never sees one) and its tests run
     * with the paranoid level, which tracks every buffer. The level is the JVM's: a Redis client in the same process
     * goes without too, unless the property is set.
     */
    static void withoutLeakSampling() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * The initializer of an accepted connection: TLS with ALPN (h2, then http/1.1) when {@code tls} is given, else
     * clear text (HTTP/1.1, and HTTP/2 by prior knowledge when h2c is on, by upgrade when that is on too). The
     * slow-reader guard is the first handler of a TLS or HTTP/2 connection; a clear-text HTTP/1.1 connection's codec
     * makes one when it needs it.
     */
    private static ChannelInitializer<SocketChannel> connections(
            HttpRuntime runtime,
            ServerLimits options,
            ServerChannels self,
            HttpDecoderConfig decoder,
            @Nullable Tls tls) {
        ConnectionHandler.Shared shared = new ConnectionHandler.Shared(runtime, options, self);
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                Consumer<ChannelPipeline> http1 = p -> {
                    ConnectionHandler handler = new ConnectionHandler(shared);
                    // Over TLS the guard is a handler of its own already, in front of TLS (it must count records).
                    long codecRate = tls == null ? options.minResponseRate() : 0;
                    p.addLast("codec", new Http1Codec(decoder.clone(), options.maxHeaderCount(), handler, codecRate));
                    if (tls != null) {
                        // Files are read in chunks over TLS (no sendfile through the encryption).
                        p.addLast("chunked", new ChunkedWriteHandler());
                    } else if (options.h2c() && options.h2cUpgrade()) {
                        p.addLast("h2c-upgrade", Http2Pipelines.upgrade(p, runtime, options, self));
                    }
                    p.addLast("conduit", handler);
                };
                Consumer<ChannelPipeline> http2 = p -> {
                    if (tls == null) {
                        addSlowReaderGuard(p, options);
                    }
                    Http2Pipelines.add(p, runtime, options, self);
                };
                if (tls != null) {
                    addSlowReaderGuard(ch.pipeline(), options);
                }
                if (tls != null) {
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                    ch.pipeline()
                            .addLast(
                                    "alpn",
                                    new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                        @Override
                                        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                                http2.accept(ctx.pipeline());
                                            } else {
                                                http1.accept(ctx.pipeline());
                                            }
                                        }

                                        // A handshake that fails (a client that gave up, a scanner, an old TLS
                                        // version) is the client's affair: a line at DEBUG, as Kestrel logs it, not
                                        // two warnings with stack traces that anyone on the internet can add to.
                                        @Override
                                        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                                            TLS_LOG.log(
                                                    System.Logger.Level.DEBUG,
                                                    "{0}: TLS handshake failed: {1}",
                                                    ctx.channel().remoteAddress(),
                                                    String.valueOf(cause.getMessage()));
                                            ctx.close();
                                        }

                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause)
                                                throws Exception {
                                            if (cause instanceof IOException) {
                                                handshakeFailure(ctx, cause); // the connection broke meanwhile
                                                return;
                                            }
                                            super.exceptionCaught(ctx, cause);
                                        }
                                    });
                } else if (options.h2c()) {
                    ch.pipeline()
                            .addLast(
                                    "preface",
                                    new Http2Pipelines.PrefaceDetector(http1, http2, options.requestHeadersTimeout()));
                } else {
                    http1.accept(ch.pipeline());
                }
            }
        };
    }

    /**
     * Puts the minimum response data rate's guard first in {@code pipeline} (where it sees the bytes that go to the
     * socket), for a TLS or HTTP/2 connection; a clear-text HTTP/1.1 connection's {@link Http1Codec} guards it itself.
     */
    static void addSlowReaderGuard(ChannelPipeline pipeline, ServerLimits options) {
        if (options.minResponseRate() > 0) {
            pipeline.addFirst("slow-reader", new SlowReaderGuard(options.minResponseRate(), SLOW_READER_GRACE));
        }
    }

    /**
     * The request decoder's settings: the options' limits, and every strictness Netty offers set explicitly, so that a
     * system property cannot relax them: CRLF line endings only, no duplicate Content-Length, and Content-Length
     * with Transfer-Encoding rejected (RFC 9112 §6.1) rather than resolved in favour of the chunked coding.
     */
    static HttpDecoderConfig decoderConfig(ServerLimits options) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxRequestLineLength())
                .setMaxHeaderSize(options.maxHeaderBlockSize())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true)
                .setValidateHeaders(true);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The port of the HTTPS listener beside the clear-text one, or -1 when there is none. */
    public int httpsPort() {
        return httpsListener == null ? -1 : ((InetSocketAddress) httpsListener.localAddress()).getPort();
    }

    public String transport() {
        return tls == null ? transport : transport + ", TLS via " + tls.providerName();
    }

    /** Whether the listener serves TLS. */
    public boolean isTls() {
        return tls != null && httpsListener == null;
    }

    public boolean isAccepting() {
        return listener.isActive() && !draining;
    }

    @Override
    public AsciiString date() {
        return date.value();
    }

    @Override
    public boolean isDraining() {
        return draining;
    }

    @Override
    public boolean isLeaving() {
        return leaving;
    }

    @Override
    public AccessLog accessLog() {
        return accessLog;
    }

    @Override
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    @Override
    public void opened(OpenConnection connection, EventExecutor loop) {
        connections.opened(connection, loop);
    }

    @Override
    public void closed(OpenConnection connection, EventExecutor loop) {
        connections.closed(connection, loop);
    }

    /** A stop began: the health endpoint answers 503 and responses close their connections; serving goes on. */
    public void beginLeaving() {
        leaving = true;
    }

    /**
     * Stops accepting: when this returns, the listening socket is closed (a new connection is refused), idle
     * connections are closing, every other connection closes after the response in progress, and HTTP/2 connections
     * have been sent a GOAWAY and close when their open streams are done.
     */
    public void stopAccepting() {
        leaving = true;
        draining = true;
        listener.close().syncUninterruptibly();
        if (httpsListener != null) {
            httpsListener.close().syncUninterruptibly();
        }
        connections.draining();
        connections.forEach(OpenConnection::drain);
    }

    /**
     * Waits up to {@code grace} for the connections to finish their requests and close, closes what is left, then
     * stops the event loops. Call after {@link #stopAccepting}.
     */
    public void awaitDrained(Duration grace) {
        if (!connections.awaitClosed(Math.max(1, grace.toMillis()))) {
            connections.forEach(OpenConnection::close);
            connections.awaitClosed(5000);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        accessLog.close(); // after the last response: its line is written
    }
}
