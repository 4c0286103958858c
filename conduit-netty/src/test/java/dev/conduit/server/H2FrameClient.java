package dev.conduit.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/2 client at the frame level, over a real socket, for tests that must send what a well-behaved client never
 * would: Netty's frame writer and reader (its HPACK encoder and decoder), plus raw frames for what the writer refuses
 * to produce (a zero window increment, an endless run of CONTINUATION frames). The frames the server sends are queued
 * as {@link Frame} records; its SETTINGS are acknowledged.
 */
final class H2FrameClient implements AutoCloseable {
    /** A frame the server sent: its type, stream, and what the test needs of it. */
    record Frame(String type, int stream, long code, String text, boolean endStream) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>() {
        @Override
        public boolean add(Frame f) {
            counts.computeIfAbsent(f.type(), t -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            if (f.stream() != 0 && !f.type().equals("GOAWAY")) {
                byStream.computeIfAbsent(f.stream(), k -> new LinkedBlockingQueue<>())
                        .add(f);
            }
            if (seen.size() < 50) {
                seen.add(f);
            }
            return super.add(f);
        }
    };
    /** The frames of each stream, for {@link #response}. */
    private final java.util.Map<Integer, BlockingQueue<Frame>> byStream =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** How many frames of each type were received. */
    final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> counts =
            new java.util.concurrent.ConcurrentHashMap<>();

    int count(String type) {
        var n = counts.get(type);
        return n == null ? 0 : n.get();
    }

