package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.conduit.ConfigurationElement;
import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real web.config files need (issue 12): sections declared in {@code <configSections>}, read by site code with
 * {@code getSection}; {@code allowLocation} and {@code allowDefinition}; ASP.NET 4's default module names;
 * {@code configSource} and {@code <appSettings file>}.
 */
class RealWebConfigTest {
    @TempDir
    Path site;

    /** Writes the named section's {@code value} attribute and text, or "none". */
    public static final class SectionEcho implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            ConfigurationElement e =
                    context.getSection(context.request().queryString().getFirst("name"));
            context.response()
                    .write(
                            e == null
                                    ? "none"
                                    : e.attr("value") + "|" + e.text() + "|"
                                            + e.children().size());
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    private static final String ECHO_MAPPING =
            """
                <system.web>
                  <httpHandlers>
                    <add verb="GET" path="echo.x" type="dev.conduit.runtime.RealWebConfigTest$SectionEcho"/>
                  </httpHandlers>
                </system.web>
            """;

    @Test
    void aSectionDeclaredInAGroupIsReadNearestFirstAndUsableInASubFolder() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <configSections>
                    <sectionGroup name="myCompany">
                      <section name="settings" type="MyCompany.SettingsSection, MyCompany"/>
                    </sectionGroup>
                  </configSections>
                  <myCompany>
                    <settings value="root"><![CDATA[some text]]><item/></settings>
                  </myCompany>
                """
                                + ECHO_MAPPING + "</configuration>\n")
                .webConfig(
                        "shop",
                        """
                <configuration>
                  <myCompany>
                    <settings value="shop"/>
                  </myCompany>
                </configuration>
                """);

        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/echo.x?name=myCompany/settings").send().text())
                    .isEqualTo("root|some text|1");
            assertThat(host.get("/shop/echo.x?name=myCompany/settings").send().text())
                    .isEqualTo("shop||0");
            assertThat(host.get("/echo.x?name=myCompany/other").send().text()).isEqualTo("none");
            // A section Conduit implements is read through its own API.
            assertThat(host.get("/echo.x?name=appSettings").send().status()).isEqualTo(500);
        }
    }

    @Test
    void aSectionUsedButDeclaredNowhereIsStillAnError() throws Exception {
        SiteBuilder.in(site).webConfig("<configuration>\n  <log4net/>\n</configuration>\n");

        assertThat(problems())
                .extracting(Problem::line, Problem::message)
                .containsExactly(tuple(
                        2,
                        "unknown element <log4net>: not a section Conduit knows, and not declared in"
                                + " <configSections>"));
    }

    @Test
    void allowLocationFalseRefusesTheSectionInsideLocation() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <configSections>
                    <section name="log4net" type="log4net.Config.Log4NetConfigurationSectionHandler, log4net"
                             allowLocation="false"/>
                  </configSections>
                  <log4net debug="false"/>
                  <location path="admin">
                    <log4net debug="true"/>
                  </location>
                </configuration>
                """);

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message())
                    .startsWith("<log4net> cannot be used inside <location>: its declaration at ")
                    .endsWith("says allowLocation=\"false\"");
        });
    }

    @Test
    void allowDefinitionMachineToApplicationRefusesTheSectionInASubFolder() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <configSections>
                    <section name="app" type="App.Section, App" allowDefinition="MachineToApplication"/>
                  </configSections>
                  <app/>
                </configuration>
                """)
                .webConfig("sub", "<configuration>\n  <app/>\n</configuration>\n");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(site.resolve("sub/web.config"));
            assertThat(p.message()).contains("<app> applies to the whole application");
        });
    }

    @Test
    void aSectionIsDeclaredOnceButAMachineLevelOneMayBeRepeated() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <configSections>
                    <section name="mine" type="A, B"/>
                    <sectionGroup name="system.web.extensions">
                      <sectionGroup name="scripting">
                        <section name="scriptResourceHandler" type="System.Web.Configuration.ScriptingScriptResourceHandlerSection"/>
                      </sectionGroup>
                    </sectionGroup>
                  </configSections>
                </configuration>
                """);
        try (var loaded = SiteInspector.load(site)) {
            assertThat(loaded.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("the section 'system.web.extensions/scripting/scriptResourceHandler' is declared"
                            + " at the machine level already"));
        }

        SiteBuilder.in(site)
                .webConfig(
                        "sub",
                        """
                <configuration>
                  <configSections>
                    <section name="mine" type="A, B"/>
                  </configSections>
                </configuration>
                """);
        assertThat(problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("the section 'mine' is already declared at " + site.resolve("web.config") + ":3"));
    }

    @Test
    void aspNetsDefaultModulesCanBeRemovedAndAddedAgainByName() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpModules>
                      <remove name="Profile"/>
                      <remove name="PassportAuthentication"/>
                      <remove name="AnonymousIdentification"/>
                      <remove name="UrlRoutingModule-4.0"/>
                      <add name="Profile" type="System.Web.Profile.ProfileModule"/>
                      <add name="ScriptModule" type="System.Web.Handlers.ScriptModule, System.Web.Extensions, Version=3.5.0.0"/>
                    </httpModules>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/nothing.txt").send().status()).isEqualTo(404);
        }

        SiteBuilder.in(site)
                .systemWeb("    <httpModules>\n      <remove name=\"DefaultAuthentication\"/>\n"
                        + "      <remove name=\"NoSuchModule\"/>\n    </httpModules>\n");
        assertThat(problems())
                .extracting(Problem::message)
                .containsExactly(
                        "DefaultAuthentication is always present and cannot be removed",
                        "there is no module named 'NoSuchModule' to remove");
    }

    @Test
    void configSourceReadsTheSectionFromARelativeFileWithBackslashes() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <appSettings configSource="Config\\app.config"/>
                </configuration>
                """)
                .file(
                        "Config/app.config",
                        "<appSettings>\n  <add key=\"greeting\" value=\"hello\"/>\n</appSettings>\n");

        assertThat(appSetting("greeting")).isEqualTo("hello");
    }

    @Test
    void configSourceOutsideTheSiteRootedOrWithContentIsAnError() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <appSettings configSource="..\\outside.config"/>
                  <connectionStrings configSource="/etc/conn.config"/>
                  <system.web>
                    <customErrors configSource="errors.config" mode="On"/>
                    <trace configSource="missing.config"/>
                  </system.web>
                </configuration>
                """);
        Files.writeString(site.getParent().resolve("outside.config"), "<appSettings/>");

        assertThat(problems())
                .extracting(Problem::line, Problem::message)
                .containsExactly(
                        tuple(2, "configSource must name a file inside the site, not outside it: '..\\outside.config'"),
                        tuple(
                                3,
                                "configSource must be a path relative to the folder of this web.config, not a rooted"
                                        + " one: '/etc/conn.config'"),
                        tuple(5, "a section with configSource has no other attributes and no content: <customErrors>"),
                        tuple(6, "the configSource file does not exist: " + site.resolve("missing.config")));
    }

    @Test
    void anErrorInAConfigSourceFileNamesThatFileAndLine() throws Exception {
        SiteBuilder.in(site)
                .webConfig("<configuration>\n  <appSettings configSource=\"app.config\"/>\n</configuration>\n")
                .file("app.config", "<appSettings>\n  <add key=\"a\"/>\n</appSettings>\n");

        assertThat(problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(site.resolve("app.config"));
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("<add> needs the attribute 'value'");
        });
    }

    @Test
    void editingAConfigSourceFileWhileRunningRecyclesTheApplication() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <appSettings configSource="Config\\app.config"/>
                """
                                + ECHO_MAPPING.replace("echo.x", "setting.x").replace("$SectionEcho", "$SettingEcho")
                                + "</configuration>\n")
                .file("Config/app.config", "<appSettings>\n  <add key=\"k\" value=\"v1\"/>\n</appSettings>\n");

        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/setting.x?key=k").send().text()).isEqualTo("v1");
            Files.writeString(
                    site.resolve("Config/app.config"),
                    "<appSettings>\n  <add key=\"k\" value=\"v2\"/>\n</appSettings>\n");
            eventually(() -> host.runtime().recycleCount() == 1, "the application recycled");
            assertThat(host.get("/setting.x?key=k").send().text()).isEqualTo("v2");
        }
    }

    /** Writes the appSettings value named by {@code ?key=}. */
    public static final class SettingEcho implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            context.response()
                    .write(String.valueOf(
                            context.appSetting(context.request().queryString().getFirst("key"))));
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    @Test
    void appSettingsFileOverlaysTheSectionAndAMissingOneIsAWarning() throws Exception {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <appSettings file="Config\\local.config">
                    <add key="a" value="from web.config"/>
                    <add key="b" value="from web.config"/>
                  </appSettings>
                </configuration>
                """)
                .file(
                        "Config/local.config",
                        "<appSettings>\n  <add key=\"b\" value=\"from the file\"/>\n</appSettings>\n");

        assertThat(appSetting("a")).isEqualTo("from web.config");
        assertThat(appSetting("b")).isEqualTo("from the file");

        Files.delete(site.resolve("Config/local.config"));
        try (var loaded = SiteInspector.load(site)) {
            assertThat(loaded.warningsBySection().get("<appSettings>"))
                    .singleElement()
                    .asString()
                    .contains("the file 'Config\\local.config' of <appSettings> does not exist");
        }
    }

    private String appSetting(String key) throws Exception {
        var config = SiteConfiguration.load(site);
        return config.forPath("/").appSettings().get(key);
    }

    private List<Problem> problems() {
        ConfigurationException e =
                catchThrowableOfType(ConfigurationException.class, () -> SiteConfiguration.load(site));
        assertThat(e).as("the configuration should have errors").isNotNull();
        return e.problems();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
