package dev.conduit.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Tells the connection when bytes arrive, before they are decoded, so the head timer can start at the first byte. */
final class HeadTimer extends ChannelInboundHandlerAdapter {
    private final ConnectionHandler connection;

    HeadTimer(ConnectionHandler connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.bytesArrived();
        ctx.fireChannelRead(msg);
    }
}
