package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The session behaviour tests against the JDBC store on the machine's PostgreSQL. */
class PostgresSessionStateTest extends SessionStateTest {
    @BeforeAll
    static void database() {
        LocalPostgres.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.STORE;
    }
}
