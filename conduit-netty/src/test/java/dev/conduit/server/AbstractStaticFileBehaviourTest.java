package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.SiteBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A static file as a client sees it, written once and run in memory ({@link StaticFileBehaviourTest}) and over a
 * socket ({@link StaticFileBehaviourIT}): type and length, HEAD, a conditional GET, a range, a missing file, and a
 * path that tries to leave the site. The full tables are conduit-testing's {@code dev.conduit.handlers} tests; these
 * prove the server delivers the same answers.
 *
 * <p>The site is {@code <tmp>/site}, the {@link TestSites} fixture site; {@code <tmp>/secret.txt}, outside it, holds
 * {@link #SECRET}.
 */
abstract class AbstractStaticFileBehaviourTest {
    private static final String SECRET = "SECRET-7f3a9c1e-outside-the-site";

    @TempDir
    Path dir;

    private SiteHost host;

    /** Starts the site on the host this subclass tests. */
    protected abstract SiteHost start(RuntimeOptions site);

    @BeforeEach
    void startSite() throws java.io.IOException {
        SiteBuilder.in(dir).file("secret.txt", SECRET);
        Path site = TestSites.write(dir.resolve("site"));
        // Written a minute ago: a file changed within the last 3 s has a weak ETag (as in ASP.NET), which would turn
        // strong between two requests of a slow test.
        java.nio.file.Files.setLastModifiedTime(
                site.resolve("file.txt"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        host = start(RuntimeOptions.of(site));
    }

    @AfterEach
    void stopSite() {
        host.close();
    }

    @Test
    void aFileIsServedWithItsTypeAndExactLength() {
        Reply r = host.get("/file.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.contentLength()).isEqualTo(TestSites.FILE_TEXT.length());
        assertThat(r.text()).isEqualTo(TestSites.FILE_TEXT);
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        Reply get = host.get("/file.txt");
        Reply head = host.send("HEAD", "/file.txt", Map.of(), new byte[0]);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.contentLength()).isEqualTo(get.contentLength()).isEqualTo(TestSites.FILE_TEXT.length());
        for (String name : new String[] {"Content-Type", "ETag", "Last-Modified", "Accept-Ranges"}) {
            assertThat(head.header(name)).as(name).isNotNull().isEqualTo(get.header(name));
        }
    }

    @Test
    void aConditionalGetWithTheCurrentETagIs304WithoutABody() {
        String etag = host.get("/file.txt").header("ETag");
        assertThat(etag).isNotNull();
        Reply again = host.get("/file.txt", Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(host.get("/file.txt", Map.of("If-None-Match", "\"other\"")).status())
                .isEqualTo(200);
    }

    @Test
    void aRangeIs206WithContentRangeAndOnlyThoseBytes() {
        Reply r = host.get("/file.txt", Map.of("Range", "bytes=7-10"));
        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 7-10/" + TestSites.FILE_TEXT.length());
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.text()).isEqualTo("text");
        assertThat(r.contentLength()).isEqualTo(4);
    }

    @Test
    void aMissingFileIs404WithAPageNamingIt() {
        Reply r = host.get("/missing-page.txt");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("missing-page.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/small/../../secret.txt"})
    void aPathClimbingOutOfTheSiteIsRefusedAsMalformed(String target) {
        Reply r = host.get(target);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).doesNotContain(SECRET);
    }
}
