package dev.conduit.internal.netty;

import org.jspecify.annotations.Nullable;

/**
 * A connection as the server's list of open connections ({@link OpenConnections}) holds it: linked through fields of
 * its own handler (no entry object per connection), and told when the server stops. An HTTP/1.1 connection's handler
 * ({@link ConnectionHandler}) or an HTTP/2 connection's ({@link Http2Streams}). Called on the connection's event loop.
 */
interface OpenConnection {
    @Nullable
    OpenConnection previousOpen();

    void previousOpen(@Nullable OpenConnection previous);

    @Nullable
    OpenConnection nextOpen();

    void nextOpen(@Nullable OpenConnection next);

    /** Shutting down: close once the requests in progress are answered (none is accepted after them). */
    void drain();

    /** The stop's grace ran out: close now, whatever is in progress. */
    void close();
}
