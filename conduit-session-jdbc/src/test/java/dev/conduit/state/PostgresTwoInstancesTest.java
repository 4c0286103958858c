package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** Two runtimes sharing sessions through the PostgreSQL store. */
class PostgresTwoInstancesTest extends TwoInstancesTest {
    @BeforeAll
    static void requireStore() {
        LocalPostgres.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.STORE;
    }
}
