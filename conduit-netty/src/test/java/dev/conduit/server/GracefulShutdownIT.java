package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.server.fixtures.SleepHandler;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConduitServer#stop}: refuse new connections, let requests in flight finish, close idle connections. */
class GracefulShutdownIT {
    private static final String GET_PLAIN = "GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n";

    @TempDir
    Path site;

    private RunningServer server;
    private final List<RawConnection> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = RunningServer.start(TestSites.write(site));
        SleepHandler.ARRIVED.drainPermits();
    }

    @AfterEach
    void stop() {
        clients.forEach(RawConnection::close);
        server.close();
    }

    private RawConnection connect() {
        RawConnection c = server.connect();
        clients.add(c);
        return c;
    }

    @Test
    void inFlightRequestsFinishWhileNewConnectionsAreRefused() throws Exception {
        RawConnection idle = connect();
        assertThat(idle.send(GET_PLAIN).read().status()).isEqualTo(200);
        List<RawConnection> slow = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            slow.add(connect().send("GET /sleep.x?ms=1500 HTTP/1.1\r\nHost: h\r\n\r\n"));
        }
        assertThat(SleepHandler.ARRIVED.tryAcquire(50, 10, TimeUnit.SECONDS)).isTrue();

        long stopAt = System.nanoTime();
        CompletableFuture<Void> stopped = server.server.stopAsync(Duration.ofSeconds(20));

        assertThat(server.server.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
        assertThat(idle.isClosedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
                .as("the idle connection closes before the slow requests end")
                .isLessThan(Duration.ofMillis(1000));
        for (RawConnection c : slow) {
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("slept on virtual");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
        stopped.get(20, TimeUnit.SECONDS);
        assertThat(stopped).isCompleted();
    }

    @Test
    void requestsStillRunningAfterTheGracePeriodAreCutOff() throws Exception {
        List<RawConnection> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(connect().send("GET /sleep.x?ms=5000 HTTP/1.1\r\nHost: h\r\n\r\n"));
        }
        assertThat(SleepHandler.ARRIVED.tryAcquire(5, 10, TimeUnit.SECONDS)).isTrue();
        long stopAt = System.nanoTime();
        server.stop(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
                .isBetween(Duration.ofMillis(450), Duration.ofSeconds(4));
        for (RawConnection c : slow) {
            assertThat(c.readUntilClosed())
                    .as("no response after the grace period")
                    .isEmpty();
        }
    }

    @Test
    void stopWithNothingInFlightIsQuick() {
        RawConnection idle = connect();
        assertThat(idle.send(GET_PLAIN).read().status()).isEqualTo(200);
        long stopAt = System.nanoTime();
        server.stop(Duration.ofSeconds(20));
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(idle.isClosedByServer()).isTrue();
    }
}
