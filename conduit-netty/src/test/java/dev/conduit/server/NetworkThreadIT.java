package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.fixtures.CarrierHandler;
import dev.conduit.server.fixtures.MonitorHolderHandler;
import dev.conduit.testing.SiteBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where requests run (see {@code RequestExecution}): a request whose body has arrived starts on the connection's event
 * loop and stays there while its steps cannot block; it moves to a virtual thread before one that may; a pending stage
 * resumes it on the event loop. Observed by fixtures that report the thread they ran on.
 */
class NetworkThreadIT {
    @TempDir
    Path site;

    private Path write(String modules) {
        return SiteBuilder.in(site)
                .systemWeb(
                        """
                            <httpModules>%s</httpModules>
                            <httpHandlers>
                              <add verb="*" path="where.x" type="dev.conduit.server.fixtures.WhereHandler"/>
                              <add verb="*" path="sleep.x" type="dev.conduit.server.fixtures.SleepHandler"/>
                              <add verb="*" path="carrier.x" type="dev.conduit.server.fixtures.CarrierHandler"/>
                              <add verb="*" path="holder.x" type="dev.conduit.server.fixtures.MonitorHolderHandler"/>
                              <add verb="*" path="taker.x" type="dev.conduit.server.fixtures.MonitorTakerHandler"/>
                            </httpHandlers>
                        """
                                .formatted(modules))
                .root();
    }

    private static final String WHERE = "GET /where.x HTTP/1.1\r\nHost: h\r\n\r\n";

