package dev.conduit.session.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.state.SessionStoreFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The machine's Redis (127.0.0.1:6379), which the Redis tests need: skipped with a printed message where there is
 * none, required under {@code CI=true}.
 */
public final class LocalRedis {
    private LocalRedis() {}

    /** The host and port. */
    public static final String HOST = "127.0.0.1";

    /** The port. */
    public static final int PORT = 6379;

    /** The session tests' fixture: Microsoft's provider type (an alias) with the machine's Redis. */
    public static final SessionStoreFixture STORE = SessionStoreFixture.custom(
            "Redis",
            "<add name=\"store\" type=\"Microsoft.Web.Redis.RedisSessionStateProvider\" host=\"" + HOST + "\" port=\""
                    + PORT + "\" applicationName=\"conduit-tests\"/>");

    /** Skips the calling test class when there is no Redis (fails under CI=true). */
    public static void require() {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && "true".equals(System.getenv("CI"))) {
            fail("Redis is required under CI=true and there is none at " + HOST + ":" + PORT);
        }
        if (!up) {
            System.out.println("Skipping the Redis tests: no Redis at " + HOST + ":" + PORT);
        }
        assumeTrue(up, "no Redis at " + HOST + ":" + PORT);
    }
}
