package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The session locking tests against the JDBC store on the machine's PostgreSQL. */
class PostgresSessionLockingTest extends SessionLockingTest {
    @BeforeAll
    static void database() {
        LocalPostgres.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.STORE;
    }
}
