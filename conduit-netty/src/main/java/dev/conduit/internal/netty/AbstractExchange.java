package dev.conduit.internal.netty;

import dev.conduit.NameValueCollection;
import dev.conduit.spi.HostExchange;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request side of an exchange, whichever protocol carried it: an HTTP/1.1 request on its connection ({@link
 * NettyExchange}) or an HTTP/2 stream's ({@link StreamExchange}), both read from Netty's request head. Also what the
 * access log records of a finished exchange.
 */
abstract class AbstractExchange implements HostExchange {
    private final HttpRequest request;
    private final String target;
    private final @Nullable String hostOverride;
    final RequestBody body;
    /** When the request arrived, in {@link System#nanoTime()}'s scale. */
    private final long started;
    /** The same moment by the system clock. */
    private final long startedMillis;
    /** The client's connection (its addresses), and whether it is TLS. */
    private final Channel connection;

    private final boolean overTls;
    private final TrustedProxies trusted;

    private @Nullable NameValueCollection headers;
    /** What trusted proxies said, resolved on first use; null before. */
    private @Nullable Forwarded forwarded;

    AbstractExchange(
            Channel connection,
            boolean overTls,
            HttpRequest request,
            String target,
            @Nullable String hostOverride,
            RequestBody body,
            long started,
            long startedMillis,
            TrustedProxies trusted) {
        this.connection = connection;
        this.overTls = overTls;
        this.request = request;
        this.target = target;
        this.hostOverride = hostOverride;
        this.body = body;
        this.started = started;
        this.startedMillis = startedMillis;
        this.trusted = trusted;
    }

    /** When the read that brought the request began, for a request started within it (one clock read per read). */
    @Override
    public long receivedAt() {
        return startedMillis;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String rawTarget() {
        return target;
    }

    @Override
    public String protocol() {
        return Http2Pipelines.protocol(request.protocolVersion());
    }

    @Override
    public @Nullable String requestHeader(String name) {
        if (name.equalsIgnoreCase("Host")) {
            String h = forwarded().host();
            if (h != null) {
                return h;
            }
            if (hostOverride != null) {
                return hostOverride;
            }
        }
        return request.headers().get(name);
    }

    /**
     * What the connection's peer says about the client, believed only when the peer is a trusted proxy: the client
     * address from {@code X-Forwarded-For} (the rightmost address that is not itself a trusted proxy), https from
     * {@code X-Forwarded-Proto}, the host from {@code X-Forwarded-Host} (each the last value, the nearest proxy's).
     *
     * @param client the client's address, or null when the peer is the client (or not trusted)
     * @param https whether the client's connection is https
     * @param host the host the client asked for, or null
     */
    private record Forwarded(@Nullable InetSocketAddress client, boolean https, @Nullable String host) {
        static final Forwarded NONE = new Forwarded(null, false, null);
    }

    private Forwarded forwarded() {
        Forwarded f = forwarded;
        if (f == null) {
            f = resolveForwarded();
            forwarded = f;
        }
        return f;
    }

    private Forwarded resolveForwarded() {
        InetSocketAddress peer = (InetSocketAddress) connection.remoteAddress();
        if (trusted.isEmpty() || peer == null || !trusted.trusts(peer.getAddress())) {
            return Forwarded.NONE;
        }
        InetSocketAddress client = null;
        List<String> hops = new ArrayList<>();
        for (String v : request.headers().getAll("X-Forwarded-For")) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] bytes = TrustedProxies.literal(hops.get(i));
            if (bytes == null) {
                break; // not an address: what lies to its left cannot be believed either
            }
            try {
                java.net.InetAddress a = java.net.InetAddress.getByAddress(bytes);
                client = new InetSocketAddress(a, 0);
                if (!trusted.trusts(a)) {
                    break;
                }
            } catch (java.net.UnknownHostException e) {
                break;
            }
        }
        String proto = last(request.headers().getAll("X-Forwarded-Proto"));
        String host = last(request.headers().getAll("X-Forwarded-Host"));
        return new Forwarded(client, "https".equalsIgnoreCase(proto), host);
    }

    private static @Nullable String last(List<String> values) {
        String last = null;
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    last = part.trim();
                }
            }
        }
        return last;
    }

    @Override
    public boolean clientAddressFromProxy() {
        return forwarded().client() != null;
    }

    @Override
    public NameValueCollection requestHeaders() {
        NameValueCollection h = headers;
        if (h == null) {
            NameValueCollection.Builder b = NameValueCollection.builder();
            for (Map.Entry<String, String> e : request.headers()) {
                b.add(e.getKey(), e.getValue());
            }
            h = b.build();
            headers = h;
        }
        return h;
    }

    @Override
    public long requestContentLength() {
        if (HttpHeaders.isTransferEncodingChunked(request)) {
            return -1;
        }
        String cl = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        return cl == null ? 0 : Long.parseLong(cl.trim());
    }

    @Override
    public InputStream requestBody() {
        return body;
    }

    @Override
    public void limitRequestBody(long maxBytes) {
        body.limit(maxBytes);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        InetSocketAddress client = forwarded().client();
        return client != null ? client : (InetSocketAddress) connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) connection.localAddress();
    }

    @Override
    public boolean isSecure() {
        return overTls || forwarded().https();
    }

    /** Whether the client's connection is TLS. */
    final boolean overTls() {
        return overTls;
    }

    final boolean isHead() {
        return request.method().name().equals("HEAD");
    }

    final HttpRequest request() {
        return request;
    }

    /** The status of the response (0 before its head). */
    abstract int status();

    /** The body bytes sent so far. */
    abstract long bytesSent();

    /** How long the exchange has taken, from when its request arrived. */
    final long elapsedNanos() {
        return now() - started;
    }

    /** Now, by the clock of {@link #started} ({@link System#nanoTime()}'s scale; any thread). */
    abstract long now();

    /** Queues the access-log entry of this finished exchange (formatted and written by the log's own thread). */
    final void logTo(AccessLog log) {
        if (!log.isOn()) {
            return;
        }
        HttpRequest r = request;
        HttpHeaders h = log.wantsHeaders() ? r.headers() : null;
        // The end by the wall clock: the start's, read once per read of the connection, plus the time taken (one
        // clock read per request rather than two).
        long elapsed = elapsedNanos();
        log.add(new AccessLog.Entry(
                receivedAt() + elapsed / 1_000_000,
                r.method().name(),
                r.uri(),
                Http2Pipelines.protocol(r.protocolVersion()),
                remoteAddress(),
                localAddress(),
                h == null ? null : h.get(HttpHeaderNames.USER_AGENT),
                h == null ? null : h.get(HttpHeaderNames.REFERER),
                h == null ? null : h.get(HttpHeaderNames.HOST),
                status(),
                bytesSent(),
                elapsed));
    }
}
