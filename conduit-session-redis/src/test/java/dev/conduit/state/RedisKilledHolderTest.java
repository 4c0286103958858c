package dev.conduit.state;

import dev.conduit.session.redis.LocalRedis;
import org.junit.jupiter.api.BeforeAll;

/** A killed or frozen lock holder in another process, with the Redis store. */
class RedisKilledHolderTest extends KilledHolderTest {
    @BeforeAll
    static void requireStore() {
        LocalRedis.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalRedis.STORE;
    }
}
