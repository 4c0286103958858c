package dev.conduit.state;

import dev.conduit.session.redis.LocalRedis;
import org.junit.jupiter.api.BeforeAll;

/** The session behaviour tests against the Redis store. */
class RedisSessionStateTest extends SessionStateTest {
    @BeforeAll
    static void redis() {
        LocalRedis.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalRedis.STORE;
    }
}
