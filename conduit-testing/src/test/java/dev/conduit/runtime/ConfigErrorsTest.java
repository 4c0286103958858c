package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration errors as a site owner meets them: a site that starts with errors refuses to start and lists every
 * problem with file and line (DESIGN §5, §10); only {@code validate="false"} entries fail later, per request.
 */
class ConfigErrorsTest {
    @TempDir
    Path site;

    /** {@code <system.web>} content: {@code <httpHandlers>} on line 3 of the file, {@code lines} from line 4. */
    private static String handlers(String lines) {
        return "    <httpHandlers>\n" + lines + "\n    </httpHandlers>";
    }

    private ConfigurationException startFails() {
        return catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
    }

    @Test
    void validateFalseWithAnUnknownTypeFailsOnlyTheRequestsMappedToIt() throws IOException {
        SiteBuilder.in(site)
                .systemWeb(
                        handlers(
                                "      <add verb=\"*\" path=\"*.lazy\" type=\"com.example.missing.Lazy\" validate=\"false\"/>"));
        Path config = site.resolve("web.config");
        SiteBuilder.in(site).file("hello.txt", "hello");

        try (TestHost host = TestHost.start(site)) {
            TestResponse lazy = host.get("/a.lazy").send();
            TestResponse remote = host.get("/a.lazy").from("203.0.113.9").send();
            TestResponse other = host.get("/hello.txt").send();

            assertThat(lazy.status()).isEqualTo(500);
            assertThat(ErrorPageText.of(lazy)).contains(config + ":4").contains("com.example.missing.Lazy");
            assertThat(remote.status()).isEqualTo(500);
            assertThat(remote.text()).doesNotContain("web.config").doesNotContain("com.example");
            assertThat(other.status()).isEqualTo(200);
        }
    }

    @Test
    void validateTrueWithAnUnknownTypeRefusesToStart() throws IOException {
        SiteBuilder.in(site)
                .systemWeb(handlers("      <add verb=\"*\" path=\"*.eager\" type=\"com.example.missing.Eager\"/>"));
        Path config = site.resolve("web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("com.example.missing.Eager").contains("has no Java counterpart here");
        });
    }

    @Test
    void typeThatIsNotAHandlerRefusesToStart() throws IOException {
        SiteBuilder.in(site)
                .systemWeb(
                        "sub",
                        handlers(
                                "      <add verb=\"*\" path=\"*.x\" type=\"dev.conduit.testing.fixtures.NotAHandler\"/>"));
        Path config = site.resolve("sub/web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("does not implement");
        });
    }

    @Test
    void threeErrorsInTwoFilesAreReportedTogether() throws IOException {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="*" path="*.feed"/>
                      <add verb="*" path="*.x" type="com.example.missing.Handler"/>
                    </httpHandlers>
                """);
        Path root = site.resolve("web.config");
        SiteBuilder.in(site)
                .systemWeb("admin", """
                    <httpRuntime maxRequestLength="4MB"/>
                """);
        Path sub = site.resolve("admin/web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems())
                .extracting(Problem::file, Problem::line, Problem::element)
                .containsExactly(tuple(root, 4, "add"), tuple(root, 5, "add"), tuple(sub, 3, "httpRuntime"));
        assertThat(e.getMessage())
                .contains(root + ":4: <add> needs the attribute 'type'")
                .contains(root + ":5: type 'com.example.missing.Handler' has no Java counterpart here")
                .contains(sub + ":3: maxRequestLength must be a whole number >= 0: '4MB'");
    }

    @Test
    void lockedSectionOverriddenByAChildFolderRefusesToStart() throws IOException {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <location path="admin" allowOverride="false">
                    <system.web>
                      <httpHandlers>
                        <add verb="*" path="*.x" type="System.Web.HttpForbiddenHandler"/>
                      </httpHandlers>
                    </system.web>
                  </location>
                </configuration>
                """);
        Path root = site.resolve("web.config");
        SiteBuilder.in(site).systemWeb("admin", handlers("      <clear/>"));
        Path child = site.resolve("admin/web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(child);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains(root + ":2");
        });
    }

    @Test
    void documentTypeDeclarationRefusesToStartWithoutReadingTheEntity() throws IOException {
        SiteBuilder.in(site).file("App_Data/secret.txt", "TOP-SECRET-4711");
        Path secret = site.resolve("App_Data/secret.txt");
        SiteBuilder.in(site)
                .webConfig(
                        """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "%s"> ]>
                <configuration>
                  <appSettings><add key="k" value="&xxe;"/></appSettings>
                </configuration>
                """
                                .formatted(secret.toUri()));
        Path config = site.resolve("web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.message()).contains("DTD");
        });
        assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
    }

    @Test
    void malformedXmlRefusesToStartNamingTheLine() throws IOException {
        SiteBuilder.in(site).webConfig("<configuration>\n  <system.web>\n</configuration>\n");
        Path config = site.resolve("web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).extracting(Problem::file, Problem::line).containsExactly(tuple(config, 3));
    }
}
