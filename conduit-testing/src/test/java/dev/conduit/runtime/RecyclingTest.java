package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.ConfigurationException;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** App_Code compiled at start, and the application recycled when App_Code, bin or a web.config changes. */
class RecyclingTest {
    @TempDir
    Path site;

    @BeforeEach
    void setUp() throws Exception {
        Gate.reset();
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="*" path="version.x" type="app.VersionHandler"/>
                    </httpHandlers>
                """)
                .file(
                        "App_Code/app/VersionHandler.java",
                        """
                package app;

                import dev.conduit.HttpContext;
                import dev.conduit.HttpHandler;

                public class VersionHandler implements HttpHandler {
                    @Override
                    public void processRequest(HttpContext context) throws Exception {
                        if ("1".equals(context.request().queryString().getFirst("slow"))) {
                            Class.forName("dev.conduit.testing.fixtures.Gate").getMethod("await").invoke(null);
                        }
                        context.response().write(Version.NAME + " " + getClass().getClassLoader().getName());
                    }
                }
                """);
        version("v1");
        SiteBuilder.in(site)
                .file(
                        "App_Code/app/Global.java",
                        """
                package app;

                public class Global extends dev.conduit.HttpApplication {
                    @Override
                    public void applicationEnd() {
                        try {
                            Class.forName("dev.conduit.testing.fixtures.Gate").getMethod("applicationEnded").invoke(null);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """)
                .globalAsax("app.Global");
    }

    private void version(String name) throws Exception {
        SiteBuilder.in(site)
                .file(
                        "App_Code/app/Version.java",
                        """
                package app;

                public final class Version {
                    public static final String NAME = "NAME_HERE";
                }
                """
                                .replace("NAME_HERE", name));
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void appCodeClassesServeAndAChangeRecyclesWhileInFlightRequestsFinishOnTheOldLoader() throws Exception {
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/version.x").send().text()).startsWith("v1 ");
            CompletableFuture<TestResponse> slow = host.get("/version.x?slow=1").sendAsync();
            assertThat(Gate.entered.await(20, TimeUnit.SECONDS)).isTrue();

            version("v2");
            eventually(() -> host.runtime().recycleCount() == 1, "the application recycled");

            // New requests run on the new application at once; the old one is still serving the slow request.
            assertThat(host.get("/version.x").send().text()).startsWith("v2 ");
            assertThat(slow).isNotDone();
            assertThat(Gate.APPLICATION_ENDS).hasValue(0);

            Gate.open.countDown();
            TestResponse finished = slow.get(20, TimeUnit.SECONDS);
            assertThat(finished.status()).isEqualTo(200);
            assertThat(finished.text()).startsWith("v1 ");
            eventually(() -> Gate.APPLICATION_ENDS.get() == 1, "the old application ended");
        }
    }

    @Test
    void aBrokenChangeLeavesTheLastGoodApplicationServing() throws Exception {
        try (TestHost host = TestHost.start(site)) {
            SiteBuilder.in(site)
                    .file(
                            "App_Code/app/Version.java",
                            """
                    package app;

                    public final class Version {
                        public static final String NAME = missing;
                    }
                    """);
            eventually(() -> !host.runtime().lastRecycleProblems().isEmpty(), "the failed recycle was reported");
            assertThat(host.runtime().lastRecycleProblems()).anySatisfy(p -> {
                assertThat(p.file()).hasFileName("Version.java");
                assertThat(p.line()).isEqualTo(4);
                assertThat(p.message()).contains("cannot find symbol");
            });
            assertThat(host.runtime().recycleCount()).isZero();
            assertThat(host.get("/version.x").send().text()).startsWith("v1 ");
        }
    }

    @Test
    void aWebConfigChangeRecyclesTooAndNewMappingsApply() throws Exception {
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/other.y").send().status()).isEqualTo(404);
            SiteBuilder.in(site)
                    .systemWeb(
                            """
                        <httpHandlers>
                          <add verb="*" path="*.y" type="app.VersionHandler"/>
                        </httpHandlers>
                    """);
            eventually(() -> host.runtime().recycleCount() == 1, "the application recycled");
            assertThat(host.get("/other.y").send().text()).startsWith("v1 ");
        }
    }

    @Test
    void appCodeCompileErrorsStopTheStartWithFileAndLine() throws Exception {
        SiteBuilder.in(site).file("App_Code/app/Broken.java", "package app;\n\nclass Broken { int x = ; }\n");
        assertThatThrownBy(() -> TestHost.start(site))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(
                        e -> assertThat(((ConfigurationException) e).problems()).anySatisfy(p -> {
                            assertThat(p.file()).hasFileName("Broken.java");
                            assertThat(p.line()).isEqualTo(3);
                        }));
    }
}
