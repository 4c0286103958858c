package dev.conduit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import java.io.IOException;
import java.nio.file.Files;
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

    private Path write(String relative, String text) throws IOException {
        Path file = site.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String handlers(String lines) {
        return """
                <configuration>
                  <system.web>
                    <httpHandlers>
                %s
                    </httpHandlers>
                  </system.web>
                </configuration>
                """
                .formatted(lines);
    }

    private ConfigurationException startFails() {
        return catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
    }

    @Test
    void validateFalseWithAnUnknownTypeFailsOnlyTheRequestsMappedToIt() throws IOException {
        Path config = write(
                "web.config",
                handlers(
                        "      <add verb=\"*\" path=\"*.lazy\" type=\"com.example.missing.Lazy\" validate=\"false\"/>"));
        write("hello.txt", "hello");

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
        Path config = write(
                "web.config", handlers("      <add verb=\"*\" path=\"*.eager\" type=\"com.example.missing.Eager\"/>"));

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("com.example.missing.Eager").contains("was not found");
        });
    }

    @Test
    void typeThatIsNotAHandlerRefusesToStart() throws IOException {
        Path config = write(
                "sub/web.config",
                handlers("      <add verb=\"*\" path=\"*.x\" type=\"dev.conduit.testing.fixtures.NotAHandler\"/>"));

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("does not implement");
        });
    }

    @Test
    void threeErrorsInTwoFilesAreReportedTogether() throws IOException {
        Path root = write(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.feed"/>
                      <add verb="*" path="*.x" type="com.example.missing.Handler"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        Path sub = write(
                "admin/web.config",
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxRequestLength="4MB"/>
                  </system.web>
                </configuration>
                """);

        ConfigurationException e = startFails();

        assertThat(e.problems())
                .extracting(Problem::file, Problem::line, Problem::element)
                .containsExactly(tuple(root, 4, "add"), tuple(root, 5, "add"), tuple(sub, 3, "httpRuntime"));
        assertThat(e.getMessage())
                .contains(root + ":4: <add> needs the attribute 'type'")
                .contains(root + ":5: type 'com.example.missing.Handler' was not found")
                .contains(sub + ":3: maxRequestLength must be a whole number >= 0: '4MB'");
    }

    @Test
    void lockedSectionOverriddenByAChildFolderRefusesToStart() throws IOException {
        Path root = write(
                "web.config",
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
        Path child = write("admin/web.config", handlers("      <clear/>"));

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(child);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains(root + ":2");
        });
    }

    @Test
    void documentTypeDeclarationRefusesToStartWithoutReadingTheEntity() throws IOException {
        Path secret = write("App_Data/secret.txt", "TOP-SECRET-4711");
        Path config = write(
                "web.config",
                """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "%s"> ]>
                <configuration>
                  <appSettings><add key="k" value="&xxe;"/></appSettings>
                </configuration>
                """
                        .formatted(secret.toUri()));

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config);
            assertThat(p.message()).contains("DTD");
        });
        assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
    }

    @Test
    void malformedXmlRefusesToStartNamingTheLine() throws IOException {
        Path config = write("web.config", "<configuration>\n  <system.web>\n</configuration>\n");

        ConfigurationException e = startFails();

        assertThat(e.problems()).extracting(Problem::file, Problem::line).containsExactly(tuple(config, 3));
    }
}
