package dev.conduit.state;

import dev.conduit.session.jdbc.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;

/** A killed or frozen lock holder in another process, with the PostgreSQL store. */
class PostgresKilledHolderTest extends KilledHolderTest {
    @BeforeAll
    static void requireStore() {
        LocalPostgres.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalPostgres.STORE;
    }
}
