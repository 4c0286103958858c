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
 * A {@link SiteHost} over a real socket: the embedded server on 127.0.0.1 and a free port, the JDK HttpClient on
 * HTTP/1.1 (following no redirects), one kept-alive connection for the whole test.
 */
final class SocketHost implements SiteHost {
    private final RunningServer server;
    private final HttpClient client;

    private SocketHost(RunningServer server) {
        this.server = server;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static SocketHost start(RuntimeOptions site) {
        return new SocketHost(RunningServer.start(site, o -> o));
    }

    @Override
    public Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(target))
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
    public void close() {
        client.close();
        server.close();
    }
}
