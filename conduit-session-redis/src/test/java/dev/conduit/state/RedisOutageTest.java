package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.session.redis.LocalRedis;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private redis-server on a free port, killed and started again while a site uses it: requests that need a session
 * fail fast with 503 while it is down (no hang), and the site recovers by itself when it is back.
 */
class RedisOutageTest {
    @TempDir
    Path site;

    @TempDir
    Path data;

    private Process redis;
    private TestHost host;

    @BeforeAll
    static void redisServer() {
        LocalRedis.require();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")), "no redis-server binary");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startRedis(int port) throws Exception {
        Process p = new ProcessBuilder(
                        "/usr/bin/redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "yes",
                        "--dir",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start: " + Files.readString(data.resolve("redis.log")));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    private TestResponse get(String target, String id) {
        return host.get(target).header("Cookie", "ASP.NET_SessionId=" + id).send();
    }

    @Test
    void whileRedisIsDownRequestsGet503QuicklyAndTheSiteRecoversWhenItIsBack() throws Exception {
        int port = freePort();
        redis = startRedis(port);
        host = SessionSite.site(
                        site,
                        SessionStoreFixture.custom(
                                        "private Redis",
                                        "<add name=\"store\" type=\"dev.conduit.session.redis.RedisSessionStore\""
                                                + " host=\"127.0.0.1\" port=\"" + port + "\""
                                                + " operationTimeoutInMilliseconds=\"1000\"/>")
                                .apply(""))
                .start();
        String id = cookie(host.get("/rw.x?do=set&value=before").send());
        assertThat(get("/rw.x", id).text()).contains("k=before");

        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            TestResponse r = get("/rw.x", id);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).contains("Session state is unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        // A request that needs no session is not affected.
        assertThat(host.get("/plain.x").send().status()).isEqualTo(200);

        redis = startRedis(port); // the append-only file brings the session back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        TestResponse r = get("/rw.x", id);
        while (r.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get("/rw.x", id);
        }
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("k=before");
        assertThat(List.of(
                        get("/rw.x?do=set&value=after", id).status(),
                        get("/rw.x", id).status()))
                .containsOnly(200);
        assertThat(get("/rw.x", id).text()).contains("k=after");
    }
}
