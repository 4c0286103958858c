package dev.conduit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests for folders: the trailing-slash redirect, default documents (IIS's {@code <defaultDocument>}, applied by
 * the runtime before mapping) and the 403 for a folder without one (spec §3.5.3).
 */
class DefaultDocumentTest {
    @TempDir
    Path root;

    private SiteBuilder site;

    @BeforeEach
    void site() {
        site = StaticSite.in(root);
    }

    /** A web.config listing {@code files} as the default documents. */
    private static String defaultDocuments(String files) {
        return "<configuration><system.webServer><defaultDocument><files>" + files
                + "</files></defaultDocument></system.webServer></configuration>";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/docs | /docs/",
                "/docs?a=1&b=%20x | /docs/?a=1&b=%20x",
                "/docs/inner | /docs/inner/",
                "/my%20docs | /my%20docs/",
                "/50%25 | /50%25/",
                "/what%3F | /what%3F/",
            })
    void aFolderWithoutTrailingSlashRedirectsToTheSlashKeepingTheQuery(String target, String location)
            throws Exception {
        for (String folder : new String[] {"docs/inner", "my docs", "50%", "what?"}) {
            Files.createDirectories(site.resolve(folder));
        }
        site.file("docs/index.html", "docs index");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get(target).send();

            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo(location);
            assertThat(r.filesSent()).isEmpty();
        }
    }

    @Test
    void aFolderWithoutDefaultDocumentIs403() throws Exception {
        Files.createDirectories(site.resolve("empty"));
        site.file("files/readme.txt", "not a default document");
        try (TestHost host = StaticSite.start(site)) {
            for (String target : new String[] {"/empty/", "/files/", "/"}) {
                TestResponse r = host.get(target).from("203.0.113.9").send();

                assertThat(r.status()).as(target).isEqualTo(403);
                assertThat(r.text()).doesNotContain("readme.txt");
                assertThat(r.filesSent()).isEmpty();
            }
        }
    }

    @Test
    void aMissingFolderWithTrailingSlashIs404() {
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/nope/").send().status()).isEqualTo(404);
            assertThat(host.get("/nope").send().status()).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0} present: {1} served")
    @CsvSource(
            delimiter = '|',
            value = {
                "default.htm | default.htm",
                "index.html | index.html",
                "index.htm index.html | index.htm",
                "default.html index.htm | default.html",
                "default.htm default.html index.htm index.html | default.htm",
                "index.html default.htm | default.htm",
            })
    void theFirstExistingDefaultDocumentInListOrderIsServed(String present, String served) {
        for (String name : present.split(" ")) {
            site.file("docs/" + name, "this is " + name);
        }
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.get("/docs/?x=1").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("this is " + served);
            assertThat(r.header("Content-Type")).isEqualTo("text/html");
            assertThat(r.filesSent()).containsExactly(site.resolve("docs/" + served));
        }
    }

    @Test
    void theSiteRootServesItsDefaultDocument() {
        site.file("index.html", "home");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().text()).isEqualTo("home");
            assertThat(host.head("/").send().contentLength()).isEqualTo(4);
        }
    }

    @Test
    void aFolderNamedLikeADefaultDocumentIsSkipped() throws Exception {
        Files.createDirectories(site.resolve("docs/default.htm"));
        site.file("docs/index.html", "index");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/docs/").send().text()).isEqualTo("index");
        }
    }

    @Test
    void anAddedDocumentComesBeforeTheInheritedOnes() {
        // IIS's <files> collection is mergeAppend="false": a web.config's entries go in front of inherited ones.
        site.webConfig(defaultDocuments("<add value=\"home.html\"/>"));
        site.file("default.htm", "default");
        site.file("home.html", "home");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().text()).isEqualTo("home");
        }
    }

    @Test
    void aSubFolderAddsInFrontOfItsParentsList() {
        site.webConfig(defaultDocuments("<add value=\"home.html\"/>"));
        site.webConfig("sub", defaultDocuments("<add value=\"start.html\"/>"));
        site.file("sub/home.html", "home");
        site.file("sub/start.html", "start");
        site.file("sub/index.html", "index");
        site.file("other/home.html", "home");
        site.file("other/start.html", "start");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/sub/").send().text()).isEqualTo("start");
            assertThat(host.get("/other/").send().text()).isEqualTo("home");
        }
    }

    @Test
    void clearThenAddUsesOnlyTheNewList() {
        site.webConfig(defaultDocuments("<clear/><add value=\"home.html\"/><add value=\"start.html\"/>"));
        site.file("default.htm", "default");
        site.file("start.html", "start");
        site.file("docs/index.html", "index");
        site.file("docs/start.html", "start");
        site.file("docs/home.html", "home");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().text()).isEqualTo("start");
            assertThat(host.get("/docs/").send().text()).isEqualTo("home");
        }
    }

    @Test
    void clearWithoutAddsLeavesNoDefaultDocument() {
        site.webConfig(defaultDocuments("<clear/>"));
        site.file("default.htm", "default");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().status()).isEqualTo(403);
            assertThat(host.get("/default.htm").send().text()).isEqualTo("default");
        }
    }

    @Test
    void aRemovedDocumentIsSkipped() {
        site.webConfig(defaultDocuments("<remove value=\"default.htm\"/>"));
        site.file("default.htm", "default");
        site.file("index.html", "index");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().text()).isEqualTo("index");
        }
    }

    @Test
    void disabledDefaultDocumentsGive403AndLeaveTheFilesReachable() {
        site.webConfig(
                "<configuration><system.webServer><defaultDocument enabled=\"false\"/></system.webServer></configuration>");
        site.file("default.htm", "default");
        site.file("docs/index.html", "index");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().status()).isEqualTo(403);
            assertThat(host.get("/docs/").send().status()).isEqualTo(403);
            assertThat(host.get("/docs/index.html").send().text()).isEqualTo("index");
        }
    }

    @Test
    void disablingInASubFolderLeavesTheParentAlone() {
        site.webConfig(
                "off",
                "<configuration><system.webServer><defaultDocument enabled=\"false\"/></system.webServer></configuration>");
        site.file("default.htm", "root");
        site.file("off/default.htm", "off");
        try (TestHost host = StaticSite.start(site)) {
            assertThat(host.get("/").send().text()).isEqualTo("root");
            assertThat(host.get("/off/").send().status()).isEqualTo(403);
        }
    }

    @Test
    void aDefaultDocumentAnswersConditionalsAndRangesLikeTheFile() {
        site.file("docs/index.html", "0123456789");
        try (TestHost host = StaticSite.start(site)) {
            String etag = host.get("/docs/").send().header("ETag");

            assertThat(host.get("/docs/").header("If-None-Match", etag).send().status())
                    .isEqualTo(304);
            TestResponse range = host.get("/docs/").header("Range", "bytes=2-4").send();
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.text()).isEqualTo("234");
        }
    }

    @Test
    void postToAFolderWithADefaultDocumentIs405() {
        site.file("docs/index.html", "index");
        try (TestHost host = StaticSite.start(site)) {
            TestResponse r = host.post("/docs/").send();

            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        }
    }
}
