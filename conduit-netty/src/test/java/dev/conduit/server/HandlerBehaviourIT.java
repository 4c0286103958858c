package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractHandlerBehaviourTest} over a real socket: the embedded server on 127.0.0.1 and a free port, the JDK
 * HttpClient on HTTP/1.1, one kept-alive connection for the whole test.
 */
class HandlerBehaviourIT extends AbstractHandlerBehaviourTest {
    private RunningServer server;
    private HttpClient client;

    @Override
    protected void startHost(Path siteRoot) {
        server = RunningServer.start(siteRoot);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    protected void stopHost() {
        client.close();
        server.close();
    }

    @Override
    protected Reply send(String method, String target, Map<String, String> headers, byte[] body) {
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
            Map<String, String> names = new HashMap<>();
            for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
                names.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().getFirst());
            }
            String length = names.remove("content-length");
            names.remove("transfer-encoding");
            return new Reply(r.statusCode(), names, r.body(), length == null ? -1 : Long.parseLong(length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyResponseOverTheWireCarriesDateAndServer() throws Exception {
        HttpResponse<Void> r = client.send(
                HttpRequest.newBuilder(server.uri("/plaintext")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.headers().firstValue("Server")).hasValue("Conduit");
        assertThat(r.headers().firstValue("Date")).isPresent();
    }

    /**
     * The server answers 413 as soon as it sees the declared length, while the client is still sending: closing
     * with the body unread would reset the connection, and the client would see "connection reset" instead.
     */
    @Test
    void aClientStillSendingABodyFarOverTheLimitReads413() throws Exception {
        byte[] body = new byte[32 * 1024 * 1024];
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(server.uri("/small/echo.x"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }
}
