package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.PipelineMode;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IIS 7+ integrated mode (spec §2.7, §5.2): {@code <conduit pipelineMode>}, {@code <system.webServer><handlers>} and
 * {@code <modules>} with IIS's rules, the 500.22/500.23 rule, and the stock applicationHost lists.
 */
class IntegratedModeTest {
    private static final String TAGS = "dev.conduit.testing.fixtures.Tags$";
    private static final String SEEN = "dev.conduit.testing.fixtures.SeenBy$";

    @TempDir
    Path site;

    private void file(String path, String text) throws Exception {
        new SiteFolder(site).write(path, text);
    }

    /** A root web.config in integrated mode with {@code webServer} inside {@code <system.webServer>}. */
    private void integrated(String webServer) throws Exception {
        file(
                "web.config",
                "<configuration>\n  <conduit pipelineMode=\"Integrated\"/>\n  <system.webServer>\n" + webServer
                        + "\n  </system.webServer>\n</configuration>\n");
    }

    private TestHost start(PipelineMode mode) {
        return TestHost.start(RuntimeOptions.of(site).withPipelineMode(mode));
    }

    private static List<String> problems(Path site) {
        return new SiteFolder(site).problems();
    }

    @Test
    void aSiteWhoseHandlersAreOnlyInSystemWebServerMapsThemInIntegratedModeOnly() throws Exception {
        integrated(
                """
                    <handlers>
                      <add name="Feed" path="*.rss" verb="GET,HEAD" type="%sFeed"/>
                    </handlers>
                """
                        .formatted(TAGS));
        file("hello.txt", "hello");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.runtime().pipelineMode()).isEqualTo(PipelineMode.INTEGRATED);
            assertThat(host.get("/news.rss").send().text()).isEqualTo("Feed");
            assertThat(host.get("/deep/er/news.rss").send().text()).isEqualTo("Feed");
            assertThat(host.get("/hello.txt").send().text()).isEqualTo("hello"); // the stock StaticFile entry
            assertThat(host.get("/missing.txt").send().status()).isEqualTo(404);
            // Not in the entry's verbs: the stock StaticFile entry takes it, and there is no such file.
            assertThat(host.post("/news.rss").send().status()).isEqualTo(404);
        }
        // Classic mode, by the host's override, reads <httpHandlers> only and says so.
        try (TestHost host = start(PipelineMode.CLASSIC)) {
            assertThat(host.runtime().pipelineMode()).isEqualTo(PipelineMode.CLASSIC);
            assertThat(host.get("/news.rss").send().status()).isEqualTo(404);
            assertThat(host.runtime().configurationWarnings())
                    .anyMatch(w -> w.contains("<system.webServer><handlers> is read in integrated mode only"));
        }
    }

    @Test
    void localEntriesComeFirstAndStockNamesCanBeRemovedThenAdded() throws Exception {
        integrated(
                """
                    <handlers>
                      <remove name="ExtensionlessUrlHandler-Integrated-4.0"/>
                      <add name="ExtensionlessUrlHandler-Integrated-4.0" path="*." verb="*" type="%sApi"/>
                      <add name="AllTxt" path="*.txt" verb="PUT" type="%sLater"/>
                    </handlers>
                """
                        .formatted(TAGS, TAGS));
        file("hello.txt", "hello");
        file(
                "sub/web.config",
                """
                <configuration><system.webServer><handlers>
                  <add name="SubTxt" path="*.txt" verb="PUT" type="%sSub"/>
                </handlers></system.webServer></configuration>
                """
                        .formatted(TAGS));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/products/42").send().text()).isEqualTo("Api");
            assertThat(host.request("DELETE", "/products/42").send().text()).isEqualTo("Api");
            assertThat(host.get("/hello.txt").send().text()).isEqualTo("hello");
            assertThat(host.request("PUT", "/hello.txt").send().text()).isEqualTo("Later");
            // A sub-folder's entries go ahead of the inherited ones.
            assertThat(host.request("PUT", "/sub/a.txt").send().text()).isEqualTo("Sub");
        }
        try (SiteInspector loaded = SiteInspector.load(site)) {
            assertThat(loaded.routes("/sub/"))
                    .first()
                    .asString()
                    .startsWith("Pipeline mode: Integrated (")
                    .contains("web.config:2");
            assertThat(loaded.routes("/sub/").get(3)).contains("SubTxt");
            assertThat(loaded.routes("/sub/").get(4)).contains("ExtensionlessUrlHandler-Integrated-4.0");
            assertThat(loaded.explain("GET", "/products/42"))
                    .anyMatch(l -> l.contains("ExtensionlessUrlHandler-Integrated-4.0") && l.contains("MATCHES"));
        }
    }

    @Test
    void addingANamePresentAlreadyIsAnError() throws Exception {
        integrated(
                """
                    <handlers>
                      <add name="ExtensionlessUrlHandler-Integrated-4.0" path="*." verb="*" type="%sApi"/>
                      <add name="Twice" path="*.a" verb="*" type="%sApi"/>
                      <add name="twice" path="*.b" verb="*" type="%sApi"/>
                    </handlers>
                """
                        .formatted(TAGS, TAGS, TAGS));
        assertThat(problems(site))
                .anySatisfy(p -> assertThat(p)
                        .contains("web.config:5")
                        .contains("the handler 'ExtensionlessUrlHandler-Integrated-4.0' has already been added"))
                .anySatisfy(p -> assertThat(p).contains("web.config:7").contains("'twice' has already been added"));
        // Not read in classic mode, so not checked there beyond its syntax.
        file("web.config", Files.readString(site.resolve("web.config")).replace("Integrated", "Classic"));
        assertThat(problems(site)).isEmpty();
    }

    @Test
    void aResourceTypeEntryAppliesOnlyWhenTheResourceExistsAndFallsThroughOtherwise() throws Exception {
        integrated(
                """
                    <handlers>
                      <add name="FileOnly" path="*.dat" verb="GET" type="%sOnly" resourceType="File"/>
                      <add name="FolderOnly" path="*.dat" verb="GET" type="%sInner" resourceType="Directory"/>
                      <add name="Fallback" path="*.dat" verb="GET" type="%sLater"/>
                    </handlers>
                """
                        .formatted(TAGS, TAGS, TAGS));
        file("a.dat", "data");
        Files.createDirectories(site.resolve("folder.dat"));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/a.dat").send().text()).isEqualTo("Only");
            assertThat(host.get("/folder.dat").send().text()).isEqualTo("Inner");
            assertThat(host.get("/b.dat").send().text()).isEqualTo("Later");
        }
        try (SiteInspector loaded = SiteInspector.load(site)) {
            assertThat(loaded.explain("GET", "/b.dat"))
                    .anyMatch(l -> l.contains("FileOnly") && l.contains("resourceType File needs a file on disk"))
                    .anyMatch(l -> l.contains("Fallback") && l.contains("MATCHES"));
        }
    }

    @Test
    void preconditionsChooseTheEntriesOfIntegratedModeAndAnUnknownOneIsFalse() throws Exception {
        integrated(
                """
                    <handlers>
                      <add name="Classic" path="*.pc" verb="GET" type="%sFirstK" preCondition="classicMode"/>
                      <add name="Bits32" path="*.pc" verb="GET" type="%sFirstK" preCondition="integratedMode,bitness32"/>
                      <add name="Odd" path="*.pc" verb="GET" type="%sFirstK" preCondition="integratedMode,sometimes"/>
                      <add name="Integrated" path="*.pc" verb="GET" type="%sSecondK"
                           preCondition="integratedMode,runtimeVersionv4.0,bitness64"/>
                      <add name="Cgi" path="*.pl" verb="*" modules="CgiModule" scriptProcessor="perl.exe"/>
                    </handlers>
                """
                        .formatted(TAGS, TAGS, TAGS, TAGS));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/x.pc").send().text()).isEqualTo("SecondK");
            assertThat(host.get("/x.pl").send().status()).isEqualTo(404); // no counterpart: left out
            assertThat(host.runtime().configurationWarnings())
                    .anyMatch(w ->
                            w.contains("web.config:4: warning: the handler 'Cgi' (line 10," + " modules=\"CgiModule\")")
                                    && w.contains("left out"));
        }
        try (TestHost host = start(PipelineMode.CLASSIC)) {
            assertThat(host.get("/x.pc").send().status()).isEqualTo(404);
        }
    }

    @Test
    void theStockListServesPagesHandlersAndFilesAndRefusesWhatIisRefuses() throws Exception {
        integrated("");
        file("echo.ashx", "<%@ WebHandler Class=\"dev.conduit.testing.fixtures.EchoVerbHandler\" %>");
        file("hello.txt", "hello");
        file("Code.cs", "class C {}");
        file("App_Data/db.txt", "secret");
        file("folder/index.html", "index");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/echo.ashx").send().text()).isEqualTo("GET");
            assertThat(host.post("/echo.ashx").send().text()).isEqualTo("POST");
            // Spec §11: the stock entries carry GET,HEAD,POST,DEBUG, so PUT falls to StaticFile, which refuses it.
            TestResponse put = host.request("PUT", "/echo.ashx").send();
            assertThat(put.status()).isEqualTo(405);
            assertThat(host.get("/hello.txt").send().text()).isEqualTo("hello");
            assertThat(host.get("/folder/").send().text()).isEqualTo("index");
            assertThat(host.get("/folder").send().status()).isEqualTo(302);
            // IIS's request filtering: denied extensions and hidden segments are 404 (classic mode's list: 403).
            TestResponse cs = host.get("/Code.cs").send();
            assertThat(cs.status()).isEqualTo(404);
            assertThat(cs.text()).contains("the file extension is denied");
            assertThat(host.get("/web.config").send().status()).isEqualTo(404);
            assertThat(host.get("/App_Data/db.txt").send().status()).isEqualTo(404);
            assertThat(host.get("/page.cshtml").send().status()).isEqualTo(403);
            // ProtocolSupportModule's stand-in.
            TestResponse options = host.request("OPTIONS", "/echo.ashx").send();
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.header("Allow")).isEqualTo("OPTIONS, GET, HEAD, POST");
            assertThat(host.request("TRACE", "/hello.txt").send().status()).isEqualTo(405);
        }
        try (TestHost host = start(PipelineMode.CLASSIC)) {
            assertThat(host.get("/Code.cs").send().status()).isEqualTo(403);
            assertThat(host.request("PUT", "/echo.ashx").send().text()).isEqualTo("PUT");
        }
    }

    @Test
    void theAccessPolicyRefusesHandlersThatNeedWhatItDoesNotGrant() throws Exception {
        integrated(
                """
                    <handlers accessPolicy="Read">
                      <add name="Feed" path="*.rss" verb="GET" type="%sFeed"/>
                      <add name="Open" path="*.open" verb="GET" type="%sFeed" requireAccess="Read"/>
                    </handlers>
                """
                        .formatted(TAGS, TAGS));
        file("hello.txt", "hello");
        file(
                "sub/web.config",
                """
                <configuration><system.webServer>
                  <handlers accessPolicy="Read, Script, NoRemoteScript"/>
                </system.webServer></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse feed = host.get("/news.rss").send();
            assertThat(feed.status()).isEqualTo(403);
            assertThat(feed.text()).contains("Execute access is denied");
            assertThat(host.get("/a.open").send().text()).isEqualTo("Feed");
            assertThat(host.get("/hello.txt").send().text()).isEqualTo("hello");
            assertThat(host.get("/sub/news.rss").send().text()).isEqualTo("Feed"); // from this machine
            assertThat(host.get("/sub/news.rss").from("203.0.113.9").send().status())
                    .isEqualTo(403);
        }
        file("web.config", Files.readString(site.resolve("web.config")).replace("\"Read\"", "\"Read, Typo\""));
        assertThat(problems(site)).anySatisfy(p -> assertThat(p).contains("unknown flag 'Typo'"));
    }

    @Test
    void classicEntriesInIntegratedModeAreTheIisConfigurationErrorUnlessValidationIsOff() throws Exception {
        file(
                "web.config",
                """
                <configuration>
                  <conduit pipelineMode="Integrated"/>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.rss" type="%sFeed"/>
                    </httpHandlers>
                    <httpModules>
                      <add name="Seen" type="%sAlways"/>
                    </httpModules>
                  </system.web>
                </configuration>
                """
                        .formatted(TAGS, SEEN));
        assertThat(problems(site))
                .anySatisfy(p -> assertThat(p)
                        .contains("web.config:4")
                        .contains("<system.web><httpHandlers> has entries, which integrated mode does not read")
                        .contains("500.23"))
                .anySatisfy(p -> assertThat(p)
                        .contains("web.config:7")
                        .contains("<httpModules>")
                        .contains("500.22")
                        .contains("validateIntegratedModeConfiguration=\"false\""));
        file(
                "web.config",
                Files.readString(site.resolve("web.config"))
                        .replace(
                                "</system.web>",
                                "</system.web>\n  <system.webServer><validation"
                                        + " validateIntegratedModeConfiguration=\"false\"/></system.webServer>"));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/news.rss").send().status()).isEqualTo(404); // <httpHandlers> not read
            assertThat(host.get("/x.txt").send().header("X-Seen-By")).isNull(); // nor <httpModules>
            assertThat(host.runtime().configurationWarnings())
                    .anyMatch(w -> w.contains("<system.web><httpModules> is not read in integrated mode"));
        }
        try (TestHost host = start(PipelineMode.CLASSIC)) {
            assertThat(host.get("/news.rss").send().text()).isEqualTo("Feed");
        }
    }

    @Test
    void aManagedHandlerModuleSkipsRequestsForNativeHandlersUnlessAllModulesRunForAll() throws Exception {
        String config =
                """
                <configuration>
                  <conduit pipelineMode="Integrated"/>
                  <system.web>
                    <authorization><deny users="?"/></authorization>
                  </system.web>
                  <system.webServer>
                    <modules%s>
                      <add name="Managed" type="%sManaged" preCondition="managedHandler"/>
                      <add name="Always" type="%sAlways"/>
                    </modules>
                    <handlers>
                      <add name="Feed" path="*.rss" verb="GET" type="%sFeed"/>
                    </handlers>
                  </system.webServer>
                </configuration>
                """;
        file("web.config", config.formatted("", SEEN, SEEN, TAGS));
        file("hello.txt", "hello");
        try (TestHost host = TestHost.start(site)) {
            TestResponse stat = host.get("/hello.txt").send();
            // The trap integrated mode sets: URL authorization is a managedHandler module, so the file is served.
            assertThat(stat.status()).isEqualTo(200);
            assertThat(stat.headers().getAll("X-Seen-By")).containsExactly("Always");
            TestResponse feed = host.get("/news.rss").send();
            assertThat(feed.status()).isEqualTo(401);
            assertThat(feed.headers().getAll("X-Seen-By")).containsExactly("Managed", "Always");
            assertThat(host.runtime().configurationWarnings())
                    .anyMatch(w ->
                            w.contains("web.config:4") && w.contains("do not protect static files in integrated mode"));
        }
        file("web.config", config.formatted(" runAllManagedModulesForAllRequests=\"true\"", SEEN, SEEN, TAGS));
        try (TestHost host = TestHost.start(site)) {
            TestResponse stat = host.get("/hello.txt").send();
            assertThat(stat.status()).isEqualTo(401);
            assertThat(stat.headers().getAll("X-Seen-By")).containsExactly("Managed", "Always");
            assertThat(host.runtime().configurationWarnings())
                    .noneMatch(w -> w.contains("do not protect static files"));
        }
    }

    @Test
    void theApplicationsOwnHandlersAreManagedHandlerOnesToo() throws Exception {
        integrated(
                """
                    <handlers>
                      <add name="Feed" path="*.rss" verb="GET" type="%sFeed"/>
                    </handlers>
                """
                        .formatted(TAGS));
        file("Global.asax", "<%@ Application Language=\"Java\" Inherits=\"" + SEEN + "Global\" %>\n");
        file("hello.txt", "hello");
        file("index.html", "home");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/hello.txt").send().header("X-Seen-By")).isNull();
            assertThat(host.get("/news.rss").send().header("X-Seen-By")).isEqualTo("Global");
            assertThat(host.get("/").send().header("X-Seen-By"))
                    .as("a folder: its default document is mapped later, so the modules run")
                    .isEqualTo("Global");
        }
        try (TestHost host = start(PipelineMode.CLASSIC)) {
            assertThat(host.get("/hello.txt").send().header("X-Seen-By")).isEqualTo("Global");
        }
    }

    @Test
    void clearDropsEveryInheritedEntryIncludingTheStockOnes() throws Exception {
        integrated(
                """
                    <handlers>
                      <clear/>
                      <add name="Feed" path="*.rss" verb="GET" type="%sFeed"/>
                    </handlers>
                """
                        .formatted(TAGS));
        file("hello.txt", "hello");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/news.rss").send().text()).isEqualTo("Feed");
            TestResponse unmapped = host.get("/hello.txt").send();
            assertThat(unmapped.status()).isEqualTo(404);
        }
        try (SiteInspector loaded = SiteInspector.load(site)) {
            assertThat(loaded.routes("/")).filteredOn(l -> l.contains("  1  ")).hasSize(1);
            assertThat(loaded.routes("/")).noneMatch(l -> l.contains("StaticFile"));
            assertThat(loaded.explain("GET", "/hello.txt")).last().asString().contains("404: no handler maps");
        }
    }

    @Test
    void modulesAreRemovedByNameAndANameAddedTwiceIsAnError() throws Exception {
        integrated(
                """
                    <modules>
                      <remove name="UrlAuthorization"/>
                      <remove name="WebDAVModule"/>
                      <add name="UrlAuthorization" type="System.Web.Security.UrlAuthorizationModule"/>
                      <add name="Always" type="%sAlways"/>
                    </modules>
                """
                        .formatted(SEEN));
        file("hello.txt", "hello");
        file(
                "private/web.config",
                """
                <configuration><system.web><authorization><deny users="?"/></authorization></system.web></configuration>
                """);
        file("private/doc.txt", "doc");
        try (TestHost host = TestHost.start(site)) {
            // UrlAuthorization added again without the precondition protects static files too.
            assertThat(host.get("/private/doc.txt").send().status()).isEqualTo(401);
            assertThat(host.get("/hello.txt").send().header("X-Seen-By")).isEqualTo("Always");
            assertThat(host.runtime().configurationWarnings()).noneMatch(w -> w.contains("do not protect"));
        }
        integrated(
                """
                    <modules>
                      <add name="Session" type="%sAlways"/>
                    </modules>
                """
                        .formatted(SEEN));
        assertThat(problems(site))
                .singleElement()
                .asString()
                .contains("web.config:5")
                .contains("the module 'Session' has already been added");
    }

    @Test
    void theModeIsCheckedAndBelongsToTheSiteRoot() throws Exception {
        file("web.config", "<configuration><conduit pipelineMode=\"Integrateded\"/></configuration>");
        assertThat(problems(site))
                .singleElement()
                .asString()
                .contains("pipelineMode must be Classic or Integrated: 'Integrateded'");
        file("web.config", "<configuration/>");
        file("sub/web.config", "<configuration><conduit pipelineMode=\"Integrated\"/></configuration>");
        assertThat(problems(site)).singleElement().asString().contains("<conduit> applies to the whole application");
    }
}