    /**
     * Waits up to {@code timeout} until {@code n} frames of {@code type} were received, or a GOAWAY, or the end of the
     * connection; whether the {@code n} frames came.
     */
    boolean awaitCount(String type, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (count(type) >= n) {
                return true;
            }
            if (count("GOAWAY") > 0 || !isOpen()) {
                return false;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Whether DATA frames keep their text (off for large bodies: then only their bytes are counted). */
    volatile boolean keepBodies = true;
    /** Whether the window a DATA frame used is given back at once (off: a client that does not read the body). */
    volatile boolean giveWindowBack = true;
    /** The bytes of DATA received per stream. */
    final java.util.Map<Integer, java.util.concurrent.atomic.AtomicLong> received =
            new java.util.concurrent.ConcurrentHashMap<>();

    long received(int stream) {
        var n = received.get(stream);
        return n == null ? 0 : n.get();
    }

    /** The window the server has granted for sending, per stream (0: the connection), beyond the initial ones. */
    final java.util.Map<Integer, java.util.concurrent.atomic.AtomicLong> granted =
            new java.util.concurrent.ConcurrentHashMap<>();

    long granted(int stream) {
        var n = granted.get(stream);
        return n == null ? 0 : n.get();
    }

    /** Gives {@code n} bytes of window to {@code stream} and to the connection. */
    void window(int stream, int n) {
        on(c -> {
            writer.writeWindowUpdate(c, 0, n, c.newPromise());
            writer.writeWindowUpdate(c, stream, n, c.newPromise());
        });
    }

    /** The first frames received, for an assertion's message. */
    final List<Frame> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final Channel channel;
    private volatile @Nullable ChannelHandlerContext ctx;

    private H2FrameClient(int port, boolean autoRead) {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, autoRead)
                // A client that does not read has a small window: its server's writes back up sooner.
                .option(ChannelOption.SO_RCVBUF, autoRead ? 128 * 1024 : 4096)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Reader());
                    }
                });
        channel = b.connect("127.0.0.1", port).syncUninterruptibly().channel();
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /** Connects in clear text and sends the preface and an empty SETTINGS frame (h2c by prior knowledge). */
    static H2FrameClient connect(int port) {
        return connect(port, new Http2Settings());
    }

    /** As {@link #connect(int)}, with {@code settings} in the client's SETTINGS frame. */
    static H2FrameClient connect(int port, Http2Settings settings) {
        H2FrameClient c = new H2FrameClient(port, true);
        c.preface(settings);
        try {
            // The server's SETTINGS acknowledged before the test writes: the ACK cannot fall inside its frames.
            if (!c.awaitCount("SETTINGS", 1, Duration.ofSeconds(10))) {
                throw new IllegalStateException("no SETTINGS from the server");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return c;
    }

    /** As {@link #connect}, but the client reads nothing until {@link #startReading} (a client that stopped). */
    static H2FrameClient connectNotReading(int port, Http2Settings settings) {
        H2FrameClient c = new H2FrameClient(port, false);
        c.preface(settings);
        return c;
    }

    private void preface(Http2Settings settings) {
        on(ctx -> {
            ctx.write(Http2CodecUtil.connectionPrefaceBuf());
            writer.writeSettings(ctx, settings, ctx.newPromise());
        });
    }

    void startReading() {
        channel.config().setAutoRead(true);
        channel.read();
    }

    private final class Reader extends ByteToMessageDecoder {
        private final DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(false);

        Reader() {
            try {
                // The client takes large header lists: the test decides what is too large, not the client.
                reader.headersConfiguration().maxHeaderListSize(1 << 20, 1 << 20);
            } catch (io.netty.handler.codec.http2.Http2Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext c) {
            ctx = c;
        }

        @Override
        protected void decode(ChannelHandlerContext c, ByteBuf in, List<Object> out) throws Exception {
            reader.readFrame(c, in, new Http2FrameAdapter() {
                @Override
                public int onDataRead(ChannelHandlerContext x, int stream, ByteBuf data, int padding, boolean end) {
                    received.computeIfAbsent(stream, k -> new java.util.concurrent.atomic.AtomicLong())
                            .addAndGet(data.readableBytes());
                    frames.add(new Frame(
                            "DATA",
                            stream,
                            data.readableBytes(),
                            keepBodies ? data.toString(StandardCharsets.UTF_8) : "",
                            end));
                    int n = data.readableBytes() + padding;
                    if (n > 0 && giveWindowBack) {
                        // Give the window back at once (connection and stream), as a client that keeps reading does.
                        writer.writeWindowUpdate(x, 0, n, x.newPromise());
                        writer.writeWindowUpdate(x, stream, n, x.newPromise());
                        x.flush();
                    }
                    return n;
                }

                @Override
                public void onHeadersRead(
                        ChannelHandlerContext x, int stream, Http2Headers headers, int padding, boolean end) {
                    frames.add(new Frame("HEADERS", stream, 0, headers.toString(), end));
                }

                @Override
                public void onHeadersRead(
                        ChannelHandlerContext x,
                        int stream,
                        Http2Headers headers,
                        int dependency,
                        short weight,
                        boolean exclusive,
                        int padding,
                        boolean end) {
                    onHeadersRead(x, stream, headers, padding, end);
                }

                @Override
                public void onRstStreamRead(ChannelHandlerContext x, int stream, long code) {
                    frames.add(new Frame("RST_STREAM", stream, code, "", true));
                }

                @Override
                public void onSettingsRead(ChannelHandlerContext x, Http2Settings settings) {
                    frames.add(new Frame("SETTINGS", 0, 0, settings.toString(), false));
                    writer.writeSettingsAck(x, x.newPromise());
                    x.flush();
                }

                @Override
                public void onWindowUpdateRead(ChannelHandlerContext x, int stream, int increment) {
                    granted.computeIfAbsent(stream, k -> new java.util.concurrent.atomic.AtomicLong())
                            .addAndGet(increment);
                }

                @Override
                public void onPingRead(ChannelHandlerContext x, long data) {
                    frames.add(new Frame("PING", 0, data, "", false));
                }

                @Override
                public void onPingAckRead(ChannelHandlerContext x, long data) {
                    frames.add(new Frame("PING_ACK", 0, data, "", false));
                }

                @Override
                public void onGoAwayRead(ChannelHandlerContext x, int last, long code, ByteBuf debug) {
                    frames.add(new Frame("GOAWAY", last, code, debug.toString(StandardCharsets.UTF_8), false));
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            c.close();
        }
    }

    /** Runs {@code action} on the connection's event loop with the pipeline's context, then flushes. */
    void on(Consumer<ChannelHandlerContext> action) {
        channel.eventLoop()
                .submit(() -> {
                    ChannelHandlerContext c = ctx;
                    if (c != null && channel.isActive()) {
                        action.accept(c);
                        c.flush();
                    }
                })
                .syncUninterruptibly();
    }

    /** The frame writer, for a test that writes frames itself within {@link #on}. */
    DefaultHttp2FrameWriter writer() {
        return writer;
    }

    static Http2Headers request(String method, String path) {
        return new DefaultHttp2Headers()
                .method(method)
                .path(path)
                .scheme("http")
                .authority("127.0.0.1");
    }

    void headers(int stream, Http2Headers headers, boolean endStream) {
        on(c -> writer.writeHeaders(c, stream, headers, 0, endStream, c.newPromise()));
    }

    void get(int stream, String path) {
        headers(stream, request("GET", path), true);
    }

    void rst(int stream, long code) {
        on(c -> writer.writeRstStream(c, stream, code, c.newPromise()));
    }

    void data(int stream, byte[] bytes, boolean endStream) {
        on(c -> writer.writeData(c, stream, Unpooled.wrappedBuffer(bytes), 0, endStream, c.newPromise()));
    }

    /** A frame as given: for what the writer refuses to write. */
    void raw(int type, int flags, int stream, byte[] payload) {
        on(c -> c.write(rawFrame(type, flags, stream, payload)));
    }

    static ByteBuf rawFrame(int type, int flags, int stream, byte[] payload) {
        ByteBuf b = Unpooled.buffer(9 + payload.length);
        Http2CodecUtil.writeFrameHeader(
                b, payload.length, (byte) type, new io.netty.handler.codec.http2.Http2Flags((short) flags), stream);
        b.writeBytes(payload);
        return b;
    }

    /** Many frames (a flood), each made by {@code frame}, written in 64 KiB batches. */
    void flood(int count, java.util.function.IntFunction<ByteBuf> frame) {
        on(c -> {
            ByteBuf batch = c.alloc().buffer(64 * 1024);
            for (int i = 0; i < count && c.channel().isActive(); i++) {
                ByteBuf f = frame.apply(i);
                batch.writeBytes(f);
                f.release();
                if (batch.readableBytes() >= 60 * 1024) {
                    c.writeAndFlush(batch);
                    batch = c.alloc().buffer(64 * 1024);
                }
            }
            c.writeAndFlush(batch);
        });
    }

    /** The next frame the server sent, or null after {@code timeout}. */
    @Nullable
    Frame next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first frame of {@code type} (others skipped), or null when none came within {@code timeout}. */
    @Nullable
    Frame await(String type, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = end - System.nanoTime()) {
            Frame f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f == null) {
                return null;
            }
            if (f.type().equals(type)) {
                return f;
            }
        }
        return null;
    }

    /** The body of {@code stream}'s response (its DATA frames until END_STREAM), after its HEADERS. */
    Response response(int stream, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (long left = timeout.toNanos(); left > 0; left = end - System.nanoTime()) {
            Frame f = byStream.computeIfAbsent(stream, k -> new LinkedBlockingQueue<>())
                    .poll(left, TimeUnit.NANOSECONDS);
            if (f == null) {
                break;
            }
            if (f.type().equals("HEADERS") && head == null) {
                head = f.text();
            } else if (f.type().equals("DATA")) {
                body.writeBytes(f.text().getBytes(StandardCharsets.UTF_8));
            } else if (f.type().equals("RST_STREAM")) {
                return new Response(head, body.toString(StandardCharsets.UTF_8), f.code());
            }
            if (f.endStream()) {
                return new Response(head, body.toString(StandardCharsets.UTF_8), -1);
            }
        }
        throw new AssertionError("no complete response on stream " + stream + " within " + timeout);
    }

    /** A stream's response: its headers (as text), its body, and the RST_STREAM code that ended it, or -1. */
    record Response(@Nullable String headers, String body, long resetCode) {}

    /** Whether the server closed the connection within {@code timeout}. */
    boolean awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
