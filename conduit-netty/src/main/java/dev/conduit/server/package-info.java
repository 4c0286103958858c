/**
 * The embedded HTTP/1.1 server. Start with {@link dev.conduit.server.ConduitServer} ({@code start}, {@code port},
 * graceful {@code stop}) and {@link dev.conduit.server.ServerOptions} (address, limits, timeouts, access log).
 */
@NullMarked
package dev.conduit.server;

import org.jspecify.annotations.NullMarked;