    @Test
    void anAsyncHandlerAndTheBuiltInModulesRunOnTheEventLoop() {
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            assertThat(c.send(WHERE).read().text()).isEqualTo("loop");
        }
    }

    @Test
    void aSynchronousHandlerRunsOnAVirtualThread() {
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            assertThat(c.send("GET /sleep.x?ms=1 HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("slept on virtual");
        }
    }

    @Test
    void aRequestWhoseBodyIsStillArrivingStartsOnAVirtualThread() {
        // The head is decoded before its body: a body read on the event loop would wait for that very thread.
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            RawResponse r = c.send("POST /where.x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello")
                    .read();
            assertThat(r.text()).isEqualTo("virtual");
        }
    }

    @Test
    void pipelinedRequestsAreAllServedOnTheEventLoopInOrder() {
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                batch.append("GET /where.x?n=").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
            }
            batch.append("GET /sleep.x?ms=1 HTTP/1.1\r\nHost: h\r\n\r\n");
            c.send(batch.toString());
            for (int i = 0; i < 16; i++) {
                assertThat(c.read().text()).as("response %d", i).isEqualTo("loop");
            }
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            // The moved request gives its application instance back just after its response is handed over, so the
            // next request may find the pool empty for a moment (then it starts on a virtual thread, where a new
            // instance may be made): the connection must come back to the loop within a few requests.
            List<String> after = new ArrayList<>();
            for (int i = 0; i < 5 && !after.contains("loop"); i++) {
                after.add(c.send(WHERE).read().text());
            }
            assertThat(after).as("requests after one that moved").contains("loop");
        }
    }

    @Test
    void aSiteSynchronousSubscriberMovesTheRequestToAVirtualThreadFirst() {
        try (RunningServer server = RunningServer.start(
                        write("<add name=\"where\" type=\"dev.conduit.server.fixtures.WhereModule$Blocking\"/>"));
                RawConnection c = server.connect()) {
            assertThat(c.send(WHERE).read().text()).isEqualTo("virtual,end:virtual");
        }
    }

    @Test
    void aPendingStageResumesTheRequestOnTheEventLoop() {
        try (RunningServer server = RunningServer.start(
                        write("<add name=\"where\" type=\"dev.conduit.server.fixtures.WhereModule\"/>"));
                RawConnection c = server.connect()) {
            assertThat(c.send(WHERE).read().text()).isEqualTo("loop,end:loop");
            // Completed 50 ms later by a timer thread: EndRequest still runs on the event loop, not on that thread.
            assertThat(c.send("GET /where.x?later=50 HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("loop,end:loop");
        }
    }

    private static String ashx(String answer) {
        return """
                <%@ WebHandler Language="Java" Class="t.Where" %>
                package t;

                public class Where implements dev.conduit.HttpAsyncHandler {
                    public java.util.concurrent.CompletionStage<Void> processRequestAsync(dev.conduit.HttpContext c) {
                        Thread t = Thread.currentThread();
                        String where = t.isVirtual() ? "virtual" : t.getName().contains("EventLoop") ? "loop" : t.getName();
                        c.response().write("ANSWER " + where);
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }

                    public boolean isReusable() {
                        return true;
                    }
                }
                """
                .replace("ANSWER", answer);
    }

    /** Polls {@code target} until its body starts with {@code prefix} (a change is reported within moments). */
    private static String awaitBody(RawConnection c, String target, String prefix) throws InterruptedException {
        String body = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
            body = c.send("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n")
                    .read()
                    .text();
            if (body.startsWith(prefix)) {
                return body;
            }
        }
        return body;
    }

    @Test
    void anAsyncAshxOnceCompiledIsMappedAndServedOnTheEventLoopAndRecompiledWhenItChanges() throws Exception {
        Path root = write("");
        SiteBuilder.in(root).file("where.ashx", ashx("v1"));
        try (RunningServer server = RunningServer.start(root);
                RawConnection c = server.connect()) {
            // The first request reads and compiles the file, on a thread that may block.
            assertThat(c.send("GET /where.ashx HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("v1 virtual");
            // Then the file's changes are reported by the site watcher: no file access per request, so the request
            // stays on the event loop as for a compiled async handler.
            assertThat(awaitBody(c, "/where.ashx", "v1 loop")).isEqualTo("v1 loop");

            SiteBuilder.in(root).file("where.ashx", ashx("v2"));
            assertThat(awaitBody(c, "/where.ashx", "v2")).isEqualTo("v2 virtual");
            assertThat(awaitBody(c, "/where.ashx", "v2 loop")).isEqualTo("v2 loop");

            // An edit that keeps the size and the modification time (cp -p, rsync -t): the content decides.
            var modified = java.nio.file.Files.getLastModifiedTime(root.resolve("where.ashx"));
            SiteBuilder.in(root).file("where.ashx", ashx("v3"));
            java.nio.file.Files.setLastModifiedTime(root.resolve("where.ashx"), modified);
            assertThat(awaitBody(c, "/where.ashx", "v3")).startsWith("v3 ");

            java.nio.file.Files.delete(root.resolve("where.ashx"));
            RawResponse gone = null;
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
                gone = c.send("GET /where.ashx HTTP/1.1\r\nHost: h\r\n\r\n").read();
                if (gone.status() == 404) {
                    break;
                }
            }
            assertThat(gone.status()).isEqualTo(404);
        }
    }

    @Test
    void aCachedStaticFileEditedInPlaceIsServedNewOnceTheChangeIsReported() throws Exception {
        Path root = write("");
        Path file = root.resolve("page.txt");
        java.nio.file.Files.writeString(file, "first");
        var modified = java.nio.file.Files.getLastModifiedTime(file);
        try (RunningServer server = RunningServer.start(root);
                RawConnection c = server.connect()) {
            assertThat(c.send("GET /page.txt HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("first");
            assertThat(c.send("GET /page.txt HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("first");
            // Same size, same modification time: only a change notification can tell (a stat could not).
            java.nio.file.Files.writeString(file, "again");
            java.nio.file.Files.setLastModifiedTime(file, modified);
            assertThat(awaitBody(c, "/page.txt", "again")).isEqualTo("again");
        }
    }

    @Test
    void aFolderSwappedInByRenameIsWatchedUnderItsNewName() throws Exception {
        Path root = write("");
        java.nio.file.Files.createDirectories(root.resolve("assets"));
        java.nio.file.Files.writeString(root.resolve("assets/a.txt"), "old");
        Path incoming = java.nio.file.Files.createDirectories(root.resolve("assets.new"));
        java.nio.file.Files.writeString(incoming.resolve("a.txt"), "one");
        try (RunningServer server = RunningServer.start(root);
                RawConnection c = server.connect()) {
            assertThat(get(c, "/assets/a.txt")).isEqualTo("old");
            // A deployment's swap: the old folder goes, the new one is renamed onto its name.
            java.nio.file.Files.delete(root.resolve("assets/a.txt"));
            java.nio.file.Files.delete(root.resolve("assets"));
            java.nio.file.Files.move(incoming, root.resolve("assets"));
            assertThat(awaitBody(c, "/assets/a.txt", "one")).isEqualTo("one");
            assertThat(get(c, "/assets/a.txt")).isEqualTo("one"); // cached now
            // Edited in place, same size and time: only a report under the folder's new name can tell.
            Path file = root.resolve("assets/a.txt");
            var modified = java.nio.file.Files.getLastModifiedTime(file);
            java.nio.file.Files.writeString(file, "two");
            java.nio.file.Files.setLastModifiedTime(file, modified);
            assertThat(awaitBody(c, "/assets/a.txt", "two")).isEqualTo("two");
        }
    }

    private static String get(RawConnection c, String target) {
        return c.send("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n").read().text();
    }

    /** The answers to {@code target}, asked up to {@code most} times until one is {@code wanted}. */
    private static List<String> getUntil(RawConnection c, String target, String wanted, int most) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < most && !seen.contains(wanted); i++) {
            seen.add(get(c, target));
        }
        return seen;
    }

    @Test
    void aSynchronousHandlerRunsOnAVirtualThreadCarriedByItsEventLoop() {
        assumeTrue(Runtime.version().feature() >= 24, "loop-carried virtual threads need JDK 24+");
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            // The first request may make the application instance, on the shared pool; then the event loop carries.
            assertThat(getUntil(c, "/carrier.x", "loop", 5)).contains("loop");
            assertThat(get(c, "/carrier.x")).isEqualTo("loop");
        }
    }

    @Test
    @Timeout(60)
    void handlersWaitingOnLoopCarriedThreadsLeaveEveryEventLoopFreeForOtherConnections() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "loop-carried virtual threads need JDK 24+");
        List<RawConnection> waiting = new ArrayList<>();
        // More waiting handlers than there are event loops: if waiting held a loop, every loop would be held.
        int count = 4 * Runtime.getRuntime().availableProcessors() + 2;
        try (RunningServer server = RunningServer.start(write(""))) {
            // First round: as many application instances as waiting requests come to exist (made on the pool, where
            // an instance may be made), so that in the second round every request starts on its own loop.
            for (int round = 0; round < 2; round++) {
                CarrierHandler.RELEASE = new java.util.concurrent.CountDownLatch(1);
                CarrierHandler.WAITING.drainPermits();
                for (int i = 0; i < count; i++) {
                    RawConnection c = server.connect();
                    waiting.add(c);
                    c.send("GET /carrier.x?wait=1 HTTP/1.1\r\nHost: h\r\n\r\n");
                }
                assertThat(CarrierHandler.WAITING.tryAcquire(count, 20, java.util.concurrent.TimeUnit.SECONDS))
                        .as("every waiting request reached its handler")
                        .isTrue();
                if (round == 1) {
                    break;
                }
                CarrierHandler.RELEASE.countDown();
                for (RawConnection c : waiting) {
                    c.read();
                    c.close();
                }
                waiting.clear();
            }
            for (int i = 0; i < 8; i++) {
                try (RawConnection c = server.connect()) {
                    // (Answered at all is the point: on its loop, or on the pool when every application instance
                    // is busy with a waiting request and a new one is made.)
                    assertThat(get(c, "/where.x")).as("connection %d", i).isIn("loop", "virtual");
                }
            }
            CarrierHandler.RELEASE.countDown();
            List<String> carriers = new ArrayList<>();
            for (RawConnection c : waiting) {
                carriers.add(c.read().text());
            }
            assertThat(carriers.stream().filter("loop"::equals).count())
                    .as("waiting on loop-carried threads: %s", carriers)
                    .isGreaterThanOrEqualTo(count / 2);
        } finally {
            CarrierHandler.RELEASE.countDown();
            waiting.forEach(RawConnection::close);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a stopped loop also stops the server's stop
    void aNetworkThreadBlockedOnAMonitorItsOwnVirtualThreadHoldsIsRescued() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "loop-carried virtual threads need JDK 24+");
        List<RawConnection> takers = new ArrayList<>();
        try (WarningRecorder log = WarningRecorder.start();
                RunningServer server = RunningServer.start(write(""));
                RawConnection holder = server.connect()) {
            // Application instances for every request to come, so that each starts on its own loop (a request that
            // finds none makes one on the shared pool, and runs there).
            CarrierHandler.RELEASE = new java.util.concurrent.CountDownLatch(1);
            CarrierHandler.WAITING.drainPermits();
            for (int i = 0; i < 18; i++) {
                RawConnection c = server.connect();
                takers.add(c);
                c.send("GET /carrier.x?wait=1 HTTP/1.1\r\nHost: h\r\n\r\n");
            }
            assertThat(CarrierHandler.WAITING.tryAcquire(18, 20, TimeUnit.SECONDS))
                    .isTrue();
            CarrierHandler.RELEASE.countDown();
            for (RawConnection c : takers) {
                c.read();
                c.close();
            }
            takers.clear();
            String loop = "";
            for (int i = 0; i < 5 && !loop.startsWith("loop "); i++) {
                loop = get(holder, "/holder.x?ms=0");
            }
            assertThat(loop).startsWith("loop ");
            String holderLoop = loop.substring("loop ".length());
            // A connection on the same network thread (connections are dealt to the loops in turn; ask until one is).
            RawConnection taker = null;
            for (int i = 0; i < 64 && taker == null; i++) {
                RawConnection c = server.connect();
                takers.add(c);
                if (get(c, "/where.x?thread=1").equals(holderLoop)) {
                    taker = c;
                }
            }
            assertThat(taker).as("a connection on %s", holderLoop).isNotNull();
            MonitorHolderHandler.HOLDING.drainPermits();
            MonitorHolderHandler.RELEASE = new java.util.concurrent.CountDownLatch(1);
            // A virtual thread carried by that loop takes the monitor and waits inside it, unmounted...
            holder.send("GET /holder.x?wait=1 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(MonitorHolderHandler.HOLDING.tryAcquire(20, TimeUnit.SECONDS))
                    .isTrue();
            // ...while an asynchronous handler, on the loop itself, blocks on the monitor. When the wait ends, the
            // owner's continuation is queued for a loop that is blocked on it: without a rescue, that loop and every
            // connection on it would stop for good (and the server's stop with them).
            taker.send("GET /taker.x HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(stateOf(holderLoop, Thread.State.BLOCKED)).isTrue();
            MonitorHolderHandler.RELEASE.countDown();
            assertThat(holder.read().text()).startsWith("rescue ");
            assertThat(taker.read().text()).isEqualTo("loop");
            // And the loop serves again, carrying synchronous handlers as before.
            assertThat(get(holder, "/holder.x?ms=0")).isEqualTo(loop);
            assertThat(log.warnings())
                    .anySatisfy(w -> assertThat(w).contains("has not run the synchronous handlers it carries"));
        } finally {
            CarrierHandler.RELEASE.countDown();
            MonitorHolderHandler.RELEASE.countDown();
            takers.forEach(RawConnection::close);
        }
    }

    /** Whether the thread named {@code name} comes to be in {@code state} within 10 s. */
    private static boolean stateOf(String name, Thread.State state) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(name) && t.getState() == state) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void aHandlerThatHoldsItsEventLoopOnTheCpuIsMovedToTheSharedPool() {
        assumeTrue(Runtime.version().feature() >= 24, "loop-carried virtual threads need JDK 24+");
        try (RunningServer server = RunningServer.start(write(""));
                RawConnection c = server.connect()) {
            // 25 ms on the CPU per request: over the hold limit every time; judged after its first 20 runs.
            List<String> seen = getUntil(c, "/carrier.x?spin=25", "pool", 40);
            assertThat(seen).contains("loop");
            assertThat(seen.getLast()).isEqualTo("pool");
            assertThat(seen.size()).isLessThanOrEqualTo(30);
            assertThat(get(c, "/carrier.x")).isEqualTo("pool"); // for good, in this application
        }
    }
}
