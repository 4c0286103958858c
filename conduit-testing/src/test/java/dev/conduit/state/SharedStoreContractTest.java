package dev.conduit.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every shared session store must do, with two instances of it standing for two web servers: a lock seen from
 * the other instance with its age from the store's clock, stale lock ids refused, a holder that outlives its lock told
 * so and overwriting nothing, a release waking a waiter on the other instance at once, a lost wake-up still letting
 * the waiter in, unreadable data dropped as an expired session, a 1 MB session, and the store out of reach failing fast
 * with 503. Abstract: each store's module runs it.
 */
public abstract class SharedStoreContractTest {
    private static final Duration TWENTY = Duration.ofMinutes(20);

    /** The application name of this test's sessions, unique per test. */
    protected final String app = "contract-" + UUID.randomUUID();

    private SessionStore a;
    private SessionStore b;

    /** A new instance of the store, for {@link #app}. */
    protected abstract SessionStore newStore();

    /** An instance configured for a server that is not there (a port where nothing listens). */
    protected abstract SessionStore unreachableStore();

    /** Overwrites the stored data of session {@code id} of {@link #app} with bytes that are not session data. */
    protected abstract void corrupt(String id) throws Exception;

    /** Whether session {@code id} of {@link #app} is still stored. */
    protected abstract boolean stored(String id) throws Exception;

    /** Kills the connections over which the instances hear of releases (pub/sub, LISTEN). */
    protected abstract void killWakeUpConnections() throws Exception;

    /** How many sessions {@code store} dropped because their data no longer read. */
    protected abstract long unreadable(SessionStore store);

    /** The store's re-poll interval. */
    protected abstract Duration repoll();

