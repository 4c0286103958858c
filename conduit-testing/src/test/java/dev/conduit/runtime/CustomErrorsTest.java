package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.ConfigurationException;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <customErrors>}: who sees details, and where errors go (spec §5.6). */
class CustomErrorsTest {
    private static final String REMOTE = "203.0.113.9";

    @TempDir
    Path site;

    private TestHost start(String customErrors) throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    %s
                    <httpHandlers>
                      <add verb="*" path="s.x" type="dev.conduit.testing.fixtures.ScenarioHandler"/>
                    </httpHandlers>
                """
                                .formatted(customErrors))
                .file("oops.html", "<h1>Sorry, something broke.</h1>")
                .file("missing.html", "<h1>No such page here.</h1>");
        return TestHost.start(site);
    }

    @Test
    void remoteOnlyByDefaultShowsDetailsLocallyAndNothingInternalRemotely() throws Exception {
        try (TestHost host = start("")) {
            TestResponse local = host.get("/s.x?do=throw").send();
            assertThat(local.status()).isEqualTo(500);
            assertThat(local.text())
                    .contains("java.lang.IllegalStateException")
                    .contains("secret internal detail")
                    .contains("at dev.conduit");
            TestResponse remote = host.get("/s.x?do=throw").from(REMOTE).send();
            assertThat(remote.status()).isEqualTo(500);
            assertThat(remote.text())
                    .doesNotContain("IllegalStateException")
                    .doesNotContain("secret internal detail")
                    .doesNotContain("at dev.conduit")
                    .doesNotContain("ScenarioHandler");
        }
    }

    @Test
    void modeOnHidesDetailsEvenLocallyAndOffShowsThemToEveryone() throws Exception {
        try (TestHost host = start("<customErrors mode=\"On\"/>")) {
            assertThat(host.get("/s.x?do=throw").send().text()).doesNotContain("secret internal detail");
        }
        try (TestHost host = start("<customErrors mode=\"Off\"/>")) {
            assertThat(host.get("/s.x?do=throw").from(REMOTE).send().text()).contains("secret internal detail");
        }
    }

    @Test
    void defaultRedirectSends302WithTheFailedPath() throws Exception {
        try (TestHost host = start("<customErrors mode=\"RemoteOnly\" defaultRedirect=\"~/oops.html\"/>")) {
            TestResponse r = host.get("/s.x?do=throw").from(REMOTE).send();
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo("/oops.html?aspxerrorpath=%2Fs.x");
            assertThat(host.get("/s.x?do=throw").send().status())
                    .as("local: details")
                    .isEqualTo(500);
        }
    }

    @Test
    void perStatusPagesWinOverTheDefault() throws Exception {
        try (TestHost host = start(
                """
                <customErrors mode="On" defaultRedirect="/oops.html">
                  <error statusCode="404" redirect="/missing.html"/>
                </customErrors>""")) {
            assertThat(host.get("/nowhere.txt").send().header("Location")).startsWith("/missing.html?aspxerrorpath=");
            assertThat(host.get("/s.x?do=throw").send().header("Location")).startsWith("/oops.html?aspxerrorpath=");
        }
    }

    @Test
    void responseRewriteServesThePageInPlaceWithTheOriginalStatus() throws Exception {
        try (TestHost host = start(
                """
                <customErrors mode="On" defaultRedirect="~/oops.html" redirectMode="ResponseRewrite">
                  <error statusCode="404" redirect="~/missing.html"/>
                </customErrors>""")) {
            TestResponse r = host.get("/s.x?do=throw").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).isEqualTo("<h1>Sorry, something broke.</h1>");
            assertThat(r.header("Content-Type")).isEqualTo("text/html");
            TestResponse missing = host.get("/nowhere.txt").send();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("<h1>No such page here.</h1>");
        }
    }

    @Test
    void aMissingErrorPageOrAnErrorPageRequestFallsBackToTheGenericPage() throws Exception {
        try (TestHost host =
                start("<customErrors mode=\"On\" defaultRedirect=\"/gone.html\" redirectMode=\"ResponseRewrite\"/>")) {
            TestResponse r = host.get("/s.x?do=throw").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("An error occurred").doesNotContain("secret internal detail");
        }
        try (TestHost host = start("<customErrors mode=\"On\" defaultRedirect=\"/oops.html\"/>")) {
            TestResponse loop = host.get("/s.x?do=throw&aspxerrorpath=/s.x").send();
            assertThat(loop.status()).isEqualTo(500);
        }
    }

    @Test
    void aSubFolderCanTurnDetailsOff() throws Exception {
        SiteBuilder.in(site).systemWeb("api", "<customErrors mode=\"Off\"/>");
        try (TestHost host = start("<customErrors mode=\"On\"/>")) {
            assertThat(host.get("/api/s.x?do=throw").from(REMOTE).send().text()).contains("secret internal detail");
            assertThat(host.get("/s.x?do=throw").send().text()).doesNotContain("secret internal detail");
        }
    }

    @Test
    void badSettingsAreConfigurationErrorsWithLines() throws Exception {
        assertThatThrownBy(
                        () -> start(
                                """
                <customErrors mode="Sometimes" redirectMode="Teleport" color="red">
                  <error statusCode="200" redirect="/x.html"/>
                  <error statusCode="404"/>
                  <bogus/>
                </customErrors>"""))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems())
                        .extracting(p -> p.line() + ": " + p.message())
                        .contains(
                                "3: unknown attribute 'color' on <customErrors>",
                                "3: mode must be On, Off or RemoteOnly: 'Sometimes'",
                                "3: redirectMode must be ResponseRedirect or ResponseRewrite: 'Teleport'",
                                "4: statusCode must be an error status from 400 to 599: '200'",
                                "5: <error> needs the attribute 'redirect'",
                                "6: unknown element <bogus> in <customErrors>"));
    }
}
