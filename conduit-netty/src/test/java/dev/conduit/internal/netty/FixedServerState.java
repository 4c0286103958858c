package dev.conduit.internal.netty;

import io.netty.util.AsciiString;

/** The server-wide state a connection reads, for tests: a fixed Date, not draining, no access log. */
final class FixedServerState implements ConnectionHandler.ServerState {
    /** The Date header every response gets. */
    static final String DATE = "Sat, 21 Nov 2026 10:00:00 GMT";

    @Override
    public AsciiString date() {
        return AsciiString.cached(DATE);
    }

    @Override
    public boolean isDraining() {
        return false;
    }

    @Override
    public AccessLog accessLog() {
        return AccessLog.OFF;
    }
}
