package dev.conduit.internal.netty;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.io.IOException;

/**
 * What an exchange needs from the connection that owns it: the whole of the calls {@link NettyExchange} makes back
 * into {@link ConnectionHandler}. Called on the event loop unless a method says otherwise.
 */
interface ExchangeOwner {

    /** The factory for response headers (validated once, by the runtime). */
    HttpHeadersFactory headersFactory();

    /**
     * When a request starting now arrived, in {@link System#nanoTime()}'s scale by the connection's clock: on the event
     * loop within a read, when the read began (the moment its requests arrived, which is when a pipelined request's
     * time-taken starts); otherwise now.
     */
    long arrival();

    /** The moment of {@link #arrival()} by the system clock ({@link System#currentTimeMillis()}). */
    long arrivalMillis();

    /** Now, by the connection's clock ({@link System#nanoTime()}'s scale; any thread). */
    long now();

    /** The current Date header value. */
    AsciiString date();

    /** Tells whether the connection closes after the response in progress (any thread). */
    boolean isClosing();

    /** Waits, on the request's thread, until the connection accepts more output; returns at once on the loop. */
    void awaitWritable() throws IOException;

    /** The host's own short plain-text response to a broken request, after which the connection closes. */
    FullHttpResponse plainResponse(int status, String message);

    /** Writes the access-log line of a finished exchange (any thread). */
    void log(NettyExchange exchange);

    /** The exchange completed on the event loop and keeps the connection; its response is written, not flushed. */
    void completedOnLoop(NettyExchange exchange);

    /** The exchange's response is on the wire (any thread); {@code close} ends the connection after it. */
    void exchangeDone(NettyExchange exchange, boolean close);

    /** Ends the connection without completing the response (any thread). */
    void abort(NettyExchange exchange);

    /** The proxies whose forwarding headers are believed (any thread). */
    TrustedProxies trustedProxies();
}
