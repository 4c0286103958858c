package dev.conduit.server;

import dev.conduit.internal.netty.AccessLog;
import dev.conduit.internal.netty.ServerLimits;
import dev.conduit.internal.netty.Tls;
import dev.conduit.internal.netty.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the embedded server listens on and the limits it enforces before a request reaches the runtime: an immutable
 * value, made with {@link #builder()} or changed with {@link #toBuilder()}.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder().host("0.0.0.0").port(8080).accessLog(false).build();
 * ServerOptions longer = options.toBuilder().keepAliveTimeout(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>Defaults follow Kestrel's where System.Web has none: an 8 KiB request line, a 32 KiB header block, 100 header
 * fields, 30 s to receive a request's headers, 130 s of keep-alive idleness. Body size, URL and query-string limits
 * are per folder, in {@code <httpRuntime>}.
 *
 * <p>Each setting is one builder method, one accessor and one rule checked by {@link Builder#build()}; {@code conduit
 * run} exposes each as one flag and one configuration-file key (docs/configuration.md, "Server options"). A setting
 * added later is one more builder method, so code that builds options today keeps compiling.
 */
public final class ServerOptions implements ServerLimits {
    private final String host;
    private final int port;
    private final int maxRequestLineLength;
    private final int maxHeaderBlockSize;
    private final int maxHeaderCount;
    private final Duration requestHeadersTimeout;
    private final Duration keepAliveTimeout;
    private final Duration shutdownGracePeriod;
    private final int maxPipelinedRequests;
    private final boolean accessLog;
    private final @Nullable Path accessLogDirectory;
    private final List<String> accessLogFields;
    private final String healthPath;
    private final Duration drainDelay;
    private final boolean h2c;
    private final boolean h2cUpgrade;
    private final int minResponseRate;
    private final int minRequestBodyRate;
    private final int httpsPort;
    private final @Nullable Path tlsCertificate;
    private final @Nullable Path tlsKey;
    private final @Nullable String tlsPassword;
    private final String tlsProvider;
    private final List<String> trustedProxies;

    private ServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.maxRequestLineLength = b.maxRequestLineLength;
        this.maxHeaderBlockSize = b.maxHeaderBlockSize;
        this.maxHeaderCount = b.maxHeaderCount;
        this.requestHeadersTimeout = b.requestHeadersTimeout;
        this.keepAliveTimeout = b.keepAliveTimeout;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.maxPipelinedRequests = b.maxPipelinedRequests;
        this.accessLog = b.accessLog;
        this.accessLogDirectory = b.accessLogDirectory;
        this.accessLogFields = b.accessLogFields;
        this.healthPath = b.healthPath;
        this.drainDelay = b.drainDelay;
        this.h2c = b.h2c;
        this.h2cUpgrade = b.h2cUpgrade;
        this.minResponseRate = b.minResponseRate;
        this.minRequestBodyRate = b.minRequestBodyRate;
        this.httpsPort = b.httpsPort;
        this.tlsCertificate = b.tlsCertificate;
        this.tlsKey = b.tlsKey;
        this.tlsPassword = b.tlsPassword;
        this.tlsProvider = b.tlsProvider;
        this.trustedProxies = b.trustedProxies;
    }

    /** Starts from the defaults: 127.0.0.1:8080, the limits in the class comment, the access log on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults; the same as {@code builder().build()}. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}; default {@code 127.0.0.1}. */
    @Override
    public String host() {
        return host;
    }

    /** The port; 0 picks a free one; default 8080. */
    @Override
    public int port() {
        return port;
    }

    /** The longest request line in bytes; longer answers 414; default 8192. */
    @Override
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** The largest header block in bytes; larger answers 431; default 32768. */
    @Override
    public int maxHeaderBlockSize() {
        return maxHeaderBlockSize;
    }

    /** The most header fields; more answers 431; default 100. */
    @Override
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /** How long a client may take to send a request's headers once it started; then 408; default 30 s. */
    @Override
    public Duration requestHeadersTimeout() {
        return requestHeadersTimeout;
    }

    /** How long an idle kept-alive connection stays open; default 130 s. */
    @Override
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** How long {@link ConduitServer#stop()} lets in-flight requests finish; default 30 s. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /** How many requests a client may queue behind the one being served before reading pauses; default 16. */
    @Override
    public int maxPipelinedRequests() {
        return maxPipelinedRequests;
    }

    /**
     * Whether the access log is written (W3C extended format, as IIS's; off the request path, see
     * docs/configuration.md); default on.
     */
    @Override
    public boolean accessLog() {
        return accessLog;
    }

    /**
     * The folder the access log writes one file per UTC day to ({@code u_exYYMMDD.log}, as IIS names them); default
     * null: standard output.
     */
    @Override
    public @Nullable Path accessLogDirectory() {
        return accessLogDirectory;
    }

    /** The access log's fields, by W3C name; default IIS's defaults less {@code cs-username}. */
    @Override
    public List<String> accessLogFields() {
        return accessLogFields;
    }

    /**
     * The path the server answers itself for a load balancer's health checks, before the site's pipeline (no module
     * or authorization sees it): {@code 200 Healthy} while serving, {@code 503 Draining} once a graceful stop began.
     * Default {@code /health}; empty for none. A site file at that path is shadowed.
     */
    @Override
    public String healthPath() {
        return healthPath;
    }

    /**
     * Whether a clear-text connection that opens with the HTTP/2 preface speaks HTTP/2 (h2c by prior knowledge); on by
     * default. Over TLS, HTTP/2 is offered by ALPN whatever this says.
     */
    @Override
    public boolean h2c() {
        return h2c;
    }

    /**
     * Whether the first request of a clear-text HTTP/1.1 connection may ask for {@code Upgrade: h2c} and go on as
     * HTTP/2 (with {@link #h2c()}); off by default. RFC 9113 deprecates the upgrade, Kestrel does not offer it, and
     * behind a balancer that forwards the header (HAProxy does) it turns the client's connection into a tunnel to one
     * instance: no more balancing, and a rolling restart loses what was on it.
     */
    @Override
    public boolean h2cUpgrade() {
        return h2cUpgrade;
    }

    /**
     * The minimum response data rate, bytes a second: a client that reads a waiting response more slowly than this on
     * average, once a 5 s grace has passed, is cut (Kestrel's {@code MinResponseDataRate}); 240 by default, 0 for no
     * minimum.
     */
    @Override
    public int minResponseRate() {
        return minResponseRate;
    }

    /**
     * The minimum request body data rate, bytes a second: a client that sends a body more slowly than this on average,
     * once a 5 s grace has passed, is answered 408 and disconnected (Kestrel's {@code MinRequestBodyDataRate}); 240 by
     * default, 0 for no minimum.
     */
    @Override
    public int minRequestBodyRate() {
        return minRequestBodyRate;
    }

    /**
     * The HTTPS port beside the clear-text {@link #port()}: with a TLS certificate, plain HTTP stays on {@code port}
     * and HTTPS is served here (0 picks a free port); -1 (the default) serves TLS on {@code port} itself, alone.
     */
    @Override
    public int httpsPort() {
        return httpsPort;
    }

    /**
     * The TLS certificate: a PEM file with the chain (the server's certificate first), or a PKCS#12 file ({@code
     * .p12}, {@code .pfx}) holding key and chain; null (the default) serves plain HTTP.
     */
    @Override
    public @Nullable Path tlsCertificate() {
        return tlsCertificate;
    }

    /** The PEM private key of {@link #tlsCertificate()}; null for PKCS#12. */
    @Override
    public @Nullable Path tlsKey() {
        return tlsKey;
    }

    /** The password of an encrypted PEM key or of the PKCS#12 file; null for none. */
    @Override
    public @Nullable String tlsPassword() {
        return tlsPassword;
    }

    /**
     * Which TLS implementation serves: {@code auto} (the default: OpenSSL through netty-tcnative when it loads, else
     * the JDK's), {@code openssl} (refused at start when it does not load) or {@code jdk}.
     */
    @Override
    public String tlsProvider() {
        return tlsProvider;
    }

    /**
     * How long a stop keeps serving, its health endpoint answering 503 and its responses closing their connections,
     * before it stops accepting and drains: time for a load balancer's health checks to take the instance out. Zero
     * (the default) stops accepting at once.
     */
    public Duration drainDelay() {
        return drainDelay;
    }

    /**
     * The proxies whose forwarding headers are believed ({@code X-Forwarded-For} for the client's address, {@code
     * -Proto} for https, {@code -Host} for the URL's host): literal addresses and CIDR blocks; none by default, so
     * the headers are ignored.
     */
    @Override
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    /** Tells whether {@code o} is a {@code ServerOptions} with the same value for every setting. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ServerOptions other
                && host.equals(other.host)
                && port == other.port
                && maxRequestLineLength == other.maxRequestLineLength
                && maxHeaderBlockSize == other.maxHeaderBlockSize
                && maxHeaderCount == other.maxHeaderCount
                && requestHeadersTimeout.equals(other.requestHeadersTimeout)
                && keepAliveTimeout.equals(other.keepAliveTimeout)
                && shutdownGracePeriod.equals(other.shutdownGracePeriod)
                && maxPipelinedRequests == other.maxPipelinedRequests
                && accessLog == other.accessLog
                && Objects.equals(accessLogDirectory, other.accessLogDirectory)
                && accessLogFields.equals(other.accessLogFields)
                && healthPath.equals(other.healthPath)
                && drainDelay.equals(other.drainDelay)
                && h2c == other.h2c
                && h2cUpgrade == other.h2cUpgrade
                && minResponseRate == other.minResponseRate
                && minRequestBodyRate == other.minRequestBodyRate
                && httpsPort == other.httpsPort
                && Objects.equals(tlsCertificate, other.tlsCertificate)
                && Objects.equals(tlsKey, other.tlsKey)
                && Objects.equals(tlsPassword, other.tlsPassword)
                && tlsProvider.equals(other.tlsProvider)
                && trustedProxies.equals(other.trustedProxies);
    }

    /** A hash of every setting, consistent with {@link #equals}. */
    @Override
    public int hashCode() {
        return Objects.hash(
                host,
                port,
                maxRequestLineLength,
                maxHeaderBlockSize,
                maxHeaderCount,
                requestHeadersTimeout,
                keepAliveTimeout,
                shutdownGracePeriod,
                maxPipelinedRequests,
                accessLog,
                accessLogDirectory,
                accessLogFields,
                healthPath,
                drainDelay,
                h2c,
                h2cUpgrade,
                minResponseRate,
                minRequestBodyRate,
                httpsPort,
                tlsCertificate,
                tlsKey,
                tlsPassword,
                tlsProvider,
                trustedProxies);
    }

    /** Every setting by name, for logs and test failures. */
    @Override
    public String toString() {
        return "ServerOptions[host=" + host + ", port=" + port + ", maxRequestLineLength=" + maxRequestLineLength
                + ", maxHeaderBlockSize=" + maxHeaderBlockSize + ", maxHeaderCount=" + maxHeaderCount
                + ", requestHeadersTimeout=" + requestHeadersTimeout + ", keepAliveTimeout=" + keepAliveTimeout
                + ", shutdownGracePeriod=" + shutdownGracePeriod + ", maxPipelinedRequests=" + maxPipelinedRequests
                + ", accessLog=" + accessLog + ", accessLogDirectory=" + accessLogDirectory + ", accessLogFields="
                + accessLogFields + ", healthPath=" + healthPath + ", drainDelay=" + drainDelay + ", h2c=" + h2c
                + ", h2cUpgrade=" + h2cUpgrade
                + ", minResponseRate=" + minResponseRate + ", minRequestBodyRate=" + minRequestBodyRate + ", httpsPort="
                + httpsPort
                + ", tlsCertificate="
                + tlsCertificate + ", tlsKey=" + tlsKey
                + ", tlsPassword=" + (tlsPassword == null ? "none" : "(set)") + ", tlsProvider=" + tlsProvider
                + ", trustedProxies="
                + trustedProxies + "]";
    }

    /**
     * Collects settings for a {@link ServerOptions}. Setters only record the value; {@link #build()} checks every
     * rule. Not thread-safe: one builder belongs to the code that is filling it.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxRequestLineLength = 8 * 1024;
        private int maxHeaderBlockSize = 32 * 1024;
        private int maxHeaderCount = 100;
        private Duration requestHeadersTimeout = Duration.ofSeconds(30);
        private Duration keepAliveTimeout = Duration.ofSeconds(130);
        private Duration shutdownGracePeriod = Duration.ofSeconds(30);
        private int maxPipelinedRequests = 16;
        private boolean accessLog = true;
        private @Nullable Path accessLogDirectory;
        private List<String> accessLogFields = AccessLog.DEFAULT_FIELDS;
        private String healthPath = "/health";
        private Duration drainDelay = Duration.ZERO;
        private boolean h2c = true;
        private boolean h2cUpgrade;
        private int minResponseRate = 240;
        private int minRequestBodyRate = 240;
        private int httpsPort = -1;
        private @Nullable Path tlsCertificate;
        private @Nullable Path tlsKey;
        private @Nullable String tlsPassword;
        private String tlsProvider = "auto";
        private List<String> trustedProxies = List.of();

        private Builder() {}

        private Builder(ServerOptions o) {
            host = o.host;
            port = o.port;
            maxRequestLineLength = o.maxRequestLineLength;
            maxHeaderBlockSize = o.maxHeaderBlockSize;
            maxHeaderCount = o.maxHeaderCount;
            requestHeadersTimeout = o.requestHeadersTimeout;
            keepAliveTimeout = o.keepAliveTimeout;
            shutdownGracePeriod = o.shutdownGracePeriod;
            maxPipelinedRequests = o.maxPipelinedRequests;
            accessLog = o.accessLog;
            accessLogDirectory = o.accessLogDirectory;
            accessLogFields = o.accessLogFields;
            healthPath = o.healthPath;
            drainDelay = o.drainDelay;
            h2c = o.h2c;
            h2cUpgrade = o.h2cUpgrade;
            minResponseRate = o.minResponseRate;
            minRequestBodyRate = o.minRequestBodyRate;
            httpsPort = o.httpsPort;
            tlsCertificate = o.tlsCertificate;
            tlsKey = o.tlsKey;
            tlsPassword = o.tlsPassword;
            tlsProvider = o.tlsProvider;
            trustedProxies = o.trustedProxies;
        }

        /** Sets the address to bind; must not be blank. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Sets the port: 0..65535, 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Sets the longest request line in bytes; at least 64. */
        public Builder maxRequestLineLength(int bytes) {
            this.maxRequestLineLength = bytes;
            return this;
        }

        /** Sets the largest header block in bytes; at least 256. */
        public Builder maxHeaderBlockSize(int bytes) {
            this.maxHeaderBlockSize = bytes;
            return this;
        }

        /** Sets the most header fields a request may have; at least 1. */
        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = count;
            return this;
        }

        /** Sets how long a client may take to send a request's headers once it started; positive. */
        public Builder requestHeadersTimeout(Duration timeout) {
            this.requestHeadersTimeout = Objects.requireNonNull(timeout, "requestHeadersTimeout");
            return this;
        }

        /** Sets how long an idle kept-alive connection stays open; positive. */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = Objects.requireNonNull(timeout, "keepAliveTimeout");
            return this;
        }

        /** Sets how long {@link ConduitServer#stop()} lets in-flight requests finish; zero or more. */
        public Builder shutdownGracePeriod(Duration grace) {
            this.shutdownGracePeriod = Objects.requireNonNull(grace, "shutdownGracePeriod");
            return this;
        }

        /** Sets how many requests a client may queue behind the one being served; at least 1. */
        public Builder maxPipelinedRequests(int count) {
            this.maxPipelinedRequests = count;
            return this;
        }

        /** Turns the access log on or off. */
        public Builder accessLog(boolean on) {
            this.accessLog = on;
            return this;
        }

        /** Sets the folder of the access log's daily files; null writes to standard output. */
        public Builder accessLogDirectory(@Nullable Path folder) {
            this.accessLogDirectory = folder;
            return this;
        }

        /** Sets the access log's fields by W3C name ({@code date}, {@code cs-uri-stem}, ...); known names only. */
        public Builder accessLogFields(List<String> fields) {
            this.accessLogFields = List.copyOf(fields);
            return this;
        }

        /** Sets the health-check path ({@code /health}); empty for none. */
        public Builder healthPath(String path) {
            this.healthPath = Objects.requireNonNull(path, "healthPath");
            return this;
        }

        /** Sets how long a stop keeps serving with its health endpoint answering 503; zero or more. */
        public Builder drainDelay(Duration delay) {
            this.drainDelay = Objects.requireNonNull(delay, "drainDelay");
            return this;
        }

        /** Turns HTTP/2 by prior knowledge on clear-text connections on or off. */
        public Builder h2c(boolean on) {
            this.h2c = on;
            return this;
        }

        /** Turns HTTP/2 by {@code Upgrade: h2c} on clear-text connections on or off (it needs {@link #h2c}). */
        public Builder h2cUpgrade(boolean on) {
            this.h2cUpgrade = on;
            return this;
        }

        /** Sets the minimum response data rate in bytes a second, 0 or more (0: none). */
        public Builder minResponseRate(int bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException(
                        "the minimum response rate must be 0 or more, not " + bytesPerSecond);
            }
            this.minResponseRate = bytesPerSecond;
            return this;
        }

        /** Sets the minimum request body data rate in bytes a second, 0 or more (0: none). */
        public Builder minRequestBodyRate(int bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException(
                        "the minimum request body rate must be 0 or more, not " + bytesPerSecond);
            }
            this.minRequestBodyRate = bytesPerSecond;
            return this;
        }

        /** Sets the HTTPS port beside the clear-text port, 0..65535 (0: a free one), or -1 for none. */
        public Builder httpsPort(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("the HTTPS port must be 0..65535 (or -1 for none), not " + port);
            }
            this.httpsPort = port;
            return this;
        }

        /** Serves TLS with this certificate (PEM chain or PKCS#12) and key (PEM; null for PKCS#12); null: plain. */
        public Builder tls(@Nullable Path certificate, @Nullable Path key) {
            this.tlsCertificate = certificate;
            this.tlsKey = key;
            return this;
        }

        /** Sets the TLS implementation: {@code auto}, {@code openssl} or {@code jdk}. */
        public Builder tlsProvider(String provider) {
            if (!List.of("auto", "openssl", "jdk").contains(provider)) {
                throw new IllegalArgumentException("the TLS provider is auto, openssl or jdk, not '" + provider + "'");
            }
            this.tlsProvider = provider;
            return this;
        }

        /** Sets the password of an encrypted key or of the PKCS#12 file. */
        public Builder tlsPassword(@Nullable String password) {
            this.tlsPassword = password;
            return this;
        }

        /** Sets the trusted proxies: literal addresses and CIDR blocks ({@code 127.0.0.1}, {@code 10.0.0.0/8}). */
        public Builder trustedProxies(List<String> proxies) {
            this.trustedProxies = List.copyOf(proxies);
            return this;
        }

        /**
         * Checks every setting and returns the options.
         *
         * @throws IllegalArgumentException naming the first setting that breaks its rule, the rule and the value, for
         *     example {@code "port must be 0..65535: 70000"}
         */
        public ServerOptions build() {
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank: '" + host + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            // The floors are what the smallest request needs: a request line, a Host header, one request at a time.
            atLeast("maxRequestLineLength", maxRequestLineLength, 64);
            atLeast("maxHeaderBlockSize", maxHeaderBlockSize, 256);
            atLeast("maxHeaderCount", maxHeaderCount, 1);
            atLeast("maxPipelinedRequests", maxPipelinedRequests, 1);
            positive("requestHeadersTimeout", requestHeadersTimeout);
            positive("keepAliveTimeout", keepAliveTimeout);
            AccessLog.checkFields(accessLogFields);
            if (!healthPath.isEmpty() && (!healthPath.startsWith("/") || !healthPath.matches("/[A-Za-z0-9._~/-]*"))) {
                throw new IllegalArgumentException(
                        "healthPath must be empty or a path such as /health (letters, digits, . _ ~ - /): '"
                                + healthPath + "'");
            }
            if (httpsPort >= 0 && tlsCertificate == null) {
                throw new IllegalArgumentException("an HTTPS port needs a TLS certificate (tlsCertificate)");
            }
            if (tlsKey != null && tlsCertificate == null) {
                throw new IllegalArgumentException("tlsKey needs tlsCertificate: " + tlsKey);
            }
            if (tlsCertificate != null) {
                Tls.of(tlsCertificate, tlsKey, tlsPassword, tlsProvider); // throws saying what is wrong
            }
            if (drainDelay.isNegative()) {
                throw new IllegalArgumentException("drainDelay must be >= 0: " + drainDelay);
            }
            TrustedProxies.of(trustedProxies); // throws naming the entry that is not an address or a block
            if (shutdownGracePeriod.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must be >= 0: " + shutdownGracePeriod);
            }
            return new ServerOptions(this);
        }

        private static void atLeast(String setting, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(setting + " must be >= " + min + ": " + value);
            }
        }

        private static void positive(String setting, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be > 0: " + value);
            }
        }
    }
}
