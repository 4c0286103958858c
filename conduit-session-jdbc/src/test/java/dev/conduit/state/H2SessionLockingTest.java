package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The session locking tests against the JDBC store on H2. */
class H2SessionLockingTest extends SessionLockingTest {
    @BeforeAll
    static void database() {
        // an in-memory database: always there
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.H2;
    }
}
