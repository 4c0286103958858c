package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.BurstHandler;
import dev.conduit.testing.fixtures.DemoGlobal;
import dev.conduit.testing.fixtures.RecordingModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application class, its instances and modules, and application state. */
class ApplicationTest {
    @TempDir
    Path site;

    private static final String CONFIG =
            """
            <configuration>
              <system.web>
                <httpModules>
                  <add name="Recorder" type="dev.conduit.testing.fixtures.RecordingModule"/>
                </httpModules>
                <httpHandlers>
                  <add verb="*" path="*.state" type="dev.conduit.testing.fixtures.StateHandler"/>
                </httpHandlers>
              </system.web>
            </configuration>
            """;

    @BeforeEach
    void resetCounters() {
        DemoGlobal.STARTS.set(0);
        DemoGlobal.ENDS.set(0);
    }

    @Test
    void globalAsaxNamesTheApplicationClassWhoseStartAndEndRunOnce() throws Exception {
        SiteBuilder.in(site)
                .webConfig(CONFIG)
                .file(
                        "Global.asax",
                        "<%@ Application Language=\"Java\" Inherits=\"dev.conduit.testing.fixtures.DemoGlobal\" %>\n");
        try (TestHost host = TestHost.start(site)) {
            assertThat(DemoGlobal.STARTS).hasValue(1);
            for (int i = 0; i < 3; i++) {
                host.get("/a.state?id=g" + i).send();
            }
            TestResponse r = host.get("/a.state?id=last").send();
            assertThat(r.text()).isEqualTo("hits=4 started=yes app=DemoGlobal");
            assertThat(DemoGlobal.ENDS).hasValue(0);
        }
        assertThat(DemoGlobal.STARTS).hasValue(1);
        assertThat(DemoGlobal.ENDS).hasValue(1);
    }

    @Test
    void applicationSubscriptionsRunAfterTheModulesForTheSameEvent() throws Exception {
        SiteBuilder.in(site).webConfig(CONFIG).globalAsax(DemoGlobal.class);
        try (TestHost host = TestHost.start(site)) {
            host.get("/a.state?id=order").send();
            List<String> log = RecordingModule.LOGS.remove("order");
            assertThat(log.subList(0, 2)).containsExactly("BEGIN_REQUEST", "GLOBAL_BEGIN_REQUEST");
        }
    }

    @Test
    void concurrentRequestsUseSeparateInstancesEachWithItsOwnModules() throws Exception {
        SiteBuilder.in(site).webConfig(CONFIG);
        try (TestHost host = TestHost.start(site)) {
            List<CompletableFuture<TestResponse>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(host.get("/a.state?id=c" + i + "&module=recorder").sendAsync());
            }
            for (CompletableFuture<TestResponse> f : all) {
                assertThat(f.join().text()).endsWith("app=HttpApplication module=true");
            }
        }
    }

    @Test
    void aBurstOfConcurrentRequestsLeavesItsInstancesForTheNextBurst() throws Exception {
        // 400 requests at once (four HTTP/2 connections of 100 streams make as many; here on the in-memory host): each
        // holds an application instance and a handler of its own.
        SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web>
                            <httpModules>
                              <add name="Counting" type="dev.conduit.testing.fixtures.BurstHandler$CountingModule"/>
                            </httpModules>
                            <httpHandlers>
                              <add verb="*" path="*.burst" type="dev.conduit.testing.fixtures.BurstHandler"/>
                            </httpHandlers>
                          </system.web>
                        </configuration>
                        """);
        try (TestHost host = TestHost.start(site)) {
            int burst = 400;
            for (int round = 0; round < 2; round++) {
                BurstHandler.expectBurst(burst);
                List<CompletableFuture<TestResponse>> all = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    all.add(host.get("/a.burst").sendAsync());
                }
                for (CompletableFuture<TestResponse> f : all) {
                    assertThat(f.join().text()).isEqualTo("ok");
                }
                if (round == 0) {
                    BurstHandler.INSTANCES.set(0);
                    BurstHandler.CLOSED.set(0);
                    BurstHandler.HANDLERS.set(0);
                }
            }
            // The second burst found every instance of the first idle, application and (reusable) handler: none was
            // closed or dropped and made again.
            assertThat(BurstHandler.INSTANCES).hasValue(0);
            assertThat(BurstHandler.CLOSED).hasValue(0);
            assertThat(BurstHandler.HANDLERS).hasValue(0);
        }
    }

    @Test
    void anApplicationLockForgottenByARequestIsReleasedWhenItEnds() throws Exception {
        SiteBuilder.in(site).webConfig(CONFIG).globalAsax(DemoGlobal.class);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/a.state?id=l1&lock=forget").send().status()).isEqualTo(200);
            // The next request locks application state in BeginRequest: it would wait forever on a leaked lock.
            assertThat(host.get("/a.state?id=l2").send().text()).startsWith("hits=2");
        }
    }

    @Test
    void globalAsaxProblemsStopTheSite() throws Exception {
        SiteBuilder.in(site).globalAsax("java.lang.String");
        assertThatThrownBy(() -> TestHost.start(site))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "Global.asax:1: 'java.lang.String' must be a concrete subclass of dev.conduit.HttpApplication");
        SiteBuilder.in(site).file("Global.asax", "<%@ Application Inherits=\"x.Y\" %><script>code</script>");
        assertThatThrownBy(() -> TestHost.start(site))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must hold exactly one");
    }

    @Test
    void moduleRulesFollowSystemWeb() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpModules>
                      <add name="Recorder" type="dev.conduit.testing.fixtures.RecordingModule"/>
                      <add name="recorder" type="dev.conduit.testing.fixtures.RecordingModule"/>
                      <add name="Recorder" type="dev.conduit.testing.fixtures.StateHandler"/>
                      <remove name="Nothing"/>
                      <remove name="DefaultAuthentication"/>
                      <add name="Other" type="dev.conduit.testing.fixtures.StateHandler"/>
                    </httpModules>
                """)
                .webConfig(
                        "sub",
                        """
                <configuration><system.web><httpModules><clear/></httpModules></system.web></configuration>
                """);
        assertThatThrownBy(() -> TestHost.start(site))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e -> assertThat(((ConfigurationException) e).problems())
                                .extracting(p -> p.line() + ": " + p.message())
                                .containsExactly(
                                        "6: the module 'Recorder' has already been added (at "
                                                + site.toRealPath().resolve("web.config")
                                                + ":4); <remove> it first to replace it",
                                        "7: there is no module named 'Nothing' to remove",
                                        "8: DefaultAuthentication is always present and cannot be removed",
                                        "9: 'dev.conduit.testing.fixtures.StateHandler' does not implement dev.conduit.HttpModule"));
    }

    @Test
    void subFolderModulesHaveNoEffectAndAreReported() throws Exception {
        SiteBuilder.in(site)
                .webConfig(CONFIG)
                .webConfig(
                        "sub",
                        """
                <configuration><system.web><httpModules><clear/></httpModules></system.web></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.runtime().configurationWarnings())
                    .anyMatch(w ->
                            w.contains("sub/web.config:1: warning: <httpModules> has no effect below the site root"));
            assertThat(host.get("/sub/a.state?id=s&module=recorder").send().text())
                    .endsWith("module=true");
        }
    }
}
