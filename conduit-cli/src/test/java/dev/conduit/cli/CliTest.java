package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path site;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ConduitCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void checkReportsEveryErrorOfEveryFileWithItsLine() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="GET" path="*.rss"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        Files.createDirectories(site.resolve("admin"));
        Files.writeString(
                site.resolve("admin/web.config"),
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxRequestLength="lots"/>
                    <httpHandlers>
                      <add verb="*" path="*.feed" type="com.example.Missing"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        int code = run("check", site.toString());
        assertThat(code).isEqualTo(1);
        String root = site.resolve("web.config").toString();
        String admin = site.resolve("admin/web.config").toString();
        assertThat(err.toString())
                .contains(root + ":4: <add> needs the attribute 'type'")
                .contains(admin + ":3: maxRequestLength must be a whole number >= 0: 'lots'")
                .contains(admin + ":5: type 'com.example.Missing' has no Java counterpart here")
                .contains("3 errors in the configuration");
    }

    @Test
    void checkCompilesEveryPageUserControlAndMasterAndListsErrorsAsFileLine() throws Exception {
        Files.createDirectories(site.resolve("controls"));
        Files.writeString(site.resolve("ok.aspx"), "<%@ Page Language=\"Java\" %>\n<p><%= 1 + 1 %></p>\n");
        Files.writeString(site.resolve("broken.aspx"), "<%@ Page Language=\"Java\" %>\n<p>\n<%= missingName %>\n");
        Files.writeString(site.resolve("controls/Only.ascx"), "<%@ Control Language=\"C#\" %>\nloaded in code only\n");
        Files.writeString(
                site.resolve("Site.master"),
                "<%@ Master Language=\"Java\" %>\n<asp:Label runat=\"server\" Width=\"wide\" />\n");
        int code = run("check", site.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains(site.resolve("broken.aspx") + ":3: cannot find symbol")
                .contains(site.resolve("controls/Only.ascx") + ":1: Parser error: Language=\"C#\" is not supported")
                .contains(site.resolve("Site.master") + ":2: Parser error: 'wide' is not a valid value for the property"
                        + " 'Width'")
                .contains("3 errors in " + site)
                .doesNotContain("ok.aspx");
    }

    @Test
    void checkCompilesEveryWebServiceAndDescribesItsClass() throws Exception {
        Files.writeString(
                site.resolve("Ok.asmx"),
                "<%@ WebService Class=\"Ok\" %>\npublic class Ok {\n"
                        + "  @dev.conduit.services.WebMethod public int Add(int a, int b) { return a + b; }\n}\n");
        Files.writeString(
                site.resolve("Broken.asmx"),
                "<%@ WebService Class=\"Broken\" %>\npublic class Broken {\n  int x = missing;\n}\n");
        Files.writeString(
                site.resolve("Maps.asmx"),
                "<%@ WebService Class=\"Maps\" %>\npublic class Maps {\n  @dev.conduit.services.WebMethod"
                        + " public int Count(java.util.Map<String, Integer> m) { return 0; }\n}\n");
        int code = run("check", site.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains(site.resolve("Broken.asmx") + ":3: cannot find symbol")
                .contains(site.resolve("Maps.asmx") + ":1: ")
                .contains("it is a Map (as XmlSerializer refuses IDictionary)")
                .contains("2 errors in " + site)
                .doesNotContain("Ok.asmx");
    }

    @Test
    void checkPassesACleanSiteAndShowsWarnings() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    <compilation debug="true"/>
                  </system.web>
                </configuration>
                """);
        assertThat(run("check", site.toString())).isZero();
        assertThat(out.toString())
                .contains(":3: warning: <system.web><compilation> has no effect in Conduit")
                .contains("OK: 1 web.config file");
    }

    @Test
    void checkGroupsWhatHasNoEffectBySectionAlsoWhenThereAreErrors() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    <compilation debug="true"/>
                    <httpRuntime targetFramework="4.5" useFullyQualifiedRedirectUrl="true"/>
                    <httpModules>
                      <add name="ErrorLog" type="Elmah.ErrorLogModule, Elmah"/>
                    </httpModules>
                  </system.web>
                  <system.codedom/>
                </configuration>
                """);

        assertThat(run("check", site.toString())).isEqualTo(1);

        String file = site.resolve("web.config").toString();
        assertThat(err.toString())
                .contains(String.join(
                        "\n",
                        "Accepted without effect in Conduit (4 warnings), by section:",
                        "  <system.web><compilation> (1)",
                        "    " + file + ":3: warning: <system.web><compilation> has no effect in Conduit; ignored",
                        "  <system.web><httpRuntime> (2)",
                        "    " + file + ":4: warning: the attribute 'targetFramework' of <system.web><httpRuntime> has"
                                + " no effect in Conduit; ignored",
                        "    " + file + ":4: warning: the attribute 'useFullyQualifiedRedirectUrl' of"
                                + " <system.web><httpRuntime> has no effect in Conduit; ignored",
                        "  <system.codedom> (1)",
                        "    " + file + ":9: warning: <system.codedom> has no effect in Conduit; ignored"))
                .contains(file + ":6: type 'Elmah.ErrorLogModule, Elmah' has no Java counterpart here")
                .contains("1 error in the configuration");
    }

    @Test
    void routesListsSiteEntriesAheadOfTheBuiltInOnesWithTheirOrigin() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="GET,HEAD" path="*.rss" type="System.Web.HttpForbiddenHandler"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        assertThat(run("routes", site.toString(), "/")).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("Pipeline mode: Classic (the default)");
        assertThat(lines[1]).isEqualTo("Handler mappings for / (<httpHandlers>, first match wins):");
        assertThat(lines[3]).contains("1  GET,HEAD").contains("*.rss").contains(site.resolve("web.config") + ":4");
        assertThat(out.toString()).contains("trace.axd").contains("<built-in root web.config>");
    }

    @Test
    void pipelineModeOverridesTheSitesChoiceForRoutesExplainAndCheck() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.webServer>
                    <handlers>
                      <add name="Feed" verb="GET" path="*.rss" type="System.Web.HttpForbiddenHandler"/>
                    </handlers>
                  </system.webServer>
                </configuration>
                """);
        assertThat(run("routes", "--pipeline-mode", "integrated", site.toString()))
                .isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("Pipeline mode: Integrated (--pipeline-mode)");
        assertThat(lines[1]).isEqualTo("Handler mappings for / (<system.webServer><handlers>, first match wins):");
        assertThat(lines[3]).contains("1  Feed").contains("*.rss").contains(site.resolve("web.config") + ":4");
        assertThat(out.toString())
                .contains("ExtensionlessUrlHandler-Integrated-4.0")
                .contains("StaticFile")
                .contains("[resourceType=Either]")
                .contains("<built-in applicationHost.config>")
                .contains("Access policy: Read, Script");
        out.getBuffer().setLength(0);
        assertThat(run("explain", "--pipeline-mode", "Integrated", site.toString(), "GET", "/a.rss"))
                .isZero();
        assertThat(out.toString()).contains("Pipeline mode: Integrated").contains("=> 403");
        out.getBuffer().setLength(0);
        assertThat(run("check", site.toString())).isZero();
        assertThat(out.toString())
                .contains("<system.webServer><handlers> is read in integrated mode only")
                .contains("(Classic pipeline mode)");
        out.getBuffer().setLength(0);
        assertThat(run("check", "--pipeline-mode", "Both", site.toString())).isNotZero();
        assertThat(err.toString()).contains("expected Classic or Integrated, not 'Both'");
    }

    @Test
    void explainSaysWhyEarlierEntriesDidNotMatch() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="POST" path="*.rss" type="System.Web.HttpForbiddenHandler"/>
                      <add verb="GET" path="feeds/*" type="System.Web.HttpForbiddenHandler"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        Files.writeString(site.resolve("news.rss"), "<rss/>");
        assertThat(run("explain", site.toString(), "GET", "/news.rss")).isZero();
        assertThat(out.toString())
                .contains("no: verb GET is not in 'POST'")
                .contains("no: path '/news.rss' does not match 'feeds/*'")
                .contains("MATCHES")
                .contains("=> 200: the static file handler sends the file.");
    }

    @Test
    void explainNamesHiddenFoldersAndForbiddenExtensions() throws Exception {
        assertThat(run("explain", site.toString(), "GET", "/App_Data/db.mv.db")).isZero();
        assertThat(out.toString()).contains("=> 404: protected folders are never served");
        assertThat(run("explain", site.toString(), "GET", "/web.config")).isZero();
        assertThat(out.toString()).contains("=> 403: files of type '.config' are never served.");
        assertThat(run("explain", site.toString(), "PUT", "/a.txt")).isZero();
        assertThat(out.toString()).contains("=> 405: no entry maps PUT here; Allow: GET, HEAD.");
    }

    @Test
    void sessionSqlPrintsTheJdbcStoresTableForADba() {
        assertThat(run("session-sql", "postgresql", "--table", "app_sessions")).isZero();
        assertThat(out.toString())
                .contains("CREATE TABLE IF NOT EXISTS app_sessions (")
                .contains("lock_id BIGINT NOT NULL")
                .contains("CREATE INDEX IF NOT EXISTS app_sessions_expires ON app_sessions (expires_ms);");
        assertThat(run("session-sql", "oracle")).isEqualTo(2);
        assertThat(err.toString()).contains("must be postgresql or h2");
    }
}
