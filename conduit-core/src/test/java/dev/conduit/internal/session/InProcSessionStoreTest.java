package dev.conduit.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process store's lock, wake-up and expiry rules, on a clock the test moves. */
class InProcSessionStoreTest {
    private static final Duration TWENTY = Duration.ofMinutes(20);

    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2025-06-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    private InProcSessionStore store;

    @BeforeEach
    void create() {
        store = new InProcSessionStore(clock, Duration.ofHours(1));
        assertThat(store.setItemExpireCallback((id, data) -> ended.add(id + " " + data.get("k"))))
                .isTrue();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void save(String id, String value) {
        SessionData d = new SessionData(TWENTY);
        d.set("k", value);
        store.setAndReleaseItemExclusive(id, d, SessionLookup.NO_LOCK, true);
    }

    private SessionLookup get(String id) {
        return store.getItem(id).toCompletableFuture().join();
    }

    private SessionLookup getExclusive(String id) {
        return store.getItemExclusive(id).toCompletableFuture().join();
    }

    @Test
    void anExclusiveLookupLocksAndReportsTheLockToOthers() {
        save("s", "a");
        SessionLookup.Found mine = (SessionLookup.Found) getExclusive("s");
        assertThat(mine.lockId()).isNotEqualTo(SessionLookup.NO_LOCK);
        clock.advance(Duration.ofSeconds(7));
        assertThat(getExclusive("s")).isEqualTo(new SessionLookup.Locked(Duration.ofSeconds(7), mine.lockId()));
        assertThat(get("s")).isEqualTo(new SessionLookup.Locked(Duration.ofSeconds(7), mine.lockId()));
        store.releaseItemExclusive("s", mine.lockId());
        assertThat(get("s")).isInstanceOf(SessionLookup.Found.class);
    }

    @Test
    void theCallerWorksOnACopy() {
        save("s", "a");
        SessionLookup.Found f = (SessionLookup.Found) getExclusive("s");
        f.data().set("k", "changed");
        store.releaseItemExclusive("s", f.lockId());
        assertThat(((SessionLookup.Found) get("s")).data().get("k")).isEqualTo("a");
    }

    @Test
    void aStaleLockIdChangesNothing() {
        save("s", "a");
        SessionLookup.Found first = (SessionLookup.Found) getExclusive("s");
        store.releaseItemExclusive("s", first.lockId()); // taken over
        SessionLookup.Found second = (SessionLookup.Found) getExclusive("s");
        SessionData late = new SessionData(TWENTY);
        late.set("k", "late");
        assertThat(store.setAndReleaseItemExclusive("s", late, first.lockId(), false)
                        .toCompletableFuture()
                        .join())
                .isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(store.releaseItemExclusive("s", first.lockId())
                        .toCompletableFuture()
                        .join())
                .isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(store.removeItem("s", first.lockId()).toCompletableFuture().join())
                .isEqualTo(SessionStore.Result.LOCK_LOST);
        assertThat(getExclusive("s")).isInstanceOf(SessionLookup.Locked.class);
        SessionData mine = new SessionData(TWENTY);
        mine.set("k", "second");
        assertThat(store.setAndReleaseItemExclusive("s", mine, second.lockId(), false)
                        .toCompletableFuture()
                        .join())
                .isEqualTo(SessionStore.Result.DONE);
        assertThat(((SessionLookup.Found) get("s")).data().get("k")).isEqualTo("second");
    }

    @Test
    void awaitReleaseCompletesAtReleaseNotAtItsTimeout() throws Exception {
        save("s", "a");
        SessionLookup.Found held = (SessionLookup.Found) getExclusive("s");
        CompletableFuture<Void> waiting =
                store.awaitRelease("s", Duration.ofHours(1)).toCompletableFuture();
        assertThat(waiting).isNotDone();
        store.releaseItemExclusive("s", held.lockId());
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(store.awaitRelease("s", Duration.ofHours(1)).toCompletableFuture())
                .isDone();
        assertThat(store.awaitRelease("unknown", Duration.ofHours(1)).toCompletableFuture())
                .isDone();
    }

    @Test
    void awaitReleaseGivesUpAfterMaxWait() throws Exception {
        save("s", "a");
        getExclusive("s");
        long start = System.nanoTime();
        CompletableFuture<Void> waiting =
                store.awaitRelease("s", Duration.ofMillis(200)).toCompletableFuture();
        assertThat(waiting).as("the lock is held: the wait goes on").isNotDone();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(getExclusive("s")).as("giving up releases nothing").isInstanceOf(SessionLookup.Locked.class);
    }

    @Test
    void removalWakesWaitersAndReportsTheSession() throws Exception {
        save("s", "a");
        SessionLookup.Found held = (SessionLookup.Found) getExclusive("s");
        CompletableFuture<Void> waiting =
                store.awaitRelease("s", Duration.ofHours(1)).toCompletableFuture();
        store.removeItem("s", held.lockId());
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo("s a");
        assertThat(get("s")).isEqualTo(SessionLookup.MISSING);
    }

    @Test
    void aReadOnlyRemovalOnlyRemovesAnUnlockedSession() {
        save("s", "a");
        SessionLookup.Found held = (SessionLookup.Found) getExclusive("s");
        store.removeItem("s", SessionLookup.NO_LOCK);
        assertThat(getExclusive("s")).isInstanceOf(SessionLookup.Locked.class);
        store.releaseItemExclusive("s", held.lockId());
        store.removeItem("s", SessionLookup.NO_LOCK);
        assertThat(get("s")).isEqualTo(SessionLookup.MISSING);
    }

    @Test
    void sessionsExpireAfterTheirTimeoutWithoutAccessAndAccessSlides() throws Exception {
        save("s", "a");
        clock.advance(Duration.ofMinutes(19));
        store.resetItemTimeout("s");
        clock.advance(Duration.ofMinutes(19));
        assertThat(get("s")).isInstanceOf(SessionLookup.Found.class);
        clock.advance(TWENTY);
        assertThat(ended).isEmpty();
        assertThat(get("s")).isEqualTo(SessionLookup.MISSING);
        assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo("s a");
    }

    @Test
    void theSweepRemovesExpiredSessionsThatNobodyAsksFor() throws Exception {
        save("old", "1");
        clock.advance(Duration.ofMinutes(10));
        save("young", "2");
        clock.advance(Duration.ofMinutes(10));
        store.sweep();
        assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo("old 1");
        assertThat(store.size()).isEqualTo(1);
        assertThat(get("young")).isInstanceOf(SessionLookup.Found.class);
    }

    @Test
    void anUninitializedItemIsFoundAsSuchAndNeverReportedWhenItExpires() throws Exception {
        store.createUninitializedItem("u", TWENTY);
        SessionLookup.Found f = (SessionLookup.Found) getExclusive("u");
        assertThat(f.uninitialized()).isTrue();
        assertThat(f.data().isEmpty()).isTrue();
        store.releaseItemExclusive("u", f.lockId());
        clock.advance(TWENTY);
        store.sweep();
        assertThat(store.size()).isZero();
        save("u2", "x");
        store.removeItem("u2", SessionLookup.NO_LOCK);
        // A report for "u" would have been started before the one for "u2", which does arrive.
        assertThat(ended.poll(10, TimeUnit.SECONDS)).isEqualTo("u2 x");
        assertThat(ended).isEmpty();
    }
}
