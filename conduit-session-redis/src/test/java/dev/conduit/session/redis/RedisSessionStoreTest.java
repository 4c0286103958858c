package dev.conduit.session.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis store on its own, two instances of it standing for two web servers: fencing, lost locks, wake-ups over
 * pub/sub and without them, unreadable data, a large session, and Redis out of reach.
 */
class RedisSessionStoreTest {
    private static final Duration TWENTY = Duration.ofMinutes(20);

    private final String app = "store-test-" + UUID.randomUUID();
    private RedisSessionStore a;
    private RedisSessionStore b;
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void redis() {
        LocalRedis.require();
    }

    static RedisSessionStore store(Map<String, String> attributes) {
        RedisSessionStore s = new RedisSessionStore();
        s.initialize(new SessionStoreContext(
                "redis", attributes, Clock.systemUTC(), RedisSessionStoreTest.class.getClassLoader(), "web.config:1"));
        return s;
    }

    private RedisSessionStore store() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("host", LocalRedis.HOST);
        attributes.put("port", Integer.toString(LocalRedis.PORT));
        attributes.put("applicationName", app);
        return store(attributes);
    }

    @BeforeEach
    void open() {
        a = store();
        b = store();
        admin = RedisClient.create("redis://" + LocalRedis.HOST + ":" + LocalRedis.PORT);
        adminConnection = admin.connect();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        adminConnection.close();
        admin.shutdown();
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private void save(RedisSessionStore s, String id, String value) {
        SessionData d = new SessionData(TWENTY);
        d.set("k", value);
        assertThat(join(s.setAndReleaseItemExclusive(id, d, SessionLookup.NO_LOCK, true)))
                .isEqualTo(SessionStore.Result.DONE);
    }

    @Test
    void aLockTakenOnOneInstanceIsSeenOnTheOtherWithItsAgeFromRedisAndStaleIdsChangeNothing() throws Exception {
        save(a, "s1", "first");
        var mine = (SessionLookup.Found) join(a.getItemExclusive("s1"));
        assertThat(mine.data().get("k")).isEqualTo("first");
        Thread.sleep(50);
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
        // Warm the subscription, then measure a hand-off well inside the re-poll interval.
        join(b.awaitRelease("warm", Duration.ofMillis(1)));
        Thread.sleep(200);
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            CompletableFuture<Void> waiting =
                    b.awaitRelease("s3", Duration.ofSeconds(30)).toCompletableFuture();
            Thread.sleep(30);
            assertThat(waiting).isNotDone();
            long released = System.nanoTime();
            join(a.releaseItemExclusive("s3", held.lockId()));
            waiting.get(5, TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - released;
            held = (SessionLookup.Found) join(a.getItemExclusive("s3"));
        }
        java.util.Arrays.sort(nanos);
        assertThat(Duration.ofNanos(nanos[2]))
                .as("median hand-off, against the %s re-poll", RedisSessionStore.REPOLL)
                .isLessThan(Duration.ofMillis(100));
    }

    @Test
    void aLostWakeUpStillLetsTheWaiterInByRepolling() throws Exception {
        save(a, "s4", "x");
        var held = (SessionLookup.Found) join(a.getItemExclusive("s4"));
        join(b.awaitRelease("warm", Duration.ofMillis(1)));
        Thread.sleep(200);
        adminConnection.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        CompletableFuture<Void> waiting =
                b.awaitRelease("s4", Duration.ofSeconds(30)).toCompletableFuture();
        join(a.releaseItemExclusive("s4", held.lockId()));
        long start = System.nanoTime();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(join(b.getItemExclusive("s4"))).isInstanceOf(SessionLookup.Found.class);
    }

    @Test
    void dataThatNoLongerReadsIsDroppedAsAnExpiredSession() {
        save(a, "s5", "x");
        String key = "cs:{" + app + ":s5}";
        adminConnection.sync().hset(key, "data", "not serialized java");
        assertThat(join(b.getItemExclusive("s5"))).isEqualTo(SessionLookup.MISSING);
        assertThat(b.unreadableSessions()).isEqualTo(1);
        assertThat(adminConnection.sync().exists(key)).isZero();
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
    void redisOutOfReachFailsTheRequestWith503Quickly() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("host", "127.0.0.1");
        attributes.put("port", "1"); // nothing listens there
        attributes.put("connectionTimeoutInMilliseconds", "500");
        RedisSessionStore down = store(attributes);
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
