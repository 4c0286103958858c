package peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Raw Netty 4.2: native epoll, HttpServerCodec, handled on the event loop, flushed once per read batch. */
final class NettyServer {
    private static final AsciiString SERVER = AsciiString.cached("Netty");
    private static final AsciiString TEXT_TYPE = AsciiString.cached(Common.TEXT_TYPE);
    private static final AsciiString JSON_TYPE = AsciiString.cached(Common.JSON_TYPE);
    private static final AsciiString BINARY_TYPE = AsciiString.cached("application/octet-stream");
    private static volatile AsciiString date = now();

    static void start(int port) throws InterruptedException {
        ChannelHandler shared = new Handler(); // stateless, so one instance serves every channel
        bind(port, () -> shared);
    }

    static void bind(int port, Supplier<ChannelHandler> handler) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
        group.next().scheduleAtFixedRate(() -> date = now(), 1, 1, TimeUnit.SECONDS);
        new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), handler.get());
                    }
                })
                .bind("127.0.0.1", port).sync();
    }

    private static AsciiString now() {
        return new AsciiString(DateFormatter.format(new Date()));
    }

    /** Builds the response for a request URI; safe to call from any thread. */
    static FullHttpResponse response(String uri) {
        ByteBuf body;
        AsciiString type;
        switch (uri) {
            case "/plaintext" -> { body = Unpooled.wrappedBuffer(Common.TEXT_BYTES); type = TEXT_TYPE; }
            case "/json" -> { body = Unpooled.wrappedBuffer(Common.json()); type = JSON_TYPE; }
            case "/static16k.bin" -> { body = Unpooled.wrappedBuffer(Common.STATIC_16K); type = BINARY_TYPE; }
            default -> {
                FullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                return notFound;
            }
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.SERVER, SERVER)
                .set(HttpHeaderNames.DATE, date)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return res;
    }

    @ChannelHandler.Sharable
    static final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest req) {
                FullHttpResponse res = response(req.uri());
                if (HttpUtil.isKeepAlive(req)) {
                    ctx.write(res, ctx.voidPromise());
                } else {
                    ctx.write(res).addListener(ChannelFutureListener.CLOSE);
                }
            }
            ReferenceCountUtil.release(msg); // the request head and its (empty) LastHttpContent
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush(); // one flush per batch of reads: pipelined responses leave in one write
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private NettyServer() {}
}
