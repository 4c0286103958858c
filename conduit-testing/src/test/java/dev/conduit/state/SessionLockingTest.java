package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.SessionProbe;
import dev.conduit.testing.fixtures.StuckSessionHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-session lock (spec §6.3): read/write requests of one session take turns, read-only ones run together but
 * wait behind a writer, different sessions never wait for each other, and a lock held for executionTimeout is taken
 * over. Requests are held inside their handler by {@link SessionProbe} gates; a request that must be waiting is shown
 * to have reached AcquireRequestState and then not to enter its handler within a short window.
 */
class SessionLockingTest {
    /** How long a request that should be blocked is given to (wrongly) enter its handler. */
    private static final long BLOCKED_MS = 150;

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(SessionSite.START);
    private TestHost host;

    /** The store under test (a store's own module overrides it). */
    SessionStoreFixture store() {
        return SessionStoreFixture.IN_PROC;
    }

    @BeforeEach
    void start() {
        SessionProbe.reset();
        StuckSessionHandler.reset();
        host = SessionSite.site(site, store().apply(""))
                // Requests under /t/ wait at most 1 s for a lock (the handlers' watchdog elsewhere stays at 110 s).
                .systemWeb("t", "<httpRuntime executionTimeout=\"1\"/>")
                .start(o -> o.withClock(clock));
    }

    @AfterEach
    void stop() {
        StuckSessionHandler.STUCK.complete(null);
        host.close();
    }

    private String newSession() {
        String id = cookie(host.get("/rw.x?do=set&value=0").send());
        assertThat(id).isNotNull();
        return id;
    }

    private CompletableFuture<TestResponse> send(String target, String id) {
        return host.get(target).header("Cookie", "ASP.NET_SessionId=" + id).sendAsync();
    }

    private static void awaitReached(String tag) throws InterruptedException {
        assertThat(SessionProbe.reached(tag).await(30, TimeUnit.SECONDS))
                .as(tag + " reached AcquireRequestState")
                .isTrue();
    }

    private static String nextEntered() throws InterruptedException {
        String tag = SessionProbe.ENTERED.poll(30, TimeUnit.SECONDS);
        assertThat(tag).as("a request entered its handler").isNotNull();
        return tag;
    }

    private static void assertNobodyElseEnters() throws InterruptedException {
        assertThat(SessionProbe.ENTERED.poll(BLOCKED_MS, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void readWriteRequestsOfOneSessionTakeTurns() throws Exception {
        String id = newSession();
        List<CompletableFuture<TestResponse>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(send("/rw.x?do=hold&tag=w" + i, id));
        }
        for (int i = 0; i < 8; i++) {
            awaitReached("w" + i);
        }
        Set<String> served = new HashSet<>();
        for (int turn = 0; turn < 8; turn++) {
            String inside = nextEntered();
            assertNobodyElseEnters();
            served.add(inside);
            SessionProbe.open(inside);
        }
        for (CompletableFuture<TestResponse> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(served).hasSize(8);
        assertThat(SessionProbe.MAX_PER_SESSION).hasValue(1);
    }

    @Test
    void readOnlyRequestsOfOneSessionRunTogether() throws Exception {
        String id = newSession();
        SessionProbe.allEntered = new CountDownLatch(3);
        List<CompletableFuture<TestResponse>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(send("/ro.x?do=hold&tag=r" + i, id));
        }
        assertThat(SessionProbe.allEntered.await(30, TimeUnit.SECONDS))
                .as("three readers inside at once")
                .isTrue();
        assertThat(SessionProbe.MAX_PER_SESSION).hasValue(3);
        for (int i = 0; i < 3; i++) {
            SessionProbe.open("r" + i);
        }
        for (CompletableFuture<TestResponse> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS).text()).contains("ro=true");
        }
    }

    @Test
    void aReadOnlyRequestWaitsForTheWriterAndSeesItsChanges() throws Exception {
        String id = newSession();
        CompletableFuture<TestResponse> writer = send("/rw.x?do=set-and-hold&value=written&tag=w", id);
        assertThat(nextEntered()).isEqualTo("w");
        CompletableFuture<TestResponse> reader = send("/ro.x?do=hold&tag=r", id);
        awaitReached("r");
        assertNobodyElseEnters();
        SessionProbe.open("w");
        assertThat(nextEntered()).isEqualTo("r");
        SessionProbe.open("r");
        assertThat(writer.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(reader.get(30, TimeUnit.SECONDS).text()).contains("ro=true k=written");
    }

    @Test
    void twentySessionsRunInParallel() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(newSession());
        }
        SessionProbe.allEntered = new CountDownLatch(20);
        List<CompletableFuture<TestResponse>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(send("/rw.x?do=hold&tag=s" + i, ids.get(i)));
        }
        assertThat(SessionProbe.allEntered.await(30, TimeUnit.SECONDS))
                .as("twenty sessions' writers inside at once")
                .isTrue();
        assertThat(SessionProbe.MAX_RUNNING).hasValue(20);
        assertThat(SessionProbe.MAX_PER_SESSION).hasValue(1);
        for (int i = 0; i < 20; i++) {
            SessionProbe.open("s" + i);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(all.get(i).get(30, TimeUnit.SECONDS).text()).startsWith("id=" + ids.get(i));
        }
    }

    @Test
    void aLockHeldForExecutionTimeoutIsTakenOverAndTheStaleHoldersSaveIsIgnored() throws Exception {
        String id = newSession();
        CompletableFuture<TestResponse> stuck = send("/stuck.x", id);
        StuckSessionHandler.ENTERED.get(30, TimeUnit.SECONDS);
        CompletableFuture<TestResponse> waiter = send("/t/rw.x?do=set-and-hold&key=who&value=waiter&tag=w", id);
        awaitReached("w");
        assertNobodyElseEnters();
        assertThat(waiter).isNotDone();

        // The lock's age is measured by the runtime's clock: once it reaches the waiter's executionTimeout (1 s) the
        // waiter,
        // which looks again at the latest when the lock could be old enough, takes the lock over.
        if (store().followsRuntimeClock()) {
            clock.advance(Duration.ofSeconds(2));
        } // else the store's server clock moves by itself: the lock is 1 s old within a second
        assertThat(nextEntered()).isEqualTo("w");
        SessionProbe.open("w");
        assertThat(waiter.get(30, TimeUnit.SECONDS).text()).contains("who=waiter");
        assertThat(stuck).isNotDone();

        StuckSessionHandler.STUCK.complete(null);
        assertThat(stuck.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(host.get("/rw.x?key=who")
                        .header("Cookie", "ASP.NET_SessionId=" + id)
                        .send()
                        .text())
                .as("the stuck request's late save does not overwrite the session")
                .contains("who=waiter");
    }
}
