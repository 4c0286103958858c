package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Handler mapping end to end (spec §2.2–2.6, §3.1, DESIGN §4–5): requests through the whole pipeline against the
 * site in {@code src/test/resources/sites/mapping}, whose web.config files map {@code Tags$Name} handlers that
 * answer with their own name.
 */
class HandlerMappingTest {

    static Path site() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(HandlerMappingTest.class.getResource("/sites/mapping"))
                .toURI());
    }

    static TestResponse send(String verb, String target) throws URISyntaxException {
        try (TestHost host = TestHost.start(site())) {
            return host.request(verb, target).send();
        }
    }

    /** Rows: verb, target, status, and the body expected (empty: unchecked; {@code ''}: must be empty). */
    @ParameterizedTest(name = "[{index}] {0} {1} -> {2} {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # the built-in list: static files, forbidden extensions, unmapped verbs (spec 3.1, 3.4)
            GET    | /hello.txt                          | 200 | hello
            HEAD   | /hello.txt                          | 200 | ''
            POST   | /hello.txt                          | 405 |
            PUT    | /hello.txt                          | 405 |
            DELETE | /missing.bin                        | 405 |
            GET    | /missing.bin                        | 404 |
            GET    | /web.config                         | 403 |
            GET    | /secret.config                      | 403 |
            GET    | /sub/Web.Config                     | 403 |
            GET    | /App.java                           | 403 |
            GET    | /dir/                               | 403 |
            GET    | /dir                                | 302 |
            # *.axd other than trace.axd is a 404
            GET    | /WebResource.axd                    | 404 |
            POST   | /x/ScriptResource.axd               | 404 |
            GET    | /sub/xtrace.axd                     | 404 |
            # .ashx is mapped for every verb (spec 11 item 10)
            PUT    | /echo.ashx                          | 200 | PUT
            DELETE | /echo.ashx                          | 200 | DELETE
            PATCH  | /echo.ashx                          | 200 | PATCH
            # the file path is matched: path info and query string are not part of it
            GET    | /echo.ashx/more/x.txt               | 200 | GET
            GET    | /api/x?next=/y/z                    | 200 | Api
            # path patterns: suffix after a '/', '*' never crossing '/', absolute patterns
            GET    | /api/x                              | 200 | Api
            DELETE | /v1/api/x                           | 200 | Api
            GET    | /api/x/y                            | 404 |
            GET    | /myapi/x                            | 404 |
            GET    | /foo/bar.axd                        | 200 | FooBar
            GET    | /x/foo/bar.axd                      | 200 | FooBar
            GET    | /zfoo/bar.axd                       | 404 |
            GET    | /abs/only.axd                       | 200 | Absolute
            GET    | /sub/abs/only.axd                   | 404 |
            GET    | /Authentication_JSON_AppService.axd | 200 | AppService
            POST   | /sub/Role_JSON_AppService.axd       | 200 | AppService
            # verbs: case-sensitive lists, spaces stripped, comma alternatives in verb and path
            GET    | /readme.lower                       | 200 | static lower
            get    | /readme.lower                       | 200 | Lower
            PUT    | /a.spaced                           | 200 | Spaced
            POST   | /a.rss                              | 200 | Feed
            DELETE | /a.feed                             | 200 | Feed
            GET    | /a.rss                              | 404 |
            # levels: sub-folder entries first, remove by exact key, duplicate keys move
            GET    | /sub/a.x                            | 200 | Sub
            GET    | /SUB/A.X                            | 200 | Sub
            GET    | /a.x                                | 404 |
            GET    | /sub/a.spaced                       | 200 | Spaced
            GET    | /dup.k                              | 200 | DupPrefix
            GET    | /other.k                            | 200 | SecondK
            GET    | /sub/dup.k                          | 200 | SubK
            GET    | /levels/b/x.lvl                     | 200 | LevelB
            POST   | /levels/b/x.lvl                     | 200 | LevelA
            PUT    | /levels/b/x.lvl                     | 200 | LevelRoot
            GET    | /levels/x.lvl                       | 200 | LevelA
            GET    | /x.lvl                              | 200 | LevelRoot
            # first match wins: an early path="*" shadows later entries, but not a sub-folder's
            GET    | /shadow/a.later                     | 200 | Shadow
            GET    | /shadow/                            | 200 | Shadow
            GET    | /shadow/inner/a.later               | 200 | Inner
            GET    | /shadow/inner/a.other               | 200 | Shadow
            # <location>: before the folder's own file; one file only
            GET    | /loc/a.x                            | 200 | LocationFolder
            POST   | /loc/a.x                            | 200 | LocationX
            GET    | /loc/a.y                            | 200 | LocationY
            GET    | /a.y                                | 404 |
            GET    | /sub/special.x                      | 200 | Special
            GET    | /sub/other.x                        | 200 | Sub
            # <clear/>
            GET    | /cleared/a.only                     | 200 | Only
            GET    | /cleared/hello.txt                  | 500 |
            # ASP.NET type names
            GET    | /a.retype                           | 403 |
            GET    | /readme.plain                       | 200 | plain text
            PUT    | /echo.handler                       | 200 | PUT
            # hidden segments: any depth, any case, any verb, whatever the mapping (shadow/ maps every path)
            GET    | /App_Data/db.txt                    | 404 |
            GET    | /app_code/Util.java                 | 404 |
            GET    | /shadow/BIN/x.txt                   | 404 |
            POST   | /shadow/app_DATA/                   | 404 |
            GET    | /shadow/a/b/App_GlobalResources/x   | 404 |
            GET    | /shadow/WEB-INF/web.xml             | 404 |
            GET    | /bin/readme.txt                     | 404 |
            GET    | /sub/App_Data/x.txt                 | 404 |
            GET    | /deep/er/Bin/x.txt                  | 404 |
            GET    | /App_Data/                          | 404 |
            GET    | /App%5FData/db.txt                  | 404 |
            GET    | /cleared/App_Data/x.txt             | 404 |
            GET    | /shadow/bin/x.txt                   | 404 |
            PUT    | /App_Data/db.txt                    | 404 |
            GET    | /binary/x.txt                       | 200 | binary
            """)
    void mapsRequestsAsTheSiteConfigurationSays(String verb, String target, int status, @Nullable String body)
            throws URISyntaxException {
        TestResponse r = send(verb, target);

        assertThat(r.status()).as("status of %s %s: %s", verb, target, r).isEqualTo(status);
        if (body != null) {
            assertThat(r.text()).isEqualTo(body);
        }
    }

    /** Rows: the type as an ASP.NET web.config writes it, and the status its Conduit built-in answers with. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            System.Web.HttpNotFoundHandler                                        | 404
            System.Web.HttpForbiddenHandler                                       | 403
            System.Web.HttpForbiddenHandler, System.Web, Version=4.0.0.0          | 403
            System.Web.HttpMethodNotAllowedHandler                                | 405
            System.Web.HttpNotImplementedHandler                                  | 501
            System.Web.UI.PageHandlerFactory                                      | 501
            System.Web.StaticFileHandler                                          | 200
            System.Web.DefaultHttpHandler                                         | 200
            System.Web.UI.SimpleHandlerFactory                                    | 200
            """)
    void aspNetTypeNameServesAsTheConduitBuiltIn(String type, int status, @TempDir Path dir) throws IOException {
        SiteBuilder.in(dir)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="GET" path="*.t" type="%s"/>
                    </httpHandlers>
                """
                                .formatted(type))
                .file("page.t", "<%@ WebHandler Class=\"dev.conduit.testing.fixtures.EchoVerbHandler\" %>\n");

        try (TestHost host = TestHost.start(dir)) {
            TestResponse r = host.get("/page.t").send();

            assertThat(r.status()).as("%s", r).isEqualTo(status);
        }
    }

    @Test
    void putOnAnUnmappedFileAnswers405WithAllowGetHead() throws URISyntaxException {
        TestResponse r = send("PUT", "/hello.txt");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void postOnAStaticFileAnswers405WithAllowGetHead() throws URISyntaxException {
        TestResponse r = send("POST", "/hello.txt");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(ErrorPageText.of(r)).contains("The HTTP verb POST used to access path '/hello.txt' is not allowed.");
    }

    @Test
    void allowHeaderListsTheVerbsTheMappingServes() throws URISyntaxException {
        TestResponse r = send("PUT", "/a.rss");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST, DELETE");
    }

    @Test
    void noMatchAfterClearAnswers500NamingVerbAndPath() throws URISyntaxException {
        TestResponse r = send("PUT", "/cleared/hello.txt");

        assertThat(r.status()).isEqualTo(500);
        assertThat(ErrorPageText.of(r))
                .contains("No http handler was found for request type 'PUT' and path '/cleared/hello.txt'.");
    }

    @Test
    void traceAxdInASubFolderIsTheTraceHandler() throws URISyntaxException {
        try (TestHost host = TestHost.start(site())) {
            TestResponse trace = host.get("/sub/Trace.axd").from("203.0.113.9").send();
            TestResponse other = host.get("/sub/xtrace.axd").from("203.0.113.9").send();

            assertThat(trace.status()).isEqualTo(403);
            assertThat(trace.text()).contains("Trace Error");
            assertThat(other.status()).isEqualTo(404);
        }
    }
}
