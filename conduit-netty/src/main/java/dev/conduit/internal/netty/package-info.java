/**
 * Netty internals of the embedded server. Start with {@link dev.conduit.internal.netty.ConnectionHandler} (one
 * connection: ordering, timers, limits), {@link dev.conduit.internal.netty.NettyExchange} (one request as a {@link
 * dev.conduit.spi.HostExchange}) and {@link dev.conduit.internal.netty.HeadGuardDecoder} (the strict request-head
 * checks Netty does not make).
 */
@NullMarked
package dev.conduit.internal.netty;

import org.jspecify.annotations.NullMarked;