    @BeforeEach
    void open() {
        a = newStore();
        b = newStore();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    /** The first instance (for a subclass's own tests). */
    protected SessionStore a() {
        return a;
    }

    /** The second instance. */
    protected SessionStore b() {
        return b;
    }

    protected static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    protected static void save(SessionStore s, String id, String value) {
        SessionData d = new SessionData(TWENTY);
        d.set("k", value);
        assertThat(join(s.setAndReleaseItemExclusive(id, d, SessionLookup.NO_LOCK, true)))
                .isEqualTo(SessionStore.Result.DONE);
    }

    /** Lets the instance start listening for releases (its listener connects on the first wait). */
    private void listening(SessionStore s) throws InterruptedException {
        join(s.awaitRelease("warm", Duration.ofMillis(1)));
        Thread.sleep(500);
    }

    @Test
    void aLockTakenOnOneInstanceIsSeenOnTheOtherWithItsAgeFromTheStoreAndStaleIdsChangeNothing() throws Exception {
        save(a, "s1", "first");
        var mine = (SessionLookup.Found) join(a.getItemExclusive("s1"));
        assertThat(mine.data().get("k")).isEqualTo("first");
        Thread.sleep(60);
        var locked = (SessionLookup.Locked) join(b.getItemExclusive("s1"));
        assertThat(locked.lockId()).isEqualTo(mine.lockId());
        assertThat(locked.lockAge()).isBetween(Duration.ofMillis(40), Duration.ofSeconds(5));
        assertThat(join(b.getItem("s1"))).isInstanceOf(SessionLookup.Locked.class);
        assertThat(join(b.releaseItemExclusive("s1", mine.lockId() + 1))).isEqualTo(SessionStore.Result.LOCK_LOST);
        SessionData changed = new SessionData(TWENTY);
        changed.set("k", "second");
        assertThat(join(a.setAndReleaseItemExclusive("s1", changed, mine.lockId(), false)))
                .isEqualTo(SessionStore.Result.DONE);
        assertThat(((SessionLookup.Found) join(b.getItem("s1"))).data().get("k"))
                .isEqualTo("second");
    }

    @Test
    void aHolderThatOutlivesItsLockReportsItLostAndOverwritesNothing() {
        save(a, "s2", "original");
        var slow = (SessionLookup.Found) join(a.getItemExclusive("s2"));
        // The other instance takes the lock over (its request waited executionTimeout), then saves.
        assertThat(join(b.releaseItemExclusive("s2", slow.lockId()))).isEqualTo(SessionStore.Result.DONE);
        var fast = (SessionLookup.Found) join(b.getItemExclusive("s2"));
        assertThat(fast.lockId()).isGreaterThan(slow.lockId());
        SessionData theirs = new SessionData(TWENTY);
        theirs.set("k", "taken over");
        assertThat(join(b.setAndReleaseItemExclusive("s2", theirs, fast.lockId(), false)))
                .isEqualTo(SessionStore.Result.DONE);
        SessionData late = new SessionData(TWENTY);
        late.set("k", "late");
        assertThat(join(a.setAndReleaseItemExclusive("s2", late, slow.lockId(), false)))
                .isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(join(a.releaseItemExclusive("s2", slow.lockId()))).isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(join(a.removeItem("s2", slow.lockId()))).isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(((SessionLookup.Found) join(a.getItem("s2"))).data().get("k"))
                .isEqualTo("taken over");
    }

    @Test
    void aReleaseOnOneInstanceWakesAWaiterOnTheOtherAtOnce() throws Exception {
        save(a, "s3", "x");
        var held = (SessionLookup.Found) join(a.getItemExclusive("s3"));
        listening(b);
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            CompletableFuture<Void> waiting =
                    b.awaitRelease("s3", Duration.ofSeconds(30)).toCompletableFuture();
            Thread.sleep(40);
            assertThat(waiting).isNotDone();
            long released = System.nanoTime();
            join(a.releaseItemExclusive("s3", held.lockId()));
            waiting.get(5, TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - released;
            held = (SessionLookup.Found) join(a.getItemExclusive("s3"));
        }
        Arrays.sort(nanos);
        assertThat(Duration.ofNanos(nanos[2]))
                .as("median wake-up, against the %s re-poll", repoll())
                .isLessThan(repoll().dividedBy(2));
    }

    @Test
    void aLostWakeUpStillLetsTheWaiterInByRepolling() throws Exception {
        save(a, "s4", "x");
        var held = (SessionLookup.Found) join(a.getItemExclusive("s4"));
        listening(b);
        killWakeUpConnections();
        CompletableFuture<Void> waiting =
                b.awaitRelease("s4", Duration.ofSeconds(30)).toCompletableFuture();
        join(a.releaseItemExclusive("s4", held.lockId()));
        long start = System.nanoTime();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(join(b.getItemExclusive("s4"))).isInstanceOf(SessionLookup.Found.class);
    }

    @Test
    void dataThatNoLongerReadsIsDroppedAsAnExpiredSession() throws Exception {
        save(a, "s5", "x");
        corrupt("s5");
        assertThat(join(b.getItemExclusive("s5"))).isEqualTo(SessionLookup.MISSING);
        assertThat(unreadable(b)).isEqualTo(1);
        assertThat(stored("s5")).isFalse();
        assertThat(join(a.getItem("s5"))).isEqualTo(SessionLookup.MISSING);
    }

    @Test
    void aOneMegabyteSessionRoundTrips() {
        byte[] big = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        SessionData d = new SessionData(TWENTY);
        d.set("blob", big);
        join(a.setAndReleaseItemExclusive("s6", d, SessionLookup.NO_LOCK, true));
        var found = (SessionLookup.Found) join(b.getItemExclusive("s6"));
        assertThat((byte[]) found.data().get("blob")).isEqualTo(big);
        join(b.releaseItemExclusive("s6", found.lockId()));
    }

    @Test
    void theStoreOutOfReachFailsTheRequestWith503Quickly() {
        SessionStore down = unreachableStore();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> join(down.getItemExclusive("s7")))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(HttpException.class)
                    .hasMessageContaining("Session state is unavailable")
                    .satisfies(e -> assertThat(((HttpException) e).statusCode()).isEqualTo(503));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            down.close();
        }
    }
}
