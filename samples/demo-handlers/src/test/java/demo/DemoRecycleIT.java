package demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo recycled while it runs, as a rebuild of demo-handlers.jar recycles {@code ./conduit demo}: the database
 * pages keep answering. The new application's H2 can open the database file only if the old application let go of
 * it when it ended (Global.asax's {@link Global}). Served by a {@link SiteProcess}, so each application has its own
 * copies of the site's classes, as in production.
 */
class DemoRecycleIT {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void databasePagesStillAnswerAfterARebuiltHandlersJarRecyclesTheApplication() throws Exception {
        try (DemoSiteCopy site = DemoSiteCopy.create();
                SiteProcess server = SiteProcess.start(site.root())) {
            assertDatabasePagesAnswer(server);

            // As the build writes it; the runtime sees the change in bin/ and loads the site in a new class loader.
            Path jar = site.root().resolve("bin/demo-handlers.jar");
            Path rebuilt = Files.createTempFile(site.root(), "demo-handlers-", ".jar");
            Files.copy(
                    DemoSiteCopy.DEMO.resolve("bin/demo-handlers.jar"), rebuilt, StandardCopyOption.REPLACE_EXISTING);
            Files.move(rebuilt, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            server.awaitLine("recycled 1", Duration.ofSeconds(30));

            assertDatabasePagesAnswer(server);
        }
    }

    private void assertDatabasePagesAnswer(SiteProcess server) throws Exception {
        HttpResponse<String> feed = get(server, "/news.rss");
        assertThat(feed.statusCode())
                .as(() -> "/news.rss; the server's log:\n" + server.log())
                .isEqualTo(200);
        assertThat(feed.body()).contains("Conduit serves its first request");
        HttpResponse<String> download = get(server, "/Download.ashx?id=1");
        assertThat(download.statusCode())
                .as(() -> "/Download.ashx?id=1; the server's log:\n" + server.log())
                .isEqualTo(200);
        assertThat(download.body()).startsWith("Welcome to Conduit!");
    }

    private HttpResponse<String> get(SiteProcess server, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
    }
}
