package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The session behaviour tests against the JDBC store on H2. */
class H2SessionStateTest extends SessionStateTest {
    @BeforeAll
    static void database() {
        // an in-memory database: always there
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.H2;
    }
}
