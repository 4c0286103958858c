package dev.conduit.handlers;

import static dev.conduit.handlers.StaticSite.NOW;
import static dev.conduit.handlers.StaticSite.OLD;
import static dev.conduit.handlers.StaticSite.OLD_HTTP_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A full 200 for a file: type, length, validators, caching, HEAD, verbs and the 404 page (spec §3.5). */
class StaticFileTest {
    @TempDir
    Path root;

    private SiteBuilder site;

    @BeforeEach
    void site() {
        site = StaticSite.in(root);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "hello.txt, text/plain",
        "page.html, text/html",
        "page.htm, text/html",
        "style.css, text/css",
        "app.js, text/javascript",
        "data.json, application/json",
        "logo.svg, image/svg+xml",
        "font.woff2, font/woff2",
        "font.woff, font/woff",
        "app.wasm, application/wasm",
        "photo.webp, image/webp",
        "photo.avif, image/avif",
        "module.mjs, text/javascript",
        "PHOTO.JPG, image/jpeg",
        // Candidates are tried from the first dot: .min.js is unknown, so .js decides; .tar.gz falls to .gz.
        "jquery.min.js, text/javascript",
        "archive.tar.gz, application/gzip",
        "README, application/octet-stream",
        "unknown.xyz, application/octet-stream",
    })
    void servesTheFileWithTheContentTypeOfTheMimeMap(String name, String type) {
        Path f = site.file(name, "content of " + name).resolve(name);
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/" + name).send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo(type);
            assertThat(r.text()).isEqualTo("content of " + name);
            assertThat(r.filesSent()).containsExactly(f);
        }
    }

    @Test
    void mimeMapInWebConfigAddsTypesAndACompoundExtensionBeatsItsLastPart() {
        site.webConfig("<configuration><system.webServer><staticContent>"
                + "<mimeMap fileExtension=\".tar.gz\" mimeType=\"application/x-gtar\"/>"
                + "<mimeMap fileExtension=\".custom\" mimeType=\"application/x-custom\"/>"
                + "<remove fileExtension=\".txt\"/>"
                + "</staticContent></system.webServer></configuration>");
        site.file("archive.tar.gz", "tgz");
        site.file("other.gz", "gz");
        site.file("notes.custom", "custom");
        site.file("hello.txt", "hi");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/archive.tar.gz").send().header("Content-Type"))
                    .isEqualTo("application/x-gtar");
            assertThat(host.get("/other.gz").send().header("Content-Type")).isEqualTo("application/gzip");
            assertThat(host.get("/notes.custom").send().header("Content-Type")).isEqualTo("application/x-custom");
            assertThat(host.get("/hello.txt").send().header("Content-Type")).isEqualTo("application/octet-stream");
        }
    }

    @Test
    void mimeMapOfASubFolderAppliesOnlyThere() {
        site.webConfig(
                "sub",
                "<configuration><system.webServer><staticContent>"
                        + "<mimeMap fileExtension=\".data\" mimeType=\"application/x-data\"/>"
                        + "</staticContent></system.webServer></configuration>");
        site.file("sub/x.data", "inner");
        site.file("x.data", "outer");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/sub/x.data").send().header("Content-Type")).isEqualTo("application/x-data");
            assertThat(host.get("/x.data").send().header("Content-Type")).isEqualTo("application/octet-stream");
        }
    }

    @Test
    void aFileLargerThanTheResponseBufferIsTransmittedWithItsExactLength() {
        byte[] bytes = new byte[700_000];
        new Random(42).nextBytes(bytes);
        Path f = site.file("big.bin", bytes).resolve("big.bin");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/big.bin").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentLength()).isEqualTo(bytes.length);
            assertThat(r.body()).isEqualTo(bytes);
            assertThat(r.filesSent()).containsExactly(f);
            assertThat(r.aborted()).isFalse();
        }
    }

    @Test
    void anEmptyFileIsA200WithLengthZero() {
        site.file("empty.txt", "");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/empty.txt").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentLength()).isZero();
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void validatorsAndCachingHeadersOfAnOldFile() {
        site.file("hello.txt", "hello");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/hello.txt").send();

            assertThat(r.header("Last-Modified")).isEqualTo(OLD_HTTP_DATE);
            assertThat(r.header("ETag")).matches("\"[^\"]+\"");
            assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
        }
    }

    @ParameterizedTest(name = "modified {0} ms before now: weak {1}")
    @CsvSource({
        "86400000, false",
        "10000, false",
        "3000, false",
        "2999, true",
        "500, true",
        "0, true",
    })
    void etagIsWeakOnlyForAFileChangedInTheLastThreeSeconds(long ageMillis, boolean weak) {
        site.file("f.txt", "x").lastModified("f.txt", NOW.minusMillis(ageMillis));
        try (TestHost host = StaticSite.start(site)) {
            String etag = host.get("/f.txt").send().header("ETag");

            assertThat(etag).matches(weak ? "W/\"[^\"]+\"" : "\"[^\"]+\"");
        }
    }

    @Test
    void aModificationTimeInTheFutureIsClampedToNowAndGivesAWeakEtag() {
        site.file("f.txt", "x").lastModified("f.txt", NOW.plus(Duration.ofDays(3)));
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/f.txt").send();

            assertThat(r.header("Last-Modified")).isEqualTo("Sun, 01 Jun 2025 12:00:00 GMT");
            assertThat(r.header("ETag")).startsWith("W/\"");
        }
    }

    @Test
    void etagChangesWhenTheFileChanges() {
        site.file("f.txt", "first");
        // Unwatched: each request checks the file, so the very next one sees each change (the ETag is the point).
        try (TestHost host = StaticSite.startUnwatched(site)) {
            String before = host.get("/f.txt").send().header("ETag");
            site.file("f.txt", "second version").lastModified("f.txt", OLD.plusSeconds(60));
            String after = host.get("/f.txt").send().header("ETag");
            // Rewritten with the same time (as a copy that keeps times does) but another length.
            site.file("f.txt", "third, longer version").lastModified("f.txt", OLD.plusSeconds(60));
            String sameTime = host.get("/f.txt").send().header("ETag");

            assertThat(after).isNotEqualTo(before);
            assertThat(sameTime).isNotEqualTo(after);
        }
    }

    @ParameterizedTest(name = "{0} {1} gives Cache-Control {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "UseMaxAge | 00:10:00 | public, max-age=600",
                "UseMaxAge | 7.00:00:00 | public, max-age=604800",
                "DisableCache | none | no-cache",
                "NoControl | none | none",
            })
    void clientCacheInWebConfigSetsCacheControl(String mode, String maxAge, String expected) {
        site.webConfig("<configuration><system.webServer><staticContent><clientCache cacheControlMode=\"" + mode + "\""
                + (maxAge == null ? "" : " cacheControlMaxAge=\"" + maxAge + "\"")
                + "/></staticContent></system.webServer></configuration>");
        site.file("hello.txt", "hello");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/hello.txt").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo(expected);
        }
    }

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() {
        site.file("page.html", "<p>hello</p>");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse get = host.get("/page.html").send();
            TestResponse head = host.head("/page.html").send();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).isEqualTo(get.headers());
            assertThat(head.contentLength()).isEqualTo(12).isEqualTo(get.contentLength());
            assertThat(head.body()).isEmpty();
            assertThat(head.aborted()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void otherVerbsAre405WithAnAllowHeaderAndLeaveTheFileAlone(String verb) throws Exception {
        Path f = site.file("hello.txt", "the content").resolve("hello.txt");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.request(verb, "/hello.txt")
                    .body("text/plain", "overwritten")
                    .send();

            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
            assertThat(r.text()).doesNotContain("the content");
            assertThat(r.filesSent()).isEmpty();
            assertThat(Files.readString(f)).isEqualTo("the content");
        }
    }

    @Test
    void aMissingFileIsAShort404WithoutAStackTraceForARemoteClient() {
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/missing.txt").from("203.0.113.9").send();

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.text())
                    .contains("/missing.txt")
                    .doesNotContain("Exception", "at dev.conduit", "Stack Trace", site.toString());
            assertThat(r.body().length).isLessThan(2048);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/<script>alert(1)</script>.txt", "/%3Cscript%3Ealert(1)%3C/script%3E.txt"})
    void theNotFoundPageShowsTheRequestedPathHtmlEncoded(String target) {
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get(target).from("203.0.113.9").send();

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text())
                    .contains("/&lt;script&gt;alert(1)&lt;/script&gt;.txt")
                    .doesNotContain("<script>");
        }
    }

    @Test
    void theNotFoundPageEncodesQuotesAndAmpersandsOfThePath() {
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/'a'&\"b\".txt").from("203.0.113.9").send();

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).contains("/&#39;a&#39;&amp;&quot;b&quot;.txt");
        }
    }
}
