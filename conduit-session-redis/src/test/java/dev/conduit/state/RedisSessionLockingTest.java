package dev.conduit.state;

import dev.conduit.session.redis.LocalRedis;
import org.junit.jupiter.api.BeforeAll;

/** The session locking tests against the Redis store. */
class RedisSessionLockingTest extends SessionLockingTest {
    @BeforeAll
    static void redis() {
        LocalRedis.require();
    }

    @Override
    SessionStoreFixture store() {
        return LocalRedis.STORE;
    }
}
