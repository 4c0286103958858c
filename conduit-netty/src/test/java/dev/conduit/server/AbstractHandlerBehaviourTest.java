package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a handler's response looks like to a client, written once and run by every host: in memory ({@link
 * HandlerBehaviourTest}, TestHost) and over a socket ({@link HandlerBehaviourIT}, the embedded server and the JDK
 * HttpClient). The assertions speak only of what both can observe: status, headers, body, and whether the length
 * was declared.
 */
abstract class AbstractHandlerBehaviourTest {
    @TempDir
    Path site;

    /**
     * A response as the host delivered it.
     *
     * @param headers header names in lower case, each with its first value (framing headers left out)
     * @param contentLength the declared length, or -1 when the body streamed without one
     */
    protected record Reply(int status, Map<String, String> headers, byte[] body, long contentLength) {
        @Nullable
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Starts the host over the site folder. */
    protected abstract void startHost(Path siteRoot);

    protected abstract void stopHost();

    /** Sends one request and waits for its response. */
    protected abstract Reply send(String method, String target, Map<String, String> headers, byte[] body);

    @BeforeEach
    void startSite() {
        startHost(TestSites.write(site));
    }

    @AfterEach
    void stopSite() {
        stopHost();
    }

    private Reply get(String target) {
        return send("GET", target, Map.of(), new byte[0]);
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
    void headHasTheHeadersOfGetAndNoBody() {
        Reply get = get("/file.txt");
        Reply head = send("HEAD", "/file.txt", Map.of(), new byte[0]);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.contentLength()).isEqualTo(get.contentLength()).isEqualTo(TestSites.FILE_TEXT.length());
        for (String name : new String[] {"Content-Type", "ETag", "Last-Modified", "Accept-Ranges"}) {
            assertThat(head.header(name)).as(name).isNotNull().isEqualTo(get.header(name));
        }
    }

    @Test
    void missingFileIs404WithAPageNamingIt() {
        Reply r = get("/missing-page.txt");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("missing-page.txt");
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
    void staticFileAnswersAConditionalWith304() {
        Reply first = get("/file.txt");
        assertThat(first.text()).isEqualTo(TestSites.FILE_TEXT);
        String etag = first.header("ETag");
        assertThat(etag).isNotNull();
        Reply again = send("GET", "/file.txt", Map.of("If-None-Match", etag), new byte[0]);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
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
