package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link SiteHost} over a real socket: the embedded server on 127.0.0.1 and a free port, the JDK HttpClient
 * (following no redirects), one kept-alive connection for the whole test: HTTP/1.1 in clear text ({@link #start}),
 * HTTP/2 over TLS by ALPN ({@link #startH2}), or HTTP/2 in clear text by the HTTP/1.1 upgrade ({@link #startH2c}).
 */
final class SocketHost implements SiteHost {
    private final RunningServer server;
    private final HttpClient client;
    private final String scheme;

    private SocketHost(RunningServer server, HttpClient.Version version, boolean tls) {
        this.server = server;
        this.scheme = tls ? "https" : "http";
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(version)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls) {
            b.sslContext(TestCertificate.trustAll());
        }
        this.client = b.build();
    }

    static SocketHost start(RuntimeOptions site) {
        return new SocketHost(RunningServer.start(site, o -> o), HttpClient.Version.HTTP_1_1, false);
    }

    /** HTTP/2 over TLS (ALPN h2), with a certificate made for the test run. */
    static SocketHost startH2(RuntimeOptions site) {
        TestCertificate c = TestCertificate.localhost();
        return new SocketHost(
                RunningServer.start(site, o -> o.tls(c.certificate(), c.key())), HttpClient.Version.HTTP_2, true);
    }

    /** HTTP/2 in clear text, reached by the {@code Upgrade: h2c} of the first request (the JDK client's way). */
    static SocketHost startH2c(RuntimeOptions site) {
        return new SocketHost(RunningServer.start(site, o -> o.h2cUpgrade(true)), HttpClient.Version.HTTP_2, false);
    }

    @Override
    public Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        java.net.URI.create(scheme + "://127.0.0.1:" + server.port() + target))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> names = new LinkedHashMap<>();
            r.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values));
            List<String> length = names.remove("content-length");
            names.remove("transfer-encoding");
            return new Reply(r.statusCode(), names, r.body(), length == null ? -1 : Long.parseLong(length.getFirst()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isTls() {
        return scheme.equals("https");
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
