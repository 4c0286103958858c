package dev.conduit.session.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conduit.HttpException;
import dev.conduit.spi.ReleaseWaiters;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Session state in PostgreSQL (or H2) with ASP.NET SQL state's locking, for several Conduit instances that share
 * sessions: {@code <sessionState mode="Custom" customProvider="sql">} with {@code <providers><add name="sql"
 * type="dev.conduit.session.jdbc.JdbcSessionStore" connectionStringName="sessions"/>} and a {@code
 * <connectionStrings>} entry holding a JDBC URL ({@code jdbc:postgresql://127.0.0.1:5432/app?user=conduit}).
 *
 * <p><b>Locking</b> is data in the session's row, as ASP.NET's {@code ASPStateTempSessions} keeps it: {@code locked},
 * a {@code lock_id} that every acquisition raises (a fencing token: saves, releases and removals name it and change
 * nothing, answering {@link Result#LOCK_LOST}, when it is no longer the row's), {@code lock_at_ms} from the database
 * clock. Each operation is one short transaction; no database lock outlives it, so a request holds no connection while
 * its handler runs (and the store works behind PgBouncer's transaction pooling).
 *
 * <p><b>Waiting.</b> A release runs {@code pg_notify} in its transaction (delivered at commit); each instance listens
 * on one dedicated connection outside the pool and wakes its waiting requests. A waiter also asks again after at most
 * {@link #REPOLL}, so a lost notification (the listener's connection dropped) costs latency, never correctness. H2
 * has no notifications: waiters poll.
 *
 * <p><b>Housekeeping.</b> The table is created on first use ({@link #schemaSql} prints it for a DBA instead). Every
 * instance sweeps expired rows each minute, 500 at a time, skipping rows another sweeper is deleting ({@code FOR UPDATE
 * SKIP LOCKED}). <b>Failures</b>: a connection is awaited for at most {@code operationTimeoutInMilliseconds} (2000) and
 * statements time out likewise; a request whose store call fails gets 503; JDBC runs on virtual threads, never on a
 * network thread. Data that no longer reads is dropped as an expired session, logged once.
 */
public final class JdbcSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger("dev.conduit.session.jdbc");

    /** The longest a waiter waits for a notification before it asks the database again. */
    static final Duration REPOLL = Duration.ofMillis(250);

    /** The notification channel (PostgreSQL). */
    static final String CHANNEL = "conduit_sessions";

    private static final String NOW = Dialect.NOW;

    private final ReleaseWaiters waiters = new ReleaseWaiters(REPOLL);
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conduit-session-jdbc-sweeper");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean unreadableLogged = new AtomicBoolean();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong swept = new AtomicLong();
    private final AtomicBoolean listening = new AtomicBoolean();

    private @Nullable HikariDataSource pool;
    private Dialect dialect = Dialect.H2;
    private String url = "";
    private String table = "conduit_sessions";
    private String app = "/";
    private int timeoutSeconds = 2;
    private boolean createSchema = true;
    private ClassLoader loader = JdbcSessionStore.class.getClassLoader();
    private volatile boolean schemaReady;
    private volatile boolean closed;
    private volatile @Nullable Thread listener;

    /** Creates the store; {@link #initialize} configures it. */
    public JdbcSessionStore() {}

    /** The SQL that creates the store's table on {@code dialect} ({@code postgresql} or {@code h2}). */
    public static String schemaSql(String dialect, String table) {
        return Dialect.valueOf(dialect.toUpperCase(java.util.Locale.ROOT)).schema(table);
    }

    @Override
    public void initialize(SessionStoreContext context) {
        Map<String, String> a = context.attributes();
        String where = context.where() + ": <providers><add name=\"" + context.name() + "\">";
        String name = a.get("connectionStringName");
        String cs = a.get("connectionString");
        if (name != null) {
            cs = context.connectionStrings().get(name);
            if (cs == null) {
                throw new IllegalStateException(
                        where + " names the connection string '" + name + "', which <connectionStrings> does not have");
            }
        }
        if (cs == null || cs.isBlank()) {
            throw new IllegalStateException(where + " needs connectionStringName (or connectionString): a JDBC URL"
                    + " such as jdbc:postgresql://127.0.0.1:5432/app?user=conduit");
        }
        Dialect d = Dialect.of(cs);
        if (d == null) {
            throw new IllegalStateException(where + " connects to '" + cs.replaceAll("password=[^&;]*", "password=…")
                    + "': the store supports PostgreSQL (jdbc:postgresql:) and H2 (jdbc:h2:)");
        }
        for (String attr : a.keySet()) {
            if (!Set.of(
                            "connectionStringName",
                            "connectionString",
                            "applicationName",
                            "tableName",
                            "maxPoolSize",
                            "operationTimeoutInMilliseconds",
                            "createSchema",
                            "description")
                    .contains(attr)) {
                LOG.log(System.Logger.Level.WARNING, where + " has the attribute '" + attr + "', which has no effect");
            }
        }
        dialect = d;
        url = cs;
        loader = context.classLoader();
        app = a.getOrDefault("applicationName", "/");
        table = a.getOrDefault("tableName", "conduit_sessions");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalStateException(where + " tableName must be a plain SQL name: '" + table + "'");
        }
        createSchema = !"false".equalsIgnoreCase(a.get("createSchema"));
        long timeoutMs = Long.parseLong(a.getOrDefault("operationTimeoutInMilliseconds", "2000"));
        timeoutSeconds = (int) Math.max(1, (timeoutMs + 999) / 1000);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(cs);
        c.setPoolName("conduit-sessions");
        c.setMaximumPoolSize(Integer.parseInt(a.getOrDefault("maxPoolSize", "10")));
        c.setConnectionTimeout(Math.max(250, timeoutMs));
        c.setInitializationFailTimeout(-1); // start even while the database is down: requests get 503 until it is up
        c.setAutoCommit(false);
        pool = new HikariDataSource(c);
        timer.scheduleWithFixedDelay(this::sweepQuietly, 10, 60, TimeUnit.SECONDS);
    }

    /** A connection from the pool, the schema made on first use. */
    private Connection connection() throws SQLException {
        HikariDataSource p = pool;
        if (p == null || closed) {
            throw new SQLException("the session store is closed");
        }
        Connection c = p.getConnection();
        if (!schemaReady && createSchema) {
            makeSchema(c);
        }
        return c;
    }

    private synchronized void makeSchema(Connection c) throws SQLException {
        if (schemaReady) {
            return;
        }
        for (String sql : dialect.schema(table).split(";\n")) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                c.commit();
            } catch (SQLException e) {
                c.rollback(); // another instance created it at the same moment: fine if it exists now
                if (!tableExists(c)) {
                    throw e;
                }
            }
        }
        schemaReady = true;
    }

    private boolean tableExists(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            c.commit();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A unit of work in one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction on a virtual thread; a failure becomes 503. */
    private <T> CompletionStage<T> tx(Work<T> work) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection c = connection()) {
                        try {
                            T result = work.run(c);
                            c.commit();
                            recovered();
                            return result;
                        } catch (SQLException | RuntimeException e) {
                            c.rollback();
                            throw e;
                        }
                    } catch (SQLException e) {
                        throw unavailable(e);
                    }
                },
                io);
    }

    /**
     * Runs {@code work} with autocommit on: for one statement, which is then its own transaction, in one round trip
     * (no BEGIN, no COMMIT of its own). A failure becomes 503.
     */
    private <T> CompletionStage<T> single(Work<T> work) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (Connection c = connection()) {
                        c.setAutoCommit(true);
                        T result = work.run(c);
                        recovered();
                        return result;
                    } catch (SQLException e) {
                        throw unavailable(e);
                    }
                },
                io);
    }

    private PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.replace("$T", table).replace("$NOW", NOW));
        ps.setQueryTimeout(timeoutSeconds);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            LOG.log(System.Logger.Level.INFO, "session state in the database is available again");
        }
    }

    private CompletionException unavailable(Throwable e) {
        if (failing.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "session state in the database is unavailable (" + e + "); requests that need a session get"
                            + " 503 until it is back");
        }
        return new CompletionException(new HttpException(503, "Session state is unavailable; try again shortly.", e));
    }

    @Override
    public CompletionStage<SessionLookup> getItem(String id) {
        return tx(c -> {
                    try (PreparedStatement ps = prepare(
                                    c,
                                    "SELECT locked, lock_id, $NOW - lock_at_ms, expires_ms > $NOW, data, initialized"
                                            + " FROM $T WHERE app = ? AND id = ?",
                                    app,
                                    id);
                            ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(4)) {
                            return new Row(null, 0, false, null, false);
                        }
                        Row row = new Row(
                                rs.getBoolean(1),
                                rs.getLong(2),
                                true,
                                rs.getBytes(5),
                                !rs.getBoolean(6),
                                rs.getLong(3));
                        update(c, "UPDATE $T SET expires_ms = $NOW + timeout_ms WHERE app = ? AND id = ?", app, id);
                        return row;
                    }
                })
                .thenCompose(row -> row.lookup(id, SessionLookup.NO_LOCK));
    }

    @Override
    public CompletionStage<SessionLookup> getItemExclusive(String id) {
        if (dialect.notifies()) {
            // PostgreSQL: a free lock is taken and the session read by one statement in one round trip (the
            // hand-off's last step); a lock held, or no session, is looked at as on H2.
            return single(c -> {
                        try (PreparedStatement ps = prepare(
                                        c,
                                        "UPDATE $T SET locked = TRUE, lock_id = lock_id + 1, lock_at_ms = $NOW,"
                                                + " expires_ms = $NOW + timeout_ms"
                                                + " WHERE app = ? AND id = ? AND NOT locked AND expires_ms > $NOW"
                                                + " RETURNING lock_id, data, initialized",
                                        app,
                                        id);
                                ResultSet rs = ps.executeQuery()) {
                            return rs.next()
                                    ? new Row(false, rs.getLong(1), true, rs.getBytes(2), !rs.getBoolean(3))
                                    : null;
                        }
                    })
                    .thenCompose(row -> row != null ? row.lookup(id, row.lockId) : exclusiveInTransaction(id));
        }
        return exclusiveInTransaction(id);
    }

    /** {@link #getItemExclusive} in one transaction of several statements. */
    private CompletionStage<SessionLookup> exclusiveInTransaction(String id) {
        return tx(c -> {
                    int taken = update(
                            c,
                            "UPDATE $T SET locked = TRUE, lock_id = lock_id + 1, lock_at_ms = $NOW,"
                                    + " expires_ms = $NOW + timeout_ms"
                                    + " WHERE app = ? AND id = ? AND NOT locked AND expires_ms > $NOW",
                            app,
                            id);
                    if (taken == 1) {
                        try (PreparedStatement ps = prepare(
                                        c,
                                        "SELECT lock_id, data, initialized FROM $T WHERE app = ? AND id = ?",
                                        app,
                                        id);
                                ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return new Row(false, rs.getLong(1), true, rs.getBytes(2), !rs.getBoolean(3));
                        }
                    }
                    try (PreparedStatement ps = prepare(
                                    c,
                                    "SELECT locked, lock_id, $NOW - lock_at_ms, expires_ms > $NOW FROM $T"
                                            + " WHERE app = ? AND id = ?",
                                    app,
                                    id);
                            ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(4)) {
                            return new Row(null, 0, false, null, false);
                        }
                        // Locked by another request (or released since the UPDATE: the caller asks again at once).
                        Row row = new Row(true, rs.getLong(2), true, null, false, rs.getLong(3));
                        update(c, "UPDATE $T SET expires_ms = $NOW + timeout_ms WHERE app = ? AND id = ?", app, id);
                        return row;
                    }
                })
                .thenCompose(row -> row.lookup(id, row.lockId));
    }

    /** What a lookup read. {@code locked} null: missing. */
    private final class Row {
        final @Nullable Boolean locked;
        final long lockId;
        final byte @Nullable [] data;
        final boolean uninitialized;
        final long lockAgeMs;

        Row(@Nullable Boolean locked, long lockId, boolean exists, byte @Nullable [] data, boolean uninitialized) {
            this(exists ? locked : null, lockId, exists, data, uninitialized, 0);
        }

        Row(
                @Nullable Boolean locked,
                long lockId,
                boolean exists,
                byte @Nullable [] data,
                boolean uninitialized,
                long lockAgeMs) {
            this.locked = exists ? locked : null;
            this.lockId = lockId;
            this.data = data;
            this.uninitialized = uninitialized;
            this.lockAgeMs = lockAgeMs;
        }

        CompletionStage<SessionLookup> lookup(String id, long heldLock) {
            if (locked == null) {
                return CompletableFuture.completedFuture(SessionLookup.MISSING);
            }
            if (locked) {
                return CompletableFuture.completedFuture(
                        new SessionLookup.Locked(Duration.ofMillis(Math.max(0, lockAgeMs)), lockId));
            }
            byte[] bytes = data;
            if (bytes == null) {
                return CompletableFuture.completedFuture(
                        new SessionLookup.Found(new SessionData(Duration.ofMinutes(20)), heldLock, true));
            }
            try {
                return CompletableFuture.completedFuture(
                        new SessionLookup.Found(SessionData.fromBytes(bytes, loader), heldLock, uninitialized));
            } catch (UncheckedIOException e) {
                unreadable.incrementAndGet();
                if (unreadableLogged.compareAndSet(false, true)) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "session data in the database no longer reads (" + e.getMessage() + "); such sessions"
                                    + " are dropped as expired ones are (logged once)");
                }
                return tx(c -> update(c, "DELETE FROM $T WHERE app = ? AND id = ?", app, id))
                        .handle((n, ex) -> SessionLookup.MISSING);
            }
        }
    }

    /** How many sessions were dropped because their data no longer read. */
    public long unreadableSessions() {
        return unreadable.get();
    }

    /** How many expired sessions this instance's sweeper deleted. */
    public long sweptSessions() {
        return swept.get();
    }

    @Override
    public CompletionStage<Result> setAndReleaseItemExclusive(
            String id, SessionData data, long lockId, boolean newItem) {
        byte[] bytes = data.toBytes();
        long timeoutMs = data.timeout().toMillis();
        if (dialect.notifies() && !newItem) {
            return releaseAnnounced(
                    id,
                    lockId,
                    "data = ?, timeout_ms = ?, expires_ms = $NOW + ?, locked = FALSE, initialized = TRUE",
                    bytes,
                    timeoutMs,
                    timeoutMs);
        }
        return tx(c -> {
                    int n;
                    if (newItem) {
                        n = update(
                                c,
                                "UPDATE $T SET data = ?, timeout_ms = ?, expires_ms = $NOW + ?, locked = FALSE,"
                                        + " initialized = TRUE WHERE app = ? AND id = ?",
                                bytes,
                                timeoutMs,
                                timeoutMs,
                                app,
                                id);
                        if (n == 0) {
                            insert(c, id, bytes, timeoutMs, true);
                            n = 1;
                        }
                    } else {
                        n = update(
                                c,
                                "UPDATE $T SET data = ?, timeout_ms = ?, expires_ms = $NOW + ?, locked = FALSE,"
                                        + " initialized = TRUE WHERE app = ? AND id = ? AND locked AND lock_id = ?",
                                bytes,
                                timeoutMs,
                                timeoutMs,
                                app,
                                id,
                                lockId);
                    }
                    return announced(c, id, n);
                })
                .thenApply(r -> woken(id, r));
    }

    /**
     * PostgreSQL: a release ({@code setClause} with its {@code args} first, then the row's key and lock id) and its
     * NOTIFY in one statement, its own transaction, in one round trip: the NOTIFY only when the lock was still ours.
     */
    private CompletionStage<Result> releaseAnnounced(String id, long lockId, String setClause, Object... args) {
        Object[] all = new Object[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = app;
        all[args.length + 1] = id;
        all[args.length + 2] = lockId;
        all[args.length + 3] = CHANNEL;
        all[args.length + 4] = app + "\n" + id;
        return single(c -> {
                    try (PreparedStatement ps = prepare(
                                    c,
                                    "WITH released AS (UPDATE $T SET " + setClause
                                            + " WHERE app = ? AND id = ? AND locked AND lock_id = ? RETURNING 1)"
                                            + " SELECT pg_notify(?, ?) FROM released",
                                    all);
                            ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Result.DONE : Result.LOCK_LOST;
                    }
                })
                .thenApply(r -> woken(id, r));
    }

    /**
     * Inserts a row; its first lock id is the database's time in ms, so a lock id of an earlier row of the same id (a
     * session that expired and came back) never matches.
     */
    private void insert(Connection c, String id, byte @Nullable [] bytes, long timeoutMs, boolean initialized)
            throws SQLException {
        update(
                c,
                "INSERT INTO $T (app, id, data, timeout_ms, expires_ms, locked, lock_id, lock_at_ms, initialized)"
                        + " VALUES (?, ?, ?, ?, $NOW + ?, FALSE, $NOW, $NOW, ?)",
                app,
                id,
                bytes,
                timeoutMs,
                timeoutMs,
                initialized);
    }

    @Override
    public CompletionStage<Result> releaseItemExclusive(String id, long lockId) {
        if (dialect.notifies()) {
            return releaseAnnounced(id, lockId, "locked = FALSE, expires_ms = $NOW + timeout_ms");
        }
        return tx(c -> announced(
                        c,
                        id,
                        update(
                                c,
                                "UPDATE $T SET locked = FALSE, expires_ms = $NOW + timeout_ms"
                                        + " WHERE app = ? AND id = ? AND locked AND lock_id = ?",
                                app,
                                id,
                                lockId)))
                .thenApply(r -> woken(id, r));
    }

    @Override
    public CompletionStage<Result> removeItem(String id, long lockId) {
        return tx(c -> {
                    int n = lockId == SessionLookup.NO_LOCK
                            ? update(c, "DELETE FROM $T WHERE app = ? AND id = ? AND NOT locked", app, id)
                            : update(
                                    c,
                                    "DELETE FROM $T WHERE app = ? AND id = ? AND locked AND lock_id = ?",
                                    app,
                                    id,
                                    lockId);
                    if (n == 0) {
                        try (PreparedStatement ps = prepare(c, "SELECT 1 FROM $T WHERE app = ? AND id = ?", app, id);
                                ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Result.LOCK_LOST : Result.DONE; // nothing there: nothing to remove
                        }
                    }
                    return announced(c, id, n);
                })
                .thenApply(r -> woken(id, r));
    }

    /** 1 row: DONE, and the release is announced (PostgreSQL: at commit); 0: the lock was not ours. */
    private Result announced(Connection c, String id, int rows) throws SQLException {
        if (rows == 0) {
            return Result.LOCK_LOST;
        }
        if (dialect.notifies()) {
            try (PreparedStatement ps = prepare(c, "SELECT pg_notify(?, ?)", CHANNEL, app + "\n" + id)) {
                ps.executeQuery().close();
            }
        }
        return Result.DONE;
    }

    private Result woken(String id, Result r) {
        if (r == Result.DONE) {
            wake(id);
        }
        return r;
    }

    @Override
    public CompletionStage<Void> resetItemTimeout(String id) {
        return tx(c -> update(
                        c,
                        "UPDATE $T SET expires_ms = $NOW + timeout_ms WHERE app = ? AND id = ? AND expires_ms > $NOW",
                        app,
                        id))
                .thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> createUninitializedItem(String id, Duration timeout) {
        return tx(c -> {
                    try (PreparedStatement ps = prepare(c, "SELECT 1 FROM $T WHERE app = ? AND id = ?", app, id);
                            ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            insert(c, id, null, timeout.toMillis(), false);
                        }
                    }
                    return 0;
                })
                .thenApply(n -> null);
    }

    /**
     * Completes when a release of {@code id} is announced (here or, on PostgreSQL, by notification), when the lock is
     * found free, or after {@link #REPOLL} (or {@code maxWait}, if shorter).
     */
    @Override
    public CompletionStage<Void> awaitRelease(String id, Duration maxWait) {
        CompletableFuture<Void> waiter = waiters.await(id, maxWait);
        if (dialect.notifies() && listening.compareAndSet(false, true)) {
            startListener();
        }
        // Registered first, then checked: a release between the caller's lookup and now is not missed.
        tx(c -> {
                    try (PreparedStatement ps = prepare(c, "SELECT locked FROM $T WHERE app = ? AND id = ?", app, id);
                            ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                })
                .whenComplete((locked, e) -> {
                    if (e != null || !locked) {
                        waiter.complete(null);
                    }
                });
        return waiter;
    }

    private void wake(String id) {
        waiters.wake(id);
    }

    /** The LISTEN connection's thread: outside the pool, reconnecting after 50 ms doubling to 1 s when it drops. */
    private void startListener() {
        Thread t = Thread.ofPlatform()
                .daemon()
                .name("conduit-session-jdbc-listener")
                .start(() -> {
                    long backoff = 50;
                    while (!closed) {
                        try (Connection c = DriverManager.getConnection(url)) {
                            c.setAutoCommit(true);
                            try (Statement s = c.createStatement()) {
                                s.execute("LISTEN " + CHANNEL);
                            }
                            backoff = 50;
                            PGConnection pg = c.unwrap(PGConnection.class);
                            while (!closed) {
                                PGNotification[] got = pg.getNotifications(500);
                                if (got == null) {
                                    continue;
                                }
                                for (PGNotification n : got) {
                                    String payload = n.getParameter();
                                    int nl = payload.indexOf('\n');
                                    if (nl > 0 && payload.substring(0, nl).equals(app)) {
                                        wake(payload.substring(nl + 1));
                                    }
                                }
                            }
                        } catch (SQLException e) {
                            if (closed) {
                                return;
                            }
                            try {
                                Thread.sleep(backoff);
                            } catch (InterruptedException ie) {
                                return;
                            }
                            backoff = Math.min(1000, backoff * 2);
                        }
                    }
                });
        listener = t;
    }

    /** Deletes expired sessions now, 500 at a time until none is left; returns how many. */
    public int sweep() throws SQLException {
        int total = 0;
        try (Connection c = connection()) {
            while (true) {
                int n;
                try (PreparedStatement ps = c.prepareStatement(dialect.sweep(table))) {
                    ps.setQueryTimeout(Math.max(timeoutSeconds, 10));
                    n = ps.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
                total += n;
                if (n < 500) {
                    break;
                }
            }
        }
        swept.addAndGet(total);
        return total;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the session sweep failed; the next one will try again", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
        io.shutdown();
        waiters.wakeAll();
        HikariDataSource p = pool;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[" + dialect + ", table " + table + ", application " + app + "]";
    }
}
