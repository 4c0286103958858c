package dev.conduit.session.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases the store runs on. The statements are otherwise the same SQL for both; times are
 * milliseconds since the epoch computed by the database ({@link #NOW}), so lock ages and expiry never depend on a web
 * server's clock.
 */
enum Dialect {
    /** PostgreSQL: LISTEN/NOTIFY wake-ups, a sweeper that skips rows another instance is deleting. */
    POSTGRESQL,
    /** H2 (tests, a single machine): polling only. */
    H2;

    /** The database's clock, in milliseconds since the epoch. */
    static final String NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

    /** The dialect of a JDBC URL, or null for a database the store does not support. */
    static @Nullable Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        return null;
    }

    /** The table and its index. */
    String schema(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
                + "  app VARCHAR(200) NOT NULL,\n"
                + "  id VARCHAR(100) NOT NULL,\n"
                + "  data BYTEA,\n"
                + "  timeout_ms BIGINT NOT NULL,\n"
                + "  expires_ms BIGINT NOT NULL,\n"
                + "  locked BOOLEAN NOT NULL,\n"
                + "  lock_id BIGINT NOT NULL,\n"
                + "  lock_at_ms BIGINT NOT NULL,\n"
                + "  initialized BOOLEAN NOT NULL,\n"
                + "  PRIMARY KEY (app, id)\n"
                + ");\n"
                + "CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_ms);\n";
    }

    /** Deletes up to 500 expired sessions; on PostgreSQL rows another sweeper holds are skipped, not waited for. */
    String sweep(String table) {
        return switch (this) {
            case POSTGRESQL ->
                "DELETE FROM " + table + " WHERE (app, id) IN (SELECT app, id FROM " + table + " WHERE expires_ms < "
                        + NOW + " LIMIT 500 FOR UPDATE SKIP LOCKED)";
            case H2 -> "DELETE FROM " + table + " WHERE expires_ms < " + NOW + " LIMIT 500";
        };
    }

    /** Whether the database announces releases (LISTEN/NOTIFY). */
    boolean notifies() {
        return this == POSTGRESQL;
    }
}
