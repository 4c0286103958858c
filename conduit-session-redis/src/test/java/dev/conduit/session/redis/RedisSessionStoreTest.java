package dev.conduit.session.redis;

import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import dev.conduit.state.SharedStoreContractTest;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared store contract against the machine's Redis. */
class RedisSessionStoreTest extends SharedStoreContractTest {
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void redis() {
        LocalRedis.require();
    }

    static RedisSessionStore store(Map<String, String> attributes) {
        RedisSessionStore s = new RedisSessionStore();
        s.initialize(new SessionStoreContext(
                "redis", attributes, Clock.systemUTC(), RedisSessionStoreTest.class.getClassLoader(), "web.config:1"));
        return s;
    }

    @BeforeEach
    void connectAdmin() {
        admin = RedisClient.create("redis://" + LocalRedis.HOST + ":" + LocalRedis.PORT);
        adminConnection = admin.connect();
    }

    @AfterEach
    void closeAdmin() {
        adminConnection.close();
        admin.shutdown();
    }

    @Override
    protected SessionStore newStore() {
        return store(
                Map.of("host", LocalRedis.HOST, "port", Integer.toString(LocalRedis.PORT), "applicationName", app));
    }

    @Override
    protected SessionStore unreachableStore() {
        return store(Map.of("host", "127.0.0.1", "port", "1", "connectionTimeoutInMilliseconds", "500"));
    }

    private String key(String id) {
        return "cs:{" + app + ":" + id + "}";
    }

    @Override
    protected void corrupt(String id) {
        adminConnection.sync().hset(key(id), "data", "not serialized java");
    }

    @Override
    protected boolean stored(String id) {
        return adminConnection.sync().exists(key(id)) == 1;
    }

    @Override
    protected void killWakeUpConnections() {
        adminConnection.sync().clientKill(KillArgs.Builder.typePubsub());
    }

    @Override
    protected long unreadable(SessionStore store) {
        return ((RedisSessionStore) store).unreadableSessions();
    }

    @Override
    protected Duration repoll() {
        return RedisSessionStore.REPOLL;
    }
}
