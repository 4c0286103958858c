package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.session.jdbc.LocalPostgres;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private PostgreSQL cluster (initdb in a temporary folder, on a free port) stopped with {@code pg_ctl -m immediate}
 * and started again while a site uses it: requests that need a session fail fast with 503 while it is down, and the
 * pool recovers by itself when it is back, the sessions with it.
 */
class PostgresRestartTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    @TempDir
    Path site;

    private Path data;
    private int port;
    private TestHost host;

    @BeforeAll
    static void tools() {
        LocalPostgres.require();
        assumeTrue(Files.isExecutable(BIN.resolve("initdb")), "no PostgreSQL server binaries at " + BIN);
    }

    /** Runs a PostgreSQL tool as the postgres user when this process is root (initdb refuses root). */
    private static void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void pgCtl(String action, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                data.resolve("log.txt").toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1"));
        cmd.add(action);
        cmd.addAll(List.of(extra));
        run(cmd.toArray(String[]::new));
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (data != null) {
            try {
                pgCtl("stop", "-m", "immediate");
            } catch (IllegalStateException alreadyStopped) {
                // stopped by the test
            }
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    private TestResponse get(String target, String id) {
        return host.get(target).header("Cookie", "ASP.NET_SessionId=" + id).send();
    }

    @Test
    void whileThePoolsDatabaseIsDownRequestsGet503QuicklyAndItRecoversByItself() throws Exception {
        data = Files.createTempDirectory("conduit-pg");
        if ("root".equals(System.getProperty("user.name"))) {
            run("/bin/true"); // runuser works
            new ProcessBuilder("chown", "-R", "postgres", data.toString())
                    .start()
                    .waitFor();
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
        pgCtl("start");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&amp;connectTimeout=1";
        host = SessionSite.site(
                        site,
                        SessionStoreFixture.custom(
                                        "private PostgreSQL",
                                        "<add name=\"store\" type=\"dev.conduit.session.jdbc.JdbcSessionStore\""
                                                + " connectionString=\"" + url + "\""
                                                + " operationTimeoutInMilliseconds=\"1000\"/>")
                                .apply(""))
                .start();
        String id = cookie(host.get("/rw.x?do=set&value=before").send());
        assertThat(get("/rw.x", id).text()).contains("k=before");

        pgCtl("stop", "-m", "immediate");
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            TestResponse r = get("/rw.x", id);
            assertThat(r.status()).as(r.text()).isEqualTo(503);
            assertThat(r.text()).contains("Session state is unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(host.get("/plain.x").send().status()).isEqualTo(200);

        pgCtl("start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TestResponse r = get("/rw.x", id);
        while (r.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = get("/rw.x", id);
        }
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("k=before");
        assertThat(get("/rw.x?do=set&value=after", id).status()).isEqualTo(200);
        assertThat(get("/rw.x", id).text()).contains("k=after");
    }
}
