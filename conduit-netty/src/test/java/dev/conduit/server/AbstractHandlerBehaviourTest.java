package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a handler's response looks like to a client, written once and run by every host: in memory ({@link
 * HandlerBehaviourTest}, TestHost) and over a socket ({@link HandlerBehaviourIT}, the embedded server and the JDK
 * HttpClient). The assertions speak only of what both can observe: status, headers, body, and whether the length
 * was declared. The static-file, session and Forms suites beside it follow the same pattern.
 */
abstract class AbstractHandlerBehaviourTest {
    @TempDir
    Path site;

    private SiteHost host;

    /** Starts the site on the host this subclass tests. */
    protected abstract SiteHost start(RuntimeOptions site);

    @BeforeEach
    void startSite() {
        host = start(RuntimeOptions.of(TestSites.write(site)));
    }

    @AfterEach
    void stopSite() {
        host.close();
    }

    /** The site's host, for a subclass's own tests. */
    protected SiteHost host() {
        return host;
    }

    private Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        return host.send(method, target, headers, body);
    }

    private Reply get(String target) {
        return host.get(target);
    }

    @Test
    void plainTextCarriesItsTypeAndExactLength() {
        Reply r = get("/plaintext");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("Hello, World!");
        assertThat(r.contentLength()).isEqualTo(13);
    }

    @Test
    void unmappedVerbIs405WithAllow() {
        Reply r =
                send("PUT", "/file.txt", Map.of("Content-Type", "text/plain"), "new".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow"))
                .isNotNull()
                .contains("GET")
                .contains("HEAD")
                .doesNotContain("PUT");
    }

    @Test
    void redirectIs302WithLocationAndAShortPage() {
        Reply r = get("/status.x?redirect=/plaintext");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/plaintext");
        assertThat(r.text()).contains("Object moved");
    }

    @Test
    void flushedResponseStreamsWithoutADeclaredLength() {
        Reply r = get("/stream.x?parts=4&size=1000");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(-1);
        byte[] expected = new byte[4000];
        for (int i = 0; i < 4; i++) {
            Arrays.fill(expected, i * 1000, (i + 1) * 1000, (byte) ('a' + i));
        }
        assertThat(r.body()).isEqualTo(expected);
    }

    @Test
    void aDeclaredLengthSentWholeAndFlushedArrivesWhole() {
        // The whole declared body in one write then a flush, from the handler's thread: the body the exchange holds
        // for its head leaves with the flush, not only at the end of the request.
        for (String parts : java.util.List.of("1", "3")) {
            Reply r = get("/stream.x?declare=1&size=5&parts=" + parts);
            assertThat(r.status()).isEqualTo(200);
            int n = Integer.parseInt(parts);
            assertThat(r.contentLength()).isEqualTo(5L * n);
            byte[] expected = new byte[5 * n];
            for (int i = 0; i < n; i++) {
                Arrays.fill(expected, i * 5, (i + 1) * 5, (byte) ('a' + i));
            }
            assertThat(r.body()).isEqualTo(expected);
        }
    }

    @Test
    void postedBodyIsEchoed() {
        byte[] body = "h\u00e9llo w\u00f6rld".getBytes(StandardCharsets.UTF_8);
        Reply r = send("POST", "/echo.x", Map.of("Content-Type", "text/plain; charset=utf-8"), body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.contentLength()).isEqualTo(body.length);
    }

    @Test
    void largePostedBodyIsReadWhole() {
        byte[] body = new byte[3 * 1024 * 1024 + 7];
        Reply r = send("POST", "/count.x", Map.of("Content-Type", "application/octet-stream"), body);
        assertThat(r.text()).isEqualTo(Integer.toString(body.length));
    }

    @Test
    void noContentCarriesNoBody() {
        Reply r = get("/status.x?code=204&body=dropped");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void bodyOverMaxRequestLengthIs413() {
        Reply r = send("POST", "/small/echo.x", Map.of("Content-Type", "text/plain"), new byte[2048]);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void urlOverMaxUrlLengthIs414() {
        assertThat(get("/small/" + "a".repeat(120) + ".plain").status()).isEqualTo(414);
    }
}
