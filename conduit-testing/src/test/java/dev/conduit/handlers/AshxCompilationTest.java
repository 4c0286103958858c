package dev.conduit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LoaderTracker;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-in .ashx handlers with inline Java source: compiled on first request, again when changed (spec §4). */
class AshxCompilationTest {
    @TempDir
    Path root;

    private SiteBuilder site;

    @BeforeEach
    void site() {
        site = SiteBuilder.in(root);
    }

    /** The source of {@code demo.Greeter}, which answers {@code greeting!}. */
    private static String greeter(String greeting) {
        return """
                package demo;

                import dev.conduit.HttpContext;
                import dev.conduit.HttpHandler;

                public class Greeter implements HttpHandler {
                    @Override
                    public void processRequest(HttpContext context) {
                        context.response().setContentType("text/plain");
                        context.response().write(Helper.shout("GREETING"));
                    }
                }

                class Helper {
                    static String shout(String s) {
                        return s + "!";
                    }
                }
                """
                .replace("GREETING", greeting);
    }

    @Test
    void inlineSourceIsCompiledOnFirstRequestAndRecompiledOnceTheChangeIsReported() throws Exception {
        site.ashx("hello.ashx", "demo.Greeter", greeter("hello"));
        try (TestHost host = site.start()) {
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");
            assertThat(host.runtime().compilationCount()).isEqualTo(1);

            site.ashx("hello.ashx", "demo.Greeter", greeter("goodbye"));
            // The site watcher reports the change within moments; until then the compiled class is trusted.
            String text = "";
            for (long end = System.nanoTime() + 10_000_000_000L;
                    System.nanoTime() < end && !text.equals("goodbye!");
                    Thread.sleep(10)) {
                text = host.get("/hello.ashx").send().text();
            }
            assertThat(text).isEqualTo("goodbye!");
            assertThat(host.runtime().compilationCount()).isEqualTo(2);
        }
    }

    @Test
    void withoutTheWatcherTheVeryNextRequestSeesAChange() throws Exception {
        site.ashx("hello.ashx", "demo.Greeter", greeter("hello"));
        try (TestHost host = site.start(o -> o.withWatchForChanges(false))) {
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");

            // A later modification time than the first version's, whatever the file system's granularity.
            site.ashx("hello.ashx", "demo.Greeter", greeter("goodbye"))
                    .lastModified("hello.ashx", Instant.now().plusSeconds(10));
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("goodbye!");
            assertThat(host.runtime().compilationCount()).isEqualTo(2);
        }
    }

    @Test
    void oldClassesAndLoadersAreCollectedAfterTwoHundredEdits() throws Exception {
        LoaderTracker.reset();
        try (TestHost host = site.start(o -> o.withWatchForChanges(false))) {
            for (int i = 0; i < 200; i++) {
                site.ashx(
                                "edited.ashx",
                                "demo.Edited",
                                """
                                package demo;
                                public class Edited implements dev.conduit.HttpHandler {
                                    public void processRequest(dev.conduit.HttpContext c) throws Exception {
                                        Class.forName("dev.conduit.testing.LoaderTracker")
                                                .getMethod("track", Object.class).invoke(null, this);
                                        c.response().write("version VERSION");
                                    }
                                    public boolean isReusable() { return true; }
                                }
                                """
                                        .replace("VERSION", Integer.toString(i)))
                        .lastModified("edited.ashx", Instant.now().plusSeconds(10 + i));
                assertThat(host.get("/edited.ashx").send().text()).isEqualTo("version " + i);
            }
            assertThat(LoaderTracker.recorded()).isEqualTo(200);
            // The current class's loader stays (its pooled handler); the 199 before it are collected.
            assertThat(LoaderTracker.live()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void concurrentFirstRequestsCompileOnce() throws Exception {
        site.ashx("busy.ashx", "demo.Greeter", greeter("busy"));
        try (TestHost host = site.start()) {
            List<CompletableFuture<TestResponse>> all = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 32; i++) {
                all.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return host.get("/busy.ashx").send();
                        },
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            go.countDown();
            for (CompletableFuture<TestResponse> f : all) {
                assertThat(f.get(60, TimeUnit.SECONDS).text()).isEqualTo("busy!");
            }
            assertThat(host.runtime().compilationCount()).isEqualTo(1);
        }
    }

    @Test
    void aRestartUsesTheDiskCache() throws Exception {
        site.ashx("cached.ashx", "demo.Greeter", greeter("cached"));
        try (TestHost first = site.start()) {
            assertThat(first.get("/cached.ashx").send().text()).isEqualTo("cached!");
            assertThat(first.runtime().compilationCount()).isEqualTo(1);
        }
        try (TestHost second = site.start()) {
            assertThat(second.get("/cached.ashx").send().text()).isEqualTo("cached!");
            assertThat(second.runtime().compilationCount()).isZero();
        }
    }

    @Test
    void aCompileErrorNamesTheFileLineAndColumnToLocalRequestsOnly() throws Exception {
        site.ashx(
                "broken.ashx",
                "demo.Broken",
                """
                package demo;

                public class Broken implements dev.conduit.HttpHandler {
                    public void processRequest(dev.conduit.HttpContext context) {
                        context.response().write(undefinedVariable);
                    }
                }
                """);
        try (TestHost host = site.start()) {
            TestResponse local = host.get("/broken.ashx").send();
            assertThat(local.status()).isEqualTo(500);
            assertThat(local.text())
                    .contains("/broken.ashx:6:")
                    .contains("cannot find symbol")
                    .contains("&gt;    6:         context.response().write(undefinedVariable);");
            TestResponse remote = host.get("/broken.ashx").from("203.0.113.9").send();
            assertThat(remote.status()).isEqualTo(500);
            assertThat(remote.text()).doesNotContain("undefinedVariable").doesNotContain("broken.ashx:6");
        }
    }

    @Test
    void reusableCompiledHandlersArePooledAndTheDirectiveIsChecked() throws Exception {
        site.ashx(
                "count.ashx",
                "demo.Count",
                """
                package demo;

                public class Count implements dev.conduit.HttpHandler {
                    private int served;

                    public void processRequest(dev.conduit.HttpContext context) {
                        context.response().write(String.valueOf(++served));
                    }

                    public boolean isReusable() {
                        return true;
                    }
                }
                """);
        site.file("nodirective.ashx", "public class X {}")
                .ashx("wrongclass.ashx", "demo.Missing", "package demo; public class Other {}");
        try (TestHost host = site.start()) {
            assertThat(host.get("/count.ashx").send().text()).isEqualTo("1");
            assertThat(host.get("/count.ashx").send().text()).isEqualTo("2");
            assertThat(host.get("/nodirective.ashx").send().text())
                    .contains("does not have a &lt;%@ WebHandler %&gt; directive");
            assertThat(host.get("/wrongclass.ashx").send().text())
                    .contains("the class &#39;demo.Missing&#39; named by the directive was not found");
        }
    }
}
