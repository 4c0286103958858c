package dev.conduit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <sessionState>} errors: the site refuses to start and names each with file and line. */
class SessionConfigTest {
    @TempDir
    Path site;

    private Path config() {
        return site.resolve("web.config");
    }

    /** Starts a site whose root {@code <system.web>} holds {@code lines}, one per line from line 3. */
    private ConfigurationException startFails(String... lines) {
        SiteBuilder.in(site).systemWeb(String.join("\n", lines));
        return catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
    }

    @Test
    void stateServerAndSqlServerModesSayToUseACustomStore() {
        ConfigurationException e = startFails("<sessionState mode=\"StateServer\"/>");
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(config());
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("StateServer").contains("mode=\"Custom\"");
        });
        assertThat(startFails("<sessionState mode=\"SQLServer\"/>").getMessage())
                .contains("web.config:3")
                .contains("SQLServer");
    }

    @Test
    void everyBadAttributeIsReportedInOnePass() {
        ConfigurationException e = startFails(
                "<sessionState",
                "  mode=\"Sometimes\" timeout=\"0\" cookieless=\"UseUri\" cookieName=\"a b\" color=\"red\"/>");
        assertThat(e.problems())
                .extracting(Problem::line, p -> p.message().substring(0, 12))
                .containsExactlyInAnyOrder(
                        tuple(3, "mode must be"),
                        tuple(3, "timeout must"),
                        tuple(3, "cookieless=\""),
                        tuple(3, "cookieName m"),
                        tuple(3, "unknown attr"));
        assertThat(e.getMessage()).contains("not supported: Conduit carries session ids in cookies only");
    }

    @Test
    void customModeNeedsAProviderThatExistsAndIsASessionStore() {
        assertThat(startFails("<sessionState mode=\"Custom\"/>").problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs a customProvider"));

        ConfigurationException unknown = startFails(
                "<sessionState mode=\"Custom\" customProvider=\"redis\">",
                "  <providers><add name=\"fake\" type=\"dev.conduit.testing.fixtures.FakeSessionStore\"/></providers>",
                "</sessionState>");
        assertThat(unknown.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message())
                    .contains("customProvider 'redis' is not one of")
                    .contains("fake");
        });

        ConfigurationException badTypes = startFails(
                "<sessionState mode=\"Custom\" customProvider=\"a\">",
                "  <providers>",
                "    <add name=\"a\" type=\"com.example.Missing\"/>",
                "    <add name=\"b\" type=\"dev.conduit.testing.fixtures.SessionHandler\"/>",
                "  </providers>",
                "</sessionState>");
        assertThat(badTypes.problems())
                .extracting(Problem::line, Problem::message)
                .containsExactly(
                        tuple(
                                5,
                                "type 'com.example.Missing' has no Java counterpart here: no class of that name in the site's"
                                        + " App_Code, bin/*.jar or the server's classes"),
                        tuple(
                                6,
                                "'dev.conduit.testing.fixtures.SessionHandler' does not implement"
                                        + " dev.conduit.spi.SessionStore"));
    }

    @Test
    void sessionStateBelowTheSiteRootIsAnError() {
        SiteBuilder.in(site)
                .systemWeb("sub", "<sessionState timeout=\"5\"/>")
                .webConfig(
                        """
                <configuration>
                  <location path="sub"><system.web><sessionState mode="Off"/></system.web></location>
                  <location path="."><system.web><sessionState timeout="30"/></system.web></location>
                </configuration>
                """);
        Path sub = site.resolve("sub/web.config");
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(Problem::file, Problem::line)
                .containsExactlyInAnyOrder(tuple(config(), 2), tuple(sub, 3));
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).contains("applies to the whole application"));
    }

    @Test
    void aValidConfigurationStartsAndEverySettingTakesEffect() {
        String systemWeb = SessionSite.systemWeb(
                """
                <sessionState mode="InProc" timeout="525600" cookieName="app.sid" cookieless="UseCookies"
                    regenerateExpiredSessionId="true" sqlConnectionString="ignored" cookieSameSite="None"/>
                """);
        // A <location> applies just before the file of the folder it targets, so that file's own section wins over
        // one aimed at its own folder (spec §2.6).
        TestClock clock = new TestClock(SessionSite.START);
        try (TestHost host = SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web>
                        %s
                          </system.web>
                          <location path="."><system.web><sessionState timeout="30"/></system.web></location>
                        </configuration>
                        """
                                .formatted(systemWeb))
                .start(o -> o.withClock(clock))) {
            TestResponse first = host.get("/rw.x?do=set&value=a").send();
            String id = SessionSite.cookie(first, "app.sid");
            assertThat(id).isNotNull();
            assertThat(first.header("Set-Cookie")).contains("SameSite=None");
            clock.advance(Duration.ofDays(200));
            TestResponse kept =
                    host.get("/rw.x").header("Cookie", "app.sid=" + id).send();
            assertThat(kept.text()).startsWith("id=" + id + " new=false").contains("k=a timeout=525600");
            clock.advance(Duration.ofDays(366));
            assertThat(host.get("/rw.x")
                            .header("Cookie", "app.sid=" + id)
                            .send()
                            .text())
                    .contains("new=true");
        }
    }

    /** Providers merge as System.Web's ProviderSettingsCollection: a name added again is an error unless identical. */
    @Test
    void aProviderAddedAgainAtAnotherLevelIsAnErrorUnlessTheLineIsTheSame() {
        String store = "dev.conduit.testing.fixtures.FakeSessionStore";
        String other = "dev.conduit.testing.fixtures.SessionHandler";
        SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web><sessionState mode="Custom" customProvider="fake">
                            <providers><add name="fake" type="%s"/></providers>
                          </sessionState></system.web>
                          <location path="."><system.web><sessionState>
                            <providers><add name="FAKE" type="%s"/></providers>
                          </sessionState></system.web></location>
                        </configuration>
                        """
                                .formatted(store, other));
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
        assertThat(e).isNotNull();
        // The <location path="."> is the outer level (it applies just before the file it targets, spec §2.6).
        assertThat(e.problems())
                .extracting(Problem::line, Problem::message)
                .contains(tuple(
                        3,
                        "the provider 'fake' has already been added (at " + config()
                                + ":6); <remove> it first to replace it"));

        SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web><sessionState mode="Custom" customProvider="fake">
                            <providers><remove name="FAKE"/><add name="fake" type="%s"/></providers>
                          </sessionState></system.web>
                          <location path="."><system.web><sessionState>
                            <providers><add name="FAKE" type="%s"/></providers>
                          </sessionState></system.web></location>
                        </configuration>
                        """
                                .formatted(store, store));
        TestHost.start(site).close(); // remove, then add again: accepted
    }
}
