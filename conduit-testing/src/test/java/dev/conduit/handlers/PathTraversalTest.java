package dev.conduit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DESIGN §11: no request reads anything outside the site root, nor a hidden file inside it.
 *
 * <p>The site is {@code <tmp>/site}; next to it (outside the root) lie {@code secret.txt}, a folder {@code outside/}
 * and a fake {@code etc/passwd}, all holding {@link #MARKER}. Every file inside the site that must never be served
 * holds the marker too. A hostile request must be answered 400 (the target is malformed) or 404, without the marker
 * in the body and without any file sent.
 */
class PathTraversalTest {
    private static final String MARKER = "MARKER-7f3a9c1e-do-not-serve";

    @TempDir
    Path dir;

    private SiteBuilder site;
    private TestHost host;

    @BeforeEach
    void start() throws Exception {
        site = StaticSite.in(dir.resolve("site"));
        SiteBuilder.in(dir) // outside the site
                .file("secret.txt", MARKER)
                .file("outside/secret2.txt", MARKER)
                .file("outside/index.html", MARKER)
                .file("etc/passwd", "root:x:0:0:" + MARKER);

        site.file("hello.txt", "hello")
                .file("file.txt", "file")
                .file("sub/inner.txt", "inner")
                .webConfig("<configuration><!-- " + MARKER + " --></configuration>")
                .file(".env", MARKER)
                .file(".git/config", MARKER)
                .file(".git/index.html", MARKER)
                .file("sub/.hidden.txt", MARKER)
                .file("App_Data/x.txt", MARKER)
                .file("App_Code/Source.java", "// " + MARKER + "\nclass Source {}\n")
                .file("handler.ashx", "<%@ WebHandler Class=\"H\" %>\n// " + MARKER);
        jar(site.resolve("bin/x.jar"), MARKER);
        Files.createSymbolicLink(site.resolve("link.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("relative-link.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(site.resolve("linkdir"), dir.resolve("outside"));
        Files.createSymbolicLink(site.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(site.resolve("inside-link.txt"), Path.of("hello.txt"));
        host = StaticSite.start(site);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // Climbing above the root, raw or encoded: the target is malformed.
                "/../secret.txt | 400",
                "/..%2fsecret.txt | 400",
                "/..%2Fsecret.txt | 400",
                "/%2e%2e/secret.txt | 400",
                "/%2E%2E/secret.txt | 400",
                "/.%2e/secret.txt | 400",
                "/%2e./secret.txt | 400",
                "/a/../../secret.txt | 400",
                "/sub/../../secret.txt | 400",
                "/sub/..%2f..%2fsecret.txt | 400",
                "/../../../../../../etc/passwd | 400",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd | 400",
                "/sub/%2e%2e/%2e%2e/secret.txt | 400",
                "/.. | 400",
                // Backslashes, raw or encoded, are never separators.
                "/..%5csecret.txt | 400",
                "/..%5Csecret.txt | 400",
                "/..\\secret.txt | 400",
                "/sub\\..\\..\\secret.txt | 400",
                // Overlong UTF-8 forms of '.' and '/' are invalid UTF-8.
                "/%c0%ae%c0%ae/secret.txt | 400",
                "/%e0%80%ae%e0%80%ae/secret.txt | 400",
                "/%c0%af..%c0%afsecret.txt | 400",
                "/%f0%80%80%ae%f0%80%80%ae/secret.txt | 400",
                // IIS's %u escapes are not escapes.
                "/%u002e%u002e/secret.txt | 400",
                // NUL and other control characters.
                "/secret.txt%00.html | 400",
                "/hello.txt%00 | 400",
                "/%00 | 400",
                "/%0d%0aSet-Cookie:x=1 | 400",
                // An encoded slash never separates segments.
                "/sub%2finner.txt | 400",
                "/sub%2Finner.txt | 400",
                // Decoded exactly once: %252e is the three characters %2e, here a folder that does not exist.
                "/%252e%252e/secret.txt | 404",
                "/..%252fsecret.txt | 404",
                "/..%255csecret.txt | 404",
                // Empty segments collapse to a path inside the site.
                "//etc/passwd | 404",
                "///secret.txt | 404",
                // Tomcat's path parameters mean nothing here.
                "/..;/secret.txt | 404",
                "/sub/..;/..;/secret.txt | 404",
                // Symbolic links out of the root.
                "/link.txt | 404",
                "/relative-link.txt | 404",
                "/linkdir/secret2.txt | 404",
                "/linkdir/index.html | 404",
                "/linkdir/ | 404",
                "/linkdir | 404",
                "/sub/up/secret.txt | 404",
                "/sub/up/etc/passwd | 404",
                // Hidden files and folders.
                "/.env | 404",
                "/.git/config | 404",
                "/.git/ | 404",
                "/.git | 404",
                "/sub/.hidden.txt | 404",
                "/%2egit/config | 404",
                "/App_Data/x.txt | 404",
                "/app_data/x.txt | 404",
                "/App_Data/ | 404",
                "/bin/x.jar | 404",
                "/BIN/x.jar | 404",
                "/App_Code/Source.java | 404",
                "/sub/../App_Data/x.txt | 404",
                // Names Windows would alias to another file.
                "/hello.txt. | 404",
                "/web.config. | 404",
                "/web.config%20 | 404",
                "/web.config::$DATA | 404",
                // Path info after a static file, or a file addressed as a folder.
                "/file.txt/extra | 404",
                "/file.txt/extra/more.txt | 404",
                "/file.txt/ | 404",
                // A file followed by '/' is that file with path info '/': its own mapping decides, as in ASP.NET.
                "/web.config/ | 403",
                // The .ashx factory runs (its class H does not exist: a 500, with nothing of the file shown).
                "/handler.ashx/ | 500",
            })
    void hostileTargetsReadNothingOutsideTheRootNorAnyHiddenFile(String target, int status) {
        TestResponse r = host.get(target).from("203.0.113.9").send();

        assertThat(r.status()).as("status of %s", target).isEqualTo(status);
        assertThat(r.text()).doesNotContain(MARKER).doesNotContain("root:x:");
        assertThat(r.filesSent()).isEmpty();
        assertThat(r.aborted()).isFalse();
    }

    @Test
    void headOfASymbolicLinkOutOfTheRootIs404() {
        TestResponse r = host.head("/link.txt").send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.filesSent()).isEmpty();
    }

    @Test
    void aRangeOfASymbolicLinkOutOfTheRootIs404() {
        TestResponse r = host.get("/link.txt").header("Range", "bytes=0-5").send();

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain(MARKER.substring(0, 6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/sub/../hello.txt | hello",
                "/sub/./inner.txt | inner",
                "/./hello.txt | hello",
                "/sub//inner.txt | inner",
                "/%68ello.txt | hello",
                "/a/b/../../hello.txt | hello",
                "/inside-link.txt | hello",
            })
    void dotSegmentsAndLinksThatStayInsideTheRootAreServed(String target, String body) {
        TestResponse r = host.get(target).send();

        assertThat(r.status()).as("status of %s", target).isEqualTo(200);
        assertThat(r.text()).isEqualTo(body);
    }

    @Test
    void aDoubleEncodedNameIsTheLiteralNameOfAFile() {
        site.file("%2e%2e/literal.txt", "literal");

        TestResponse r = host.get("/%252e%252e/literal.txt").send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("literal");
    }

    /** A real jar (the site compiles against bin/*.jar) with the marker inside. */
    private static void jar(Path jar, String content) throws Exception {
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("marker.txt"));
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
