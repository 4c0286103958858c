package dev.conduit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop-in .ashx handlers with inline Java source: compiled on first request, again when changed (spec §4). */
class AshxCompilationTest {
    @TempDir
    Path site;

    private static String handler(String greeting) {
        return """
                <%@ WebHandler Language="Java" Class="demo.Greeter" %>
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

    private void write(String name, String text) throws Exception {
        Path f = site.resolve(name);
        Files.writeString(f, text);
        // A later modification time than any earlier version, whatever the file system's granularity.
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(Files.exists(f) ? 5 : 0)));
    }

    @Test
    void inlineSourceIsCompiledOnFirstRequestAndRecompiledWhenChanged() throws Exception {
        write("hello.ashx", handler("hello"));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("hello!");
            assertThat(host.runtime().compilationCount()).isEqualTo(1);

            Path f = site.resolve("hello.ashx");
            Files.writeString(f, handler("goodbye"));
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
            assertThat(host.get("/hello.ashx").send().text()).isEqualTo("goodbye!");
            assertThat(host.runtime().compilationCount()).isEqualTo(2);
        }
    }

    @Test
    void concurrentFirstRequestsCompileOnce() throws Exception {
        write("busy.ashx", handler("busy"));
        try (TestHost host = TestHost.start(site)) {
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
        write("cached.ashx", handler("cached"));
        try (TestHost first = TestHost.start(site)) {
            assertThat(first.get("/cached.ashx").send().text()).isEqualTo("cached!");
            assertThat(first.runtime().compilationCount()).isEqualTo(1);
        }
        try (TestHost second = TestHost.start(site)) {
            assertThat(second.get("/cached.ashx").send().text()).isEqualTo("cached!");
            assertThat(second.runtime().compilationCount()).isZero();
        }
    }

    @Test
    void aCompileErrorNamesTheFileLineAndColumnToLocalRequestsOnly() throws Exception {
        write(
                "broken.ashx",
                """
                <%@ WebHandler Class="demo.Broken" %>
                package demo;

                public class Broken implements dev.conduit.HttpHandler {
                    public void processRequest(dev.conduit.HttpContext context) {
                        context.response().write(undefinedVariable);
                    }
                }
                """);
        try (TestHost host = TestHost.start(site)) {
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
        write(
                "count.ashx",
                """
                <%@ WebHandler Class="demo.Count" %>
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
        write("nodirective.ashx", "public class X {}");
        write("wrongclass.ashx", "<%@ WebHandler Class=\"demo.Missing\" %>\npackage demo; public class Other {}");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/count.ashx").send().text()).isEqualTo("1");
            assertThat(host.get("/count.ashx").send().text()).isEqualTo("2");
            assertThat(host.get("/nodirective.ashx").send().text())
                    .contains("does not have a &lt;%@ WebHandler %&gt; directive");
            assertThat(host.get("/wrongclass.ashx").send().text())
                    .contains("the class &#39;demo.Missing&#39; named by the directive was not found");
        }
    }
}
