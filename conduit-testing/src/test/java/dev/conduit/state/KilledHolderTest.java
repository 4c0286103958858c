package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web server that dies (kill -9) or freezes (SIGSTOP) while it holds a session's lock, in another process, and a
 * request for that session on this one: it gets the lock once the lock is as old as its executionTimeout (1 s here),
 * by the store's clock; a frozen holder that wakes up and saves is refused and overwrites nothing. Abstract: each
 * shared store's module runs it.
 */
abstract class KilledHolderTest {
    @TempDir
    Path site;

    private TestHost host;
    private Process holder;

    /** The shared store under test. */
    abstract SessionStoreFixture store();

    @BeforeEach
    void start() {
        host = SessionSite.site(site, store().apply(""))
                .systemWeb("t", "<httpRuntime executionTimeout=\"1\"/>")
                .systemWeb(
                        "h",
                        "<httpHandlers><add verb=\"*\" path=\"hold.x\""
                                + " type=\"dev.conduit.testing.fixtures.FileGateHandler\"/></httpHandlers>")
                .start();
    }

    @AfterEach
    void stop() {
        if (holder != null) {
            holder.destroyForcibly();
        }
        host.close();
    }

    /** Starts the other server's process holding {@code id}'s lock; returns once it is inside its handler. */
    private BufferedReader holdInAnotherProcess(String id) throws Exception {
        holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderProcess.class.getName(),
                        site.toString(),
                        id)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("holding")) {
            // the other process's start-up output
        }
        assertThat(line).as("the other process holds the lock").isEqualTo("holding");
        return out;
    }

    private String who(String id) {
        return host.get("/rw.x?key=who")
                .header("Cookie", "ASP.NET_SessionId=" + id)
                .send()
                .text();
    }

    @Test
    void aKilledHoldersLockIsTakenOverAfterExecutionTimeout() throws Exception {
        String id = cookie(host.get("/rw.x?do=set&key=who&value=first").send());
        holdInAnotherProcess(id);
        new ProcessBuilder("kill", "-9", Long.toString(holder.pid())).start().waitFor();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        TestResponse waiter = host.get("/t/rw.x?do=set&key=who&value=waiter")
                .header("Cookie", "ASP.NET_SessionId=" + id)
                .send();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waiter.status()).as(waiter.text()).isEqualTo(200);
        assertThat(waited)
                .as("the lock is taken over once it is 1 s old, not before")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(who(id)).contains("who=waiter");
    }

    @Test
    void aFrozenHolderThatWakesUpIsRefusedAndOverwritesNothing() throws Exception {
        String id = cookie(host.get("/rw.x?do=set&key=who&value=first").send());
        BufferedReader out = holdInAnotherProcess(id);
        new ProcessBuilder("kill", "-STOP", Long.toString(holder.pid())).start().waitFor();

        TestResponse waiter = host.get("/t/rw.x?do=set&key=who&value=waiter")
                .header("Cookie", "ASP.NET_SessionId=" + id)
                .send();
        assertThat(waiter.status()).as(waiter.text()).isEqualTo(200);

        new ProcessBuilder("kill", "-CONT", Long.toString(holder.pid())).start().waitFor();
        Files.writeString(site.resolve("release"), "go");
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("done ")) {
            // the other process's log (it reports the lost lock)
        }
        assertThat(line).as("the woken holder's request ended").isEqualTo("done 200");
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(who(id)).as("its late save was refused").contains("who=waiter");
    }
}
