package dev.conduit.server;

import dev.conduit.internal.netty.ServerLimits;
import java.time.Duration;

/**
 * What the embedded server listens on and the limits it enforces before a request reaches the runtime.
 *
 * <p>Defaults follow Kestrel's where System.Web has none: an 8 KiB request line, a 32 KiB header block, 100 header
 * fields, 30 s to receive a request's headers, 130 s of keep-alive idleness. Body size, URL and query-string limits
 * are per folder, in {@code <httpRuntime>}.
 *
 * @param host the address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one
 * @param maxRequestLineLength the longest request line; longer answers 414
 * @param maxHeaderBlockSize the largest header block in bytes; larger answers 431
 * @param maxHeaderCount the most header fields; more answers 431
 * @param requestHeadersTimeout how long a client may take to send a request's headers once it started; then 408
 * @param keepAliveTimeout how long an idle kept-alive connection stays open
 * @param shutdownGracePeriod how long {@link ConduitServer#stop()} lets in-flight requests finish
 * @param maxPipelinedRequests how many requests a client may queue behind the one being served before reading
 *     pauses
 * @param accessLog whether one line per request is written to standard output
 */
public record ServerOptions(
        String host,
        int port,
        int maxRequestLineLength,
        int maxHeaderBlockSize,
        int maxHeaderCount,
        Duration requestHeadersTimeout,
        Duration keepAliveTimeout,
        Duration shutdownGracePeriod,
        int maxPipelinedRequests,
        boolean accessLog)
        implements ServerLimits {

    /** Validates the values. */
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxRequestLineLength < 64 || maxHeaderBlockSize < 256 || maxHeaderCount < 1 || maxPipelinedRequests < 1) {
            throw new IllegalArgumentException("limits are too small to serve any request");
        }
        if (requestHeadersTimeout.isNegative()
                || requestHeadersTimeout.isZero()
                || keepAliveTimeout.isNegative()
                || keepAliveTimeout.isZero()
                || shutdownGracePeriod.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The defaults, on 127.0.0.1:8080. */
    public static ServerOptions defaults() {
        return new ServerOptions(
                "127.0.0.1",
                8080,
                8 * 1024,
                32 * 1024,
                100,
                Duration.ofSeconds(30),
                Duration.ofSeconds(130),
                Duration.ofSeconds(30),
                16,
                true);
    }

    /** A copy listening on {@code newHost}:{@code newPort}. */
    public ServerOptions withAddress(String newHost, int newPort) {
        return new ServerOptions(
                newHost,
                newPort,
                maxRequestLineLength,
                maxHeaderBlockSize,
                maxHeaderCount,
                requestHeadersTimeout,
                keepAliveTimeout,
                shutdownGracePeriod,
                maxPipelinedRequests,
                accessLog);
    }

    /** A copy with other header timeouts. */
    public ServerOptions withTimeouts(Duration headers, Duration keepAlive) {
        return new ServerOptions(
                host,
                port,
                maxRequestLineLength,
                maxHeaderBlockSize,
                maxHeaderCount,
                headers,
                keepAlive,
                shutdownGracePeriod,
                maxPipelinedRequests,
                accessLog);
    }

    /** A copy with another shutdown grace period. */
    public ServerOptions withShutdownGracePeriod(Duration grace) {
        return new ServerOptions(
                host,
                port,
                maxRequestLineLength,
                maxHeaderBlockSize,
                maxHeaderCount,
                requestHeadersTimeout,
                keepAliveTimeout,
                grace,
                maxPipelinedRequests,
                accessLog);
    }

    /** A copy with the access log on or off. */
    public ServerOptions withAccessLog(boolean on) {
        return new ServerOptions(
                host,
                port,
                maxRequestLineLength,
                maxHeaderBlockSize,
                maxHeaderCount,
                requestHeadersTimeout,
                keepAliveTimeout,
                shutdownGracePeriod,
                maxPipelinedRequests,
                on);
    }
}
