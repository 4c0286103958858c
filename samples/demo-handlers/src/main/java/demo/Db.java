package demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conduit.ConnectionStringSettings;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The demo database: a HikariCP pool per connection string (the {@code <connectionStrings>} entry named {@code
 * demo}; an H2 file under App_Data by default, PostgreSQL by changing the string), with the schema created and the
 * news seeded on first use. Parameterized SQL only.
 */
public final class Db {
    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    private Db() {}

    /** The pool for the request's {@code demo} connection string. */
    public static DataSource of(HttpContext context) {
        ConnectionStringSettings cs = context.connectionString("demo");
        if (cs == null) {
            throw new HttpException(500, "The connection string 'demo' is missing from web.config.");
        }
        return POOLS.computeIfAbsent(cs.connectionString(), Db::open);
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
        HikariDataSource ds = new HikariDataSource(config);
        try (Connection c = ds.getConnection()) {
            createSchema(c);
        } catch (SQLException e) {
            // Created on the first request that reaches the database instead.
        }
        return ds;
    }

    /** Runs {@code work} with a connection; a database that cannot be reached answers 503. */
    public static <T> T with(HttpContext context, SqlWork<T> work) {
        try (Connection c = of(context).getConnection()) {
            createSchema(c);
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

    private static volatile boolean ready;

    private static void createSchema(Connection c) throws SQLException {
        if (ready) {
            return;
        }
        synchronized (Db.class) {
            if (ready) {
                return;
            }
            boolean postgres =
                    c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS news (id INTEGER PRIMARY KEY, title VARCHAR(300) NOT NULL,"
                        + " summary VARCHAR(2000) NOT NULL, link VARCHAR(500) NOT NULL, published TIMESTAMP NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS attachments (id "
                        + (postgres ? "BIGSERIAL" : "BIGINT AUTO_INCREMENT")
                        + " PRIMARY KEY, file_name VARCHAR(500) NOT NULL, content_type VARCHAR(200),"
                        + " length BIGINT NOT NULL, content " + (postgres ? "BYTEA" : "BLOB") + " NOT NULL,"
                        + " uploaded TIMESTAMP NOT NULL)");
            }
            seedNews(c);
            ready = true;
        }
    }

    private static void seedNews(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM news")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
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
