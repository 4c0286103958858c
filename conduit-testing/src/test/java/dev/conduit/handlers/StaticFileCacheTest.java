package dev.conduit.handlers;

import static dev.conduit.handlers.StaticSite.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of small static files: a file is sent from the disk the first time and from memory afterwards, with the
 * same bytes and headers. Here the site is not watched, so each hit checks the file: a change of any kind (content,
 * size, time, the file itself, where a link points) is seen by the very next request. (Where the watcher reports
 * changes, a hit checks nothing and a change is seen once reported: {@code StaticFileCacheNotificationTest} and {@code
 * NetworkThreadIT}.)
 */
class StaticFileCacheTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    private SiteBuilder site;

    @BeforeEach
    void site() {
        site = StaticSite.in(root);
    }

    @Test
    void theSecondRequestIsServedFromMemoryWithTheSameBytesAndHeaders() {
        Path f = site.file("css/site.css", "body { color: red }").resolve("css/site.css");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            TestResponse first = host.get("/css/site.css").send();
            TestResponse second = host.get("/css/site.css").send();

            assertThat(first.filesSent()).containsExactly(f);
            assertThat(first.buffersSent()).isZero();
            assertThat(second.filesSent()).isEmpty();
            assertThat(second.buffersSent()).isEqualTo(1);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("body { color: red }");
            assertThat(second.contentLength()).isEqualTo(first.contentLength());
            for (String h : new String[] {"Content-Type", "ETag", "Last-Modified", "Accept-Ranges"}) {
                assertThat(second.header(h)).as(h).isEqualTo(first.header(h));
            }
        }
    }

    /** Adds a header and changes the content type of .txt files just before the head goes out. */
    public static final class LateHeaders implements dev.conduit.HttpModule {
        @Override
        public void init(dev.conduit.HttpApplication application) {
            application.on(dev.conduit.PipelineEvent.PRE_SEND_REQUEST_HEADERS, ctx -> {
                ctx.response().appendHeader("X-Served", "late");
                if (ctx.request().path().endsWith(".txt")) {
                    ctx.response().setContentType("text/x-late");
                }
            });
        }
    }

    @Test
    void aCachedFilesKeptHeadStillTakesHeadersChangedJustBeforeItIsSent() {
        site.file("a.css", "body {}");
        site.file("b.txt", "text");
        site.systemWeb(
                """
                <httpModules><add name="late" type="dev.conduit.handlers.StaticFileCacheTest$LateHeaders"/></httpModules>
                """);
        try (TestHost host = StaticSite.startUnwatched(site)) {
            TestResponse first = host.get("/a.css").send();
            TestResponse cached = host.get("/a.css").send();
            TestResponse cachedAgain = host.get("/a.css").send();
            host.get("/b.txt").send();
            TestResponse retyped = host.get("/b.txt").send();

            for (TestResponse r : List.of(first, cached, cachedAgain)) {
                assertThat(r.header("X-Served")).isEqualTo("late");
                assertThat(r.header("Content-Type")).isEqualTo("text/css");
                assertThat(r.header("ETag")).isEqualTo(first.header("ETag"));
                assertThat(r.header("Last-Modified")).isEqualTo(first.header("Last-Modified"));
                assertThat(r.headers().getAll("Content-Type")).hasSize(1);
            }
            assertThat(cached.buffersSent()).isEqualTo(1);
            assertThat(retyped.header("Content-Type")).isEqualTo("text/x-late");
            assertThat(retyped.headers().getAll("Content-Type")).hasSize(1);
            assertThat(retyped.header("ETag")).isNotNull();
        }
    }

    @Test
    void aConditionalRequestOnACachedFileGets304AndHeadGetsNoBody() {
        site.file("a.txt", "hello");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            String etag = host.get("/a.txt").send().header("ETag");

            TestResponse notModified =
                    host.get("/a.txt").header("If-None-Match", etag).send();
            TestResponse head = host.request("HEAD", "/a.txt").send();

            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.contentLength()).isEqualTo(5);
        }
    }

    @Test
    void anEditWithTheSameSizeIsSeenAtOnce() throws Exception {
        site.file("a.txt", "version 1");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/a.txt").send();
            assertThat(host.get("/a.txt").send().buffersSent()).isEqualTo(1); // cached

            site.file("a.txt", "version 2").lastModified("a.txt", OLD.plusSeconds(60));
            TestResponse r = host.get("/a.txt").send();

            assertThat(r.text()).isEqualTo("version 2");
            assertThat(r.buffersSent()).isZero(); // from the disk again, then cached anew
            assertThat(host.get("/a.txt").send().text()).isEqualTo("version 2");
        }
    }

    @Test
    void anEditThatKeepsTheModificationTimeButChangesTheSizeIsSeen() throws Exception {
        site.file("a.txt", "short");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/a.txt").send();
            host.get("/a.txt").send();

            site.file("a.txt", "a longer text"); // modified at OLD, as before

            assertThat(host.get("/a.txt").send().text()).isEqualTo("a longer text");
        }
    }

    @Test
    void aFileReplacedByAnotherWithTheSameSizeAndTimeIsSeen() throws Exception {
        Path f = site.file("a.txt", "first").resolve("a.txt");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/a.txt").send();
            host.get("/a.txt").send();

            // A new file (a new inode) moved over the old one, with the same size and time: only the file key differs.
            Path replacement = site.file("incoming.tmp", "other").resolve("incoming.tmp");
            Files.move(replacement, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            site.lastModified("a.txt", OLD);

            assertThat(host.get("/a.txt").send().text()).isEqualTo("other");
        }
    }

    @Test
    void aDeletedFileIsNotFound() throws Exception {
        Path f = site.file("a.txt", "here").resolve("a.txt");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/a.txt").send();
            host.get("/a.txt").send();

            Files.delete(f);

            assertThat(host.get("/a.txt").send().status()).isEqualTo(404);
        }
    }

    @Test
    void aLinkRepointedOutOfTheSiteIsNotServedFromTheCache() throws Exception {
        Path inside = site.file("real.txt", "public").resolve("real.txt");
        Path secret = StaticSite.in(outside).file("secret.txt", "SECRET").resolve("secret.txt");
        Path link = site.resolve("link.txt");
        Files.createSymbolicLink(link, inside);
        try (TestHost host = StaticSite.startUnwatched(site)) {
            assertThat(host.get("/link.txt").send().text()).isEqualTo("public");
            assertThat(host.get("/link.txt").send().buffersSent()).isEqualTo(1);

            Files.delete(link);
            Files.createSymbolicLink(link, secret);
            TestResponse r = host.get("/link.txt").send();

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).doesNotContain("SECRET");
        }
    }

    @Test
    void aFileOverTheSizeLimitIsAlwaysSentFromTheDisk() {
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) 'x');
        Path f = site.file("big.bin", big).resolve("big.bin");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/big.bin").send();
            TestResponse second = host.get("/big.bin").send();

            assertThat(second.filesSent()).containsExactly(f);
            assertThat(second.buffersSent()).isZero();
            assertThat(second.body()).hasSize(big.length);
        }
    }

    @Test
    void aFileOfExactlyTheLimitIsCachedAndServedWhole() {
        byte[] content = new byte[64 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        site.file("edge.bin", content);
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/edge.bin").send();
            TestResponse second = host.get("/edge.bin").send();

            assertThat(second.buffersSent()).isEqualTo(1);
            assertThat(second.body()).isEqualTo(content);
        }
    }

    @Test
    void aRangeOfACachedFileIsStillAnswered() {
        site.file("a.txt", "0123456789");
        try (TestHost host = StaticSite.startUnwatched(site)) {
            host.get("/a.txt").send();
            TestResponse r = host.get("/a.txt").header("Range", "bytes=2-4").send();

            assertThat(r.status()).isEqualTo(206);
            assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("234");
        }
    }
}
