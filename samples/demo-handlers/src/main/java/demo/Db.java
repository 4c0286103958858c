package demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.conduit.ConnectionStringSettings;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The demo database: a HikariCP pool per connection string (the {@code <connectionStrings>} entry named {@code
 * demo}; an H2 file under App_Data by default, PostgreSQL by changing the string), with the schema created and the
 * news and one sample attachment seeded on first use of each pool. Parameterized SQL only.
 *
 * <p>Attachments keep their bytes in a column read and written through {@link java.sql.Blob} streams: a {@code BLOB}
 * on H2, which H2 streams from its file, and an {@code OID} (a large object) on PostgreSQL, because the driver
 * fetches a {@code BYTEA} value whole into memory. See {@link Attachments}.
 *
 * <p>The pools live as long as the application: when it ends, {@link Global} closes them ({@link #closeAll()}).
 */
public final class Db {
    /** The attachment a fresh database starts with, the one the home page's {@code Download.ashx?id=1} sends. */
    private static final String SAMPLE_FILE_NAME = "welcome.txt";

    private static final String SAMPLE_CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final String SAMPLE_TEXT =
            """
            Welcome to Conduit!

            This file was stored in the demo database when the database was created, so that
            Download.ashx?id=1 has something to send. Upload your own at upload.html — any
            name, any size: the bytes stream from the database without being held in memory.
            """;

    private static final System.Logger LOG = System.getLogger(Db.class.getName());

    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
    private static final Set<DataSource> READY = ConcurrentHashMap.newKeySet();

    private Db() {}

    /** The pool for the request's {@code demo} connection string. */
    public static DataSource of(HttpContext context) {
        ConnectionStringSettings cs = context.connectionString("demo");
        if (cs == null) {
            throw new HttpException(500, "The connection string 'demo' is missing from web.config.");
        }
        return POOLS.computeIfAbsent(cs.connectionString(), Db::open);
    }

    /**
     * Closes the pool for {@code connectionString} (as expanded, {@code |DataDirectory|} replaced), if one is open,
     * and shuts its H2 database down, releasing the file: for hosts and tests that are done with a database. A later
     * request opens a new pool.
     */
    public static void close(String connectionString) {
        HikariDataSource ds = POOLS.remove(connectionString);
        if (ds != null) {
            closePool(ds);
        }
    }

    /**
     * Closes every pool this copy of the class opened, releasing its database files: called when the application
     * ends ({@link Global#applicationEnd()}). A recycled application has a class loader of its own, so its
     * {@code Db}, HikariCP and H2 are new copies; they can open an H2 file only once this copy has let go of it.
     * Failures are logged, and the other pools are still closed. A later request (of this copy) opens new pools.
     */
    public static void closeAll() {
        for (String connectionString : POOLS.keySet()) {
            try {
                close(connectionString);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "closing the database pool for " + connectionString + " failed",
                        e);
            }
        }
    }

    private static void closePool(HikariDataSource ds) {
        READY.remove(ds);
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        // A pool without connections never reached the database: H2 has nothing open for it.
        boolean openH2 = ds.getJdbcUrl().startsWith("jdbc:h2:") && pool != null && pool.getTotalConnections() > 0;
        ds.close();
        if (openH2) {
            shutDownH2(ds.getJdbcUrl());
        }
    }

    /**
     * Closes the H2 database at {@code url}, whose pool has just closed. Closing the pool's connections is not enough:
     * {@code DB_CLOSE_DELAY=-1} (in the demo's connection string) keeps an H2 database, and the lock on its file, open
     * after its last connection closes, until {@code SHUTDOWN} or the JVM's exit. {@code SHUTDOWN} goes through a
     * connection of its own, after the pool's close: sent through a pooled connection, it would close the pool's
     * other connections under it, and the pool would replace them, opening the database again.
     */
    private static void shutDownH2(String url) {
        // This copy's H2 driver, as the pool used it; IFEXISTS: never create a database just to shut it down.
        try (Connection c = new org.h2.Driver().connect(url + ";IFEXISTS=TRUE", new Properties());
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "shutting the H2 database " + url + " down failed", e);
        }
    }

    private static HikariDataSource open(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        // Named explicitly: DriverManager does not see drivers that live in the site's bin/ folder.
        if (url.startsWith("jdbc:h2:")) {
            config.setDriverClassName("org.h2.Driver");
        } else if (url.startsWith("jdbc:postgresql:")) {
            config.setDriverClassName("org.postgresql.Driver");
        }
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(3000);
        config.setInitializationFailTimeout(-1); // start even if the database is down; requests then answer 503
        config.setPoolName("demo");
        // The schema is created by the first request that reaches the database (see with()), so a database that is
        // down costs that request one connection timeout, not two.
        return new HikariDataSource(config);
    }

    /**
     * Runs {@code work} with a connection from the request's pool, creating the schema first if this pool has not
     * yet; the connection goes back to the pool when {@code work} returns or throws.
     *
     * @throws HttpException 503 when the database cannot be reached (after the pool's 3-second connection timeout)
     */
    public static <T> T with(HttpContext context, SqlWork<T> work) {
        DataSource ds = of(context);
        try (Connection c = ds.getConnection()) {
            if (!READY.contains(ds)) {
                createSchema(c);
                READY.add(ds);
            }
            return work.run(c);
        } catch (SQLException e) {
            if (isUnavailable(e)) {
                throw new HttpException(503, "The database is not available right now. Please try again shortly.", e);
            }
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Work done with a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08")
                || e instanceof java.sql.SQLTransientConnectionException
                || state.startsWith("57P");
    }

    /**
     * Creates the tables that do not exist yet, seeds the news when that table is empty and a sample attachment
     * ({@code welcome.txt}) when that one is, so a fresh database has the attachment 1 the home page links to; safe to
     * call again. The request path calls it once per pool; tests call it to prepare a database directly.
     */
    public static synchronized void createSchema(Connection c) throws SQLException {
        boolean postgres = isPostgres(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS news (id INTEGER PRIMARY KEY, title VARCHAR(300) NOT NULL,"
                    + " summary VARCHAR(2000) NOT NULL, link VARCHAR(500) NOT NULL, published TIMESTAMP NOT NULL)");
            // content: a BLOB on H2; on PostgreSQL the OID of a large object, both read and written as a java.sql.Blob.
            s.execute("CREATE TABLE IF NOT EXISTS attachments (id "
                    + (postgres ? "BIGSERIAL" : "BIGINT AUTO_INCREMENT")
                    + " PRIMARY KEY, file_name VARCHAR(500) NOT NULL, content_type VARCHAR(200),"
                    + " length BIGINT NOT NULL, content " + (postgres ? "OID" : "BLOB") + " NOT NULL,"
                    + " uploaded TIMESTAMP NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS guestbook (id "
                    + (postgres ? "BIGSERIAL" : "BIGINT AUTO_INCREMENT")
                    + " PRIMARY KEY, name VARCHAR(" + GuestBook.MAX_NAME + ") NOT NULL, email VARCHAR("
                    + GuestBook.MAX_EMAIL + "), topic VARCHAR(40) NOT NULL, message VARCHAR(" + GuestBook.MAX_MESSAGE
                    + ") NOT NULL, signed TIMESTAMP NOT NULL)");
        }
        seedNews(c);
        seedAttachment(c);
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private static boolean isEmpty(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /**
     * Stores the sample attachment through {@link Attachments#insert}, the path uploads take, when the table is
     * empty: on a fresh database it gets id 1 (the first value of both the H2 identity and the PostgreSQL serial).
     */
    private static void seedAttachment(Connection c) throws SQLException {
        if (!isEmpty(c, "attachments")) {
            return;
        }
        byte[] content = SAMPLE_TEXT.getBytes(StandardCharsets.UTF_8);
        Attachments.insert(c, SAMPLE_FILE_NAME, SAMPLE_CONTENT_TYPE, new ByteArrayInputStream(content), content.length);
    }

    private static void seedNews(Connection c) throws SQLException {
        if (!isEmpty(c, "news")) {
            return;
        }
        Object[][] rows = {
            {
                1,
                "Conduit serves its first request",
                "The handler model arrives on the JVM: one handler per request, mapped in web.config.",
                "/",
                "2026-11-01T09:00:00Z"
            },
            {
                2,
                "Feeds, images & downloads: the classic handlers",
                "RSS <and> Atom from one handler; images resized on request; files streamed from a database.",
                "/news.rss",
                "2026-11-10T12:30:00Z"
            },
            {
                3,
                "\"Quotes\", 'apostrophes' & <tags> in a title",
                "Titles with markup characters must come out escaped, never as markup.",
                "/news.feed",
                "2026-11-15T08:15:00Z"
            },
            {
                4,
                "Überall: Unicode in feeds — 日本語 too",
                "Non-ASCII text survives the round trip through RSS and Atom.",
                "/",
                "2026-11-20T18:45:00Z"
            },
        };
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO news (id, title, summary, link, published) VALUES (?, ?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                ps.setInt(1, (Integer) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setString(3, (String) r[2]);
                ps.setString(4, (String) r[3]);
                ps.setTimestamp(5, Timestamp.from(Instant.parse((String) r[4])));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
