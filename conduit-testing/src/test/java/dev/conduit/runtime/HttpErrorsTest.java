package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.PipelineMode;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code <system.webServer><httpErrors>}: IIS's error pages, in both pipeline modes. */
class HttpErrorsTest {
    private static final String REMOTE = "203.0.113.9";

    @TempDir
    Path site;

    private void file(String path, String text) throws Exception {
        new SiteFolder(site).write(path, text);
    }

    private void config(String httpErrors) throws Exception {
        file(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.own" type="dev.conduit.testing.fixtures.OwnErrorPage"/>
                      <add verb="GET,HEAD" path="*.tag" type="dev.conduit.testing.fixtures.Tags$Special"/>
                    </httpHandlers>
                  </system.web>
                  <system.webServer>
                    <validation validateIntegratedModeConfiguration="false"/>
                    <handlers>
                      <add name="Own" verb="*" path="*.own" type="dev.conduit.testing.fixtures.OwnErrorPage"/>
                      <add name="Tag" verb="GET,HEAD" path="*.tag" type="dev.conduit.testing.fixtures.Tags$Special"/>
                    </handlers>
                %s
                  </system.webServer>
                </configuration>
                """
                        .formatted(httpErrors));
        file("errors/404.html", "<h1>Not here</h1>");
        file("hello.txt", "hello");
    }

    private TestHost start(PipelineMode mode) {
        return TestHost.start(RuntimeOptions.of(site).withPipelineMode(mode));
    }

    private static List<String> problems(Path site) {
        return new SiteFolder(site).problems();
    }

    @ParameterizedTest
    @EnumSource(PipelineMode.class)
    void pagesReplaceTheBodyAndKeepTheStatusByFileUrlOrRedirect(PipelineMode mode) throws Exception {
        config(
                """
                    <httpErrors errorMode="Custom">
                      <remove statusCode="404"/>
                      <error statusCode="404" path="errors\\404.html" responseMode="File"/>
                      <error statusCode="403" path="/errors/forbidden.tag" responseMode="ExecuteURL"/>
                      <error statusCode="405" path="/help/verbs.html" responseMode="Redirect"/>
                    </httpErrors>
                """);
        try (TestHost host = start(mode)) {
            TestResponse missing = host.get("/nothing.txt").send();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("<h1>Not here</h1>");
            assertThat(missing.header("Content-Type")).startsWith("text/html");
            TestResponse forbidden = host.get("/page.cshtml").send(); // forbidden in both modes' stock lists
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.text()).isEqualTo("Special");
            TestResponse verb = host.request("DELETE", "/hello.txt").send();
            assertThat(verb.status()).isEqualTo(302);
            assertThat(verb.header("Location")).isEqualTo("/help/verbs.html");
            assertThat(host.get("/hello.txt").send().text()).isEqualTo("hello"); // not an error: untouched
        }
    }

    @Test
    void detailedLocalOnlyReplacesForOtherMachinesOnlyAndDetailedNever() throws Exception {
        config(
                """
                    <httpErrors>
                      <error statusCode="404" path="errors/404.html"/>
                    </httpErrors>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/nothing.txt").send().text()).doesNotContain("Not here");
            TestResponse remote = host.get("/nothing.txt").from(REMOTE).send();
            assertThat(remote.status()).isEqualTo(404);
            assertThat(remote.text()).isEqualTo("<h1>Not here</h1>");
        }
        config(
                """
                    <httpErrors errorMode="Detailed">
                      <error statusCode="404" path="errors/404.html"/>
                    </httpErrors>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/nothing.txt").from(REMOTE).send().text()).doesNotContain("Not here");
        }
    }

    @Test
    void existingResponsesAreReplacedUnlessTheHandlerAsksOrPassThroughIsSet() throws Exception {
        String pages =
                """
                    <httpErrors errorMode="Custom"%s>
                      <error statusCode="404" path="errors/404.html"/>
                    </httpErrors>
                """;
        config(pages.formatted(""));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/a.own").send().text()).isEqualTo("<h1>Not here</h1>");
            TestResponse kept = host.get("/a.own?skip=1").send();
            assertThat(kept.status()).isEqualTo(404);
            assertThat(kept.text()).isEqualTo("own page");
        }
        config(pages.formatted(" existingResponse=\"Replace\""));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/a.own?skip=1").send().text()).isEqualTo("<h1>Not here</h1>");
        }
        config(pages.formatted(" existingResponse=\"PassThrough\""));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/a.own").send().text()).isEqualTo("own page");
        }
    }

    @Test
    void theDefaultPathServesStatusesWithoutAnEntryAndSubFoldersAddEntries() throws Exception {
        config(
                """
                    <httpErrors errorMode="Custom" defaultResponseMode="ExecuteURL" defaultPath="/errors/any.tag">
                      <error statusCode="404" path="errors/404.html" responseMode="File"/>
                    </httpErrors>
                """);
        file(
                "sub/web.config",
                """
                <configuration><system.webServer><httpErrors>
                  <remove statusCode="404"/>
                  <error statusCode="404" path="/errors/sub.tag" responseMode="ExecuteURL"/>
                </httpErrors></system.webServer></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse forbidden = host.get("/page.cshtml").send();
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.text()).isEqualTo("Special");
            assertThat(host.get("/nothing.txt").send().text()).isEqualTo("<h1>Not here</h1>");
            TestResponse sub = host.get("/sub/nothing.txt").send();
            assertThat(sub.status()).isEqualTo(404);
            assertThat(sub.text()).isEqualTo("Special");
        }
    }

    @Test
    void aPageThatCannotBeServedLeavesTheResponseAsItWas() throws Exception {
        config(
                """
                    <httpErrors errorMode="Custom">
                      <error statusCode="404" path="errors/gone.html"/>
                      <error statusCode="403" path="/errors/missing.txt" responseMode="ExecuteURL"/>
                    </httpErrors>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse missing = host.get("/nothing.txt").send();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).contains("The resource cannot be found");
            // The child request's own 404 is a page, not a failure: it is what is sent, under the 403.
            TestResponse forbidden = host.get("/page.cshtml").send();
            assertThat(forbidden.status()).isEqualTo(403);
        }
    }

    @Test
    void mistakesAreConfigurationErrorsWithTheirLines() throws Exception {
        config(
                """
                    <httpErrors errorMode="Sometimes" existingResponse="Maybe">
                      <error statusCode="404" path="C:\\inetpub\\404.htm" responseMode="File"/>
                      <error statusCode="404" path="errors/404.html"/>
                      <error statusCode="40" path="x.html"/>
                      <error statusCode="500" path="errors/500.html" responseMode="Teleport"/>
                      <error statusCode="501" path="relative.aspx" responseMode="ExecuteURL"/>
                      <error statusCode="502" path="../outside.html"/>
                    </httpErrors>
                """);
        assertThat(problems(site))
                .anySatisfy(p -> assertThat(p).contains("errorMode must be DetailedLocalOnly, Custom or Detailed"))
                .anySatisfy(p -> assertThat(p).contains("existingResponse must be Auto, Replace or PassThrough"))
                .anySatisfy(p -> assertThat(p).contains("a path relative to the site folder"))
                .anySatisfy(p ->
                        assertThat(p).contains("web.config:16").contains("the error page '404' has already been added"))
                .anySatisfy(p -> assertThat(p).contains("statusCode must be a status from 100 to 999: '40'"))
                .anySatisfy(p -> assertThat(p).contains("responseMode must be File, ExecuteURL or Redirect"))
                .anySatisfy(p -> assertThat(p).contains("starting with '/'"))
                .anySatisfy(p -> assertThat(p).contains("must stay inside the site folder"));
    }
}
