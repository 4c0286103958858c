package dev.conduit.session.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import dev.conduit.state.SharedStoreContractTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared store contract against the machine's PostgreSQL, and the sweeper. */
class JdbcSessionStoreTest extends SharedStoreContractTest {
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

    @AfterEach
    void deleteRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps = c.prepareStatement("DELETE FROM conduit_sessions WHERE app = ?")) {
            ps.setString(1, app);
            ps.executeUpdate();
        }
    }

    @Override
    protected SessionStore newStore() {
        return store(Map.of("connectionString", LocalPostgres.URL, "applicationName", app));
    }

    @Override
    protected SessionStore unreachableStore() {
        return store(Map.of(
                "connectionString",
                "jdbc:postgresql://127.0.0.1:1/test?user=postgres&connectTimeout=1",
                "operationTimeoutInMilliseconds",
                "800"));
    }

    @Override
    protected void corrupt(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps =
                        c.prepareStatement("UPDATE conduit_sessions SET data = ? WHERE app = ? AND id = ?")) {
            ps.setBytes(1, "not serialized java".getBytes());
            ps.setString(2, app);
            ps.setString(3, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Override
    protected boolean stored(String id) throws SQLException {
        return count("SELECT count(*) FROM conduit_sessions WHERE app = ? AND id = '" + id + "'") == 1;
    }

    private int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    protected void killWakeUpConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(LocalPostgres.URL);
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
        }
    }

    @Override
    protected long unreadable(SessionStore store) {
        return ((JdbcSessionStore) store).unreadableSessions();
    }

    @Override
    protected Duration repoll() {
        return JdbcSessionStore.REPOLL;
    }

    @Test
    void twoSweepersAtOnceDeleteEveryExpiredSessionOnceWithoutWaitingForEachOther() throws Exception {
        save(a(), "live", "stays");
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
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> sweep(a()));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> sweep(b()));
        int total = one.get(60, TimeUnit.SECONDS) + two.get(60, TimeUnit.SECONDS);
        assertThat(total).isGreaterThanOrEqualTo(expired); // other tests' expired rows may be swept too
        assertThat(count("SELECT count(*) FROM conduit_sessions WHERE app = ?"))
                .as("only the live session is left")
                .isEqualTo(1);
        assertThat(((SessionLookup.Found) join(a().getItem("live"))).data().get("k"))
                .isEqualTo("stays");
    }

    private static int sweep(SessionStore s) {
        try {
            return ((JdbcSessionStore) s).sweep();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
