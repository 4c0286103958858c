package dev.conduit.internal.netty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server settings the connection code reads: {@link dev.conduit.server.ServerOptions} implements it with its
 * accessors, so this package depends on no public type of the server package (which depends on this one).
 */
public interface ServerLimits {
    /** The address to bind. */
    String host();

    /** The port; 0 picks a free one. */
    int port();

    /** The longest request line; longer answers 414. */
    int maxRequestLineLength();

    /** The largest header block in bytes; larger answers 431. */
    int maxHeaderBlockSize();

    /** The most header fields; more answers 431. */
    int maxHeaderCount();

    /** How long a client may take to send a request's headers once it started; then 408. */
    Duration requestHeadersTimeout();

    /** How long an idle kept-alive connection stays open. */
    Duration keepAliveTimeout();

    /** How many requests a client may queue behind the one being served before reading pauses. */
    int maxPipelinedRequests();

    /** Whether the access log is written. */
    boolean accessLog();

    /** The folder of the access log's daily files, or null for standard output. */
    @Nullable
    Path accessLogDirectory();

    /** The access log's fields, by their W3C names. */
    List<String> accessLogFields();

    /**
     * The path the server answers itself, before the site's pipeline, for a load balancer's health checks: 200
     * while serving, 503 once a graceful stop began; empty when there is none.
     */
    String healthPath();

    /** Whether a clear-text connection may speak HTTP/2 by prior knowledge (h2c). */
    boolean h2c();

    /** Whether a clear-text HTTP/1.1 connection may become HTTP/2 by {@code Upgrade: h2c} (with {@link #h2c}). */
    boolean h2cUpgrade();

    /** The minimum response data rate in bytes a second after a 5 s grace (0: none); see {@link SlowReaderGuard}. */
    int minResponseRate();

    /** The minimum request body data rate in bytes a second after a 5 s grace (0: none). */
    int minRequestBodyRate();

    /** The HTTPS port beside the clear-text {@link #port()} (0 picks a free one), or -1: the port itself is TLS. */
    int httpsPort();

    /** The TLS certificate (a PEM chain, or a PKCS#12 file), or null to serve plain HTTP. */
    @Nullable
    Path tlsCertificate();

    /** The TLS key (PEM), or null (PKCS#12 holds its own). */
    @Nullable
    Path tlsKey();

    /** The password of an encrypted key or of the PKCS#12 file, or null. */
    @Nullable
    String tlsPassword();

    /** The TLS implementation: {@code auto}, {@code openssl} or {@code jdk}. */
    String tlsProvider();

    /** The proxies whose X-Forwarded-For, -Proto and -Host headers are believed: addresses and CIDR blocks. */
    List<String> trustedProxies();
}
