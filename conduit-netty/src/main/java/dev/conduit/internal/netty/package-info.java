/**
 * Netty internals of the embedded server. Start with {@link dev.conduit.internal.netty.ConnectionHandler} (one
 * HTTP/1.1 connection: ordering, timers, limits), {@link dev.conduit.internal.netty.NettyExchange} (one of its requests
 * as a {@link dev.conduit.spi.HostExchange}), {@link dev.conduit.internal.netty.HeadGuardDecoder} (the strict
 * request-head checks Netty does not make), and for HTTP/2 {@link dev.conduit.internal.netty.Http2Streams} (one
 * connection, its streams served from its frame listener) and {@link dev.conduit.internal.netty.StreamExchange} (one
 * stream's request).
 */
@NullMarked
package dev.conduit.internal.netty;

import org.jspecify.annotations.NullMarked;
