package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.SlowAsyncHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline core: buffering, HEAD, ending, errors, async handlers, limits, request parsing. */
class PipelineTest {
    @TempDir
    Path site;

    private TestHost host;

    @BeforeEach
    void start() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpRuntime maxRequestLength="1" maxUrlLength="100" maxQueryStringLength="50"/>
                    <httpHandlers>
                      <add verb="*" path="s.x" type="dev.conduit.testing.fixtures.ScenarioHandler"/>
                      <add verb="*" path="async.x" type="dev.conduit.testing.fixtures.SlowAsyncHandler"/>
                      <add verb="*" path="later.x" type="dev.conduit.testing.fixtures.ScenarioHandler"/>
                    </httpHandlers>
                """)
                .file("s.x", "a real file, so that /s.x/more is path info")
                .systemWeb("slow", "<httpRuntime executionTimeout=\"1\"/>");
        host = TestHost.start(RuntimeOptions.of(site).withResponseBufferLimit(128 * 1024));
        SlowAsyncHandler.PENDING.clear();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private TestResponse run(String scenario) {
        return host.get("/s.x?do=" + scenario).send();
    }

    @Test
    void bufferedResponseCarriesTheExactLength() {
        TestResponse r = host.get("/s.x?do=hello&name=Ada").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("hello Ada");
        assertThat(r.contentLength()).isEqualTo(9);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void statusAndHeadersCanChangeAfterBufferedWrites() {
        TestResponse r = run("status-after-write");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("X-Late")).isEqualTo("yes");
        assertThat(r.text()).isEqualTo("body first");
    }

    @Test
    void headSendsTheSameHeadersAndNoBody() {
        TestResponse get = host.get("/s.x?do=hello&name=Bob").send();
        TestResponse head = host.head("/s.x?do=hello&name=Bob").send();
        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.headers()).isEqualTo(get.headers());
        assertThat(head.contentLength()).isEqualTo(get.contentLength()).isEqualTo(9);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void endStopsTheHandlerWithoutAnError() {
        TestResponse r = run("end");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("before end");
    }

    @Test
    void endIsNotSwallowedByCatchException() {
        assertThat(run("end-swallowed").text()).isEqualTo("kept");
    }

    @Test
    void completeRequestKeepsTheOutput() {
        TestResponse r = run("complete");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("completed");
    }

    @Test
    void redirectSends302WithEncodedLocationAndEnds() {
        TestResponse r = run("redirect");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/target%20page?x=1");
        assertThat(r.text()).contains("Object moved").contains("href=\"/target%20page?x=1\"");
    }

    @Test
    void httpExceptionBecomesItsStatusWithEncodedMessage() {
        TestResponse r = host.get("/s.x?do=throw-http").from("203.0.113.9").send();
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).contains("conflict &lt;b&gt;here&lt;/b&gt;").doesNotContain("<b>here");
    }

    @Test
    void otherExceptionsAre500WithDetailsOnlyForLocalRequests() {
        TestResponse remote = host.get("/s.x?do=throw").from("203.0.113.9").send();
        assertThat(remote.status()).isEqualTo(500);
        assertThat(remote.text())
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.conduit");
        TestResponse local = run("throw");
        assertThat(local.status()).isEqualTo(500);
        assertThat(local.text()).contains("IllegalStateException").contains("secret internal detail");
    }

    @Test
    void flushFreezesHeadersAndStreams() {
        TestResponse r = run("flush-then-header");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.text()).isEqualTo("part headers frozen");
    }

    @Test
    void bodyPastTheBufferLimitStreams() {
        TestResponse r = run("big");
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.body()).hasSize(8 * 64 * 1024);
        assertThat(r.aborted()).isFalse();
    }

    @Test
    void unbufferedOutputStreamsAtOnce() {
        TestResponse r = run("unbuffered");
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.text()).isEqualTo("ab");
    }

    @Test
    void declaredLengthNotMetAbortsTheExchange() {
        TestResponse r = run("short-length");
        assertThat(r.contentLength()).isEqualTo(100);
        assertThat(r.aborted()).isTrue();
    }

    @Test
    void errorAfterHeadersWereSentAbortsRatherThanCorrupting() {
        TestResponse r = run("throw-after-flush");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.aborted()).isTrue();
        assertThat(r.text()).isEqualTo("partial");
    }

    @Test
    void pathInfoFollowsAnExistingFile() {
        TestResponse r = host.get("/s.x/more/info?do=paths").send();
        assertThat(r.text()).isEqualTo("/s.x/more/info|/s.x|/more/info|~/s.x|/s.x/more/info?do=paths");
    }

    @Test
    void theSameTargetIsSplitAgainOnceTheFileItNamesAppears() throws Exception {
        // An application instance keeps its last request's parsed target, but not a split that asked the disk.
        for (int i = 0; i < 3; i++) {
            assertThat(host.get("/later.x/more?do=paths").send().status()).isEqualTo(404);
        }
        SiteBuilder.in(site).file("later.x", "now a real file");
        for (int i = 0; i < 3; i++) {
            assertThat(host.get("/later.x/more?do=paths").send().text())
                    .isEqualTo("/later.x/more|/later.x|/more|~/later.x|/later.x/more?do=paths");
        }
    }

    @Test
    void aFileFollowedByASlashIsStillThatFileForMapping() throws Exception {
        SiteBuilder.in(site).file("secret.config", "connection=password");
        TestResponse r = host.get("/secret.config/").send();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).doesNotContain("password");
        assertThat(host.get("/s.x/?do=paths").send().text()).startsWith("/s.x/|/s.x|/|");
    }

    @Test
    void aLinkIntoAProtectedFolderIsNotServed() throws Exception {
        SiteBuilder.in(site).file("App_Data/db.txt", "private rows");
        Files.createSymbolicLink(site.resolve("data.txt"), site.resolve("App_Data/db.txt"));
        TestResponse r = host.get("/data.txt").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("private rows");
    }

    @Test
    void formQueryAndIndexerAreParsed() {
        TestResponse r = host.post("/s.x?do=echo-form&m=1&m=2")
                .body("application/x-www-form-urlencoded", "a=%C3%A9t%C3%A9&b=two+words")
                .send();
        assertThat(r.text()).isEqualTo("\u00e9t\u00e9|two words|1,2");
    }

    @Test
    void cookiesAreReadAndSetWithSafeDefaults() {
        TestResponse r =
                host.get("/s.x?do=cookies").header("Cookie", "a=1; theme=dark").send();
        assertThat(r.text()).isEqualTo("dark");
        assertThat(r.header("Set-Cookie")).isEqualTo("sid=abc; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void remoteAndLocalClientsAreTold() {
        assertThat(host.get("/s.x?do=local").send().text()).isEqualTo("true 127.0.0.1");
        assertThat(host.get("/s.x?do=local").from("203.0.113.9").send().text()).isEqualTo("false 203.0.113.9");
    }

    @Test
    void charsetFromContentTypeEncodesText() {
        TestResponse r = run("charset");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=iso-8859-1");
        assertThat(r.body()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void declaredBodyOverMaxRequestLengthIs413BeforeTheHandler() {
        TestResponse r = host.post("/s.x?do=body-length").body(new byte[2048]).send();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text()).contains("Maximum request length exceeded.");
    }

    @Test
    void bodyWithinTheLimitIsRead() {
        assertThat(host.post("/s.x?do=body-length").body(new byte[1000]).send().text())
                .isEqualTo("1000");
    }

    @Test
    void overlongPathAndQueryAre414() {
        assertThat(host.get("/" + "a".repeat(120) + ".x").send().status()).isEqualTo(414);
        assertThat(host.get("/s.x?do=hello&q=" + "b".repeat(60)).send().status())
                .isEqualTo(414);
    }

    @Test
    void syncHandlerPastExecutionTimeoutIs503AndInterrupted() throws Exception {
        long start = System.nanoTime();
        TestResponse r = host.get("/slow/s.x?do=sleep").send();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).contains("Request timed out.").doesNotContain("interrupted");
        assertThat(tookMs).isLessThan(30_000);
    }

    @Test
    void runsAfterATimedOutOneAreTimedAfreshAndNotInterrupted() throws Exception {
        // The instance's timing slot is reused run after run: the scanner's decision about the run that timed out
        // must not land on the runs that follow it (each naps 0.4 s of its 1 s, across more than one scan).
        assertThat(host.get("/slow/s.x?do=sleep").send().status()).isEqualTo(503);
        for (int i = 0; i < 4; i++) {
            TestResponse r = host.get("/slow/s.x?do=sleep&ms=400").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("woke up normally");
        }
        assertThat(host.get("/slow/s.x?do=sleep").send().status()).isEqualTo(503);
    }

    @Test
    void asyncHandlerHoldsNoThreadWhilePendingAndResumesOnCompletion() throws Exception {
        List<CompletableFuture<TestResponse>> pending = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pending.add(host.get("/async.x").sendAsync());
        }
        // Every request reached the handler and is parked on its stage, none has an answer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (SlowAsyncHandler.PENDING.size() < 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(SlowAsyncHandler.PENDING).hasSize(200);
        assertThat(pending).noneMatch(CompletableFuture::isDone);
        long parkedInConduit = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                .count();
        assertThat(parkedInConduit).as("platform threads parked").isLessThan(50);
        assertThat(SlowAsyncHandler.completeAll()).isEqualTo(200);
        for (CompletableFuture<TestResponse> f : pending) {
            TestResponse r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).startsWith("completed later on");
        }
    }

    @Test
    void asyncHandlerFailuresAndEndBehaveAsSyncOnes() throws Exception {
        assertThat(host.get("/async.x?mode=now").send().text()).isEqualTo("completed synchronously");
        assertThat(host.get("/async.x?mode=throw").send().status()).isEqualTo(422);
        CompletableFuture<TestResponse> failing = host.get("/async.x?mode=fail").sendAsync();
        CompletableFuture<TestResponse> ending = host.get("/async.x?mode=end").sendAsync();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (SlowAsyncHandler.PENDING.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        SlowAsyncHandler.completeAll();
        assertThat(failing.get(30, TimeUnit.SECONDS).status()).isEqualTo(502);
        TestResponse ended = ending.get(30, TimeUnit.SECONDS);
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.text()).isEqualTo("ended async");
    }
}
