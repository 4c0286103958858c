package dev.conduit.session.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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
 * The JDBC store on the machine's PostgreSQL, two instances of it standing for two web servers: fencing, lost locks,
 * wake-ups through LISTEN/NOTIFY and without them, unreadable data, a large session, two sweepers, and the database
 * out of reach.
 */
class JdbcSessionStoreTest {
    private static final Duration TWENTY = Duration.ofMinutes(20);

    private final String app = "store-test-" + UUID.randomUUID();
    private JdbcSessionStore a;
    private JdbcSessionStore b;

    @BeforeAll
    static void postgres() {
        LocalPostgres.require();
    }

    static JdbcSessionStore store(Map<String, String> attributes) {
        JdbcSessionStore s = new JdbcSessionStore();
        s.initialize(new SessionStoreContext(
                "sql", attributes, Clock.systemUTC(), JdbcSessionStoreTest.class.getClassLoader(), "web.config:1"));
        return s;
    }

    private JdbcSessionStore store() {
        return store(Map.of("connectionString", LocalPostgres.URL, "applicationName", app));
    }

    @BeforeEach
    void open() {
        a = store();
        b = store();
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps = c.prepareStatement("DELETE FROM conduit_sessions WHERE app = ?")) {
            ps.setString(1, app);
            ps.executeUpdate();
        }
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private void save(JdbcSessionStore s, String id, String value) {
        SessionData d = new SessionData(TWENTY);
        d.set("k", value);
        assertThat(join(s.setAndReleaseItemExclusive(id, d, SessionLookup.NO_LOCK, true)))
                .isEqualTo(SessionStore.Result.DONE);
    }

    @Test
    void aLockTakenOnOneInstanceIsSeenOnTheOtherWithItsAgeFromTheDatabaseAndStaleIdsChangeNothing() throws Exception {
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
    void aReleaseOnOneInstanceWakesAWaiterOnTheOtherThroughNotify() throws Exception {
        save(a, "s3", "x");
        var held = (SessionLookup.Found) join(a.getItemExclusive("s3"));
        join(b.awaitRelease("warm", Duration.ofMillis(1)));
        Thread.sleep(500); // the listener connects and LISTENs
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
        java.util.Arrays.sort(nanos);
        assertThat(Duration.ofNanos(nanos[2]))
                .as("median hand-off, against the %s re-poll", JdbcSessionStore.REPOLL)
                .isLessThan(Duration.ofMillis(100));
    }

    @Test
    void aLostNotificationStillLetsTheWaiterInByRepolling() throws Exception {
        save(a, "s4", "x");
        var held = (SessionLookup.Found) join(a.getItemExclusive("s4"));
        join(b.awaitRelease("warm", Duration.ofMillis(1)));
        Thread.sleep(500);
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
        }
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
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps =
                        c.prepareStatement("UPDATE conduit_sessions SET data = ? WHERE app = ? AND id = 's5'")) {
            ps.setBytes(1, "not serialized java".getBytes());
            ps.setString(2, app);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(join(b.getItemExclusive("s5"))).isEqualTo(SessionLookup.MISSING);
        assertThat(b.unreadableSessions()).isEqualTo(1);
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
    void twoSweepersAtOnceDeleteEveryExpiredSessionOnceWithoutWaitingForEachOther() throws Exception {
        save(a, "live", "stays");
        int expired = 3000;
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps = c.prepareStatement("INSERT INTO conduit_sessions (app, id, data, timeout_ms,"
                        + " expires_ms, locked, lock_id, lock_at_ms, initialized)"
                        + " VALUES (?, ?, NULL, 60000, 0, FALSE, 1, 0, TRUE)")) {
            for (int i = 0; i < expired; i++) {
                ps.setString(1, app);
                ps.setString(2, "old" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> sweep(a));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> sweep(b));
        int total = one.get(60, TimeUnit.SECONDS) + two.get(60, TimeUnit.SECONDS);
        assertThat(total).isGreaterThanOrEqualTo(expired); // other tests' expired rows may be swept too
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM conduit_sessions WHERE app = ?")) {
            ps.setString(1, app);
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("only the live session is left").isEqualTo(1);
        }
        assertThat(((SessionLookup.Found) join(a.getItem("live"))).data().get("k"))
                .isEqualTo("stays");
    }

    private static int sweep(JdbcSessionStore s) {
        try {
            return s.sweep();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDatabaseOutOfReachFailsTheRequestWith503Quickly() {
        JdbcSessionStore down = store(Map.of(
                "connectionString",
                "jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=1",
                "operationTimeoutInMilliseconds",
                "800"));
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
