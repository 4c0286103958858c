package dev.conduit.state;

import dev.conduit.session.redis.LocalRedis;
import org.junit.jupiter.api.BeforeAll;

/** Two runtimes sharing sessions through the Redis store. */
class RedisTwoInstancesTest extends TwoInstancesTest {
    @BeforeAll
    static void requireStore() {
        LocalRedis.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalRedis.STORE;
    }
}
