package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IIS's {@code <requestFiltering>}: limits, denied extensions, hidden segments, verbs and URL sequences. */
class RequestFilteringTest {
    @TempDir
    Path site;

    private void file(String path, String text) throws Exception {
        new SiteFolder(site).write(path, text);
    }

    @Test
    void requestFilteringRefusesWhatItListsBeforeAnyModuleSeesIt() throws Exception {
        file(
                "web.config",
                """
                <configuration>
                  <system.webServer>
                    <security>
                      <requestFiltering allowDoubleEscaping="false">
                        <requestLimits maxAllowedContentLength="1000" maxQueryString="64"/>
                        <fileExtensions allowUnlisted="true">
                          <add fileExtension=".bak" allowed="false"/>
                        </fileExtensions>
                        <hiddenSegments>
                          <add segment="secrets"/>
                        </hiddenSegments>
                        <verbs allowUnlisted="true">
                          <add verb="DELETE" allowed="false"/>
                        </verbs>
                        <denyUrlSequences>
                          <add sequence="~"/>
                        </denyUrlSequences>
                      </requestFiltering>
                      <authorization/>
                    </security>
                  </system.webServer>
                </configuration>
                """);
        file("page.txt", "hello");
        file("page.bak", "old");
        file("secrets/key.txt", "k");
        file(
                "sub/web.config",
                """
                <configuration><system.webServer><security><requestFiltering>
                  <fileExtensions><remove fileExtension=".bak"/></fileExtensions>
                </requestFiltering></security></system.webServer></configuration>
                """);
        file("sub/page.bak", "allowed here");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/page.txt").send().text()).isEqualTo("hello");
            TestResponse bak = host.get("/page.bak").send();
            assertThat(bak.status()).isEqualTo(404);
            assertThat(bak.text()).contains("the file extension is denied");
            assertThat(host.get("/sub/page.bak").send().text()).isEqualTo("allowed here"); // removed below
            assertThat(host.get("/secrets/key.txt").send().status()).isEqualTo(404);
            assertThat(host.get("/SECRETS/key.txt").send().status()).isEqualTo(404);
            assertThat(host.request("DELETE", "/page.txt").send().status()).isEqualTo(404);
            assertThat(host.get("/a~b.txt").send().status()).isEqualTo(404);
            assertThat(host.get("/page.txt?q=" + "x".repeat(100)).send().status())
                    .isEqualTo(414);
            TestResponse big =
                    host.post("/page.txt").body("text/plain", "y".repeat(2000)).send();
            assertThat(big.status()).isEqualTo(413);
        }
    }

    @Test
    void anUnknownElementOrABadLimitIsAnErrorWithItsLine() throws Exception {
        file(
                "web.config",
                """
                <configuration>
                  <system.webServer><security><requestFiltering>
                    <requestLimits maxAllowedContentLength="lots"/>
                    <fileExtenshuns/>
                  </requestFiltering></security></system.webServer>
                </configuration>
                """);
        assertThatThrownBy(() -> TestHost.start(site))
                .hasMessageContaining("web.config:3: maxAllowedContentLength must be a number of 0 or more: 'lots'")
                .hasMessageContaining("web.config:4: unknown element <fileExtenshuns> in <requestFiltering>");
    }
}
