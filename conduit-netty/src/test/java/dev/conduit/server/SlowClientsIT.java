package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris: 200 connections trickling their headers one byte a second neither delay a normal client nor stay open
 * past the request-headers timeout (here 2 s), however steadily they trickle.
 */
class SlowClientsIT {
    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path site;

    private RunningServer server;
    private final List<RawConnection> slow = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        server = RunningServer.start(TestSites.write(site), o -> o.requestHeadersTimeout(HEADERS_TIMEOUT)
                .keepAliveTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        trickle.shutdownNow();
        trickle.awaitTermination(5, TimeUnit.SECONDS);
        slow.forEach(RawConnection::close);
        server.close();
    }

    @Test
    void slowHeadersDoNotDelayOthersAndAreCutOffAtTheTimeout() {
        Duration baseline = timeOneRequest();

        long firstBytes = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            slow.add(server.connect().send(REQUEST.substring(0, 1)));
        }
        long lastFirstByte = System.nanoTime();
        AtomicInteger sent = new AtomicInteger(1);
        trickle.scheduleAtFixedRate(
                () -> {
                    int at = sent.getAndIncrement();
                    for (RawConnection c : slow) {
                        try {
                            c.send(REQUEST.substring(at, at + 1));
                        } catch (UncheckedIOException closedByTheServer) {
                            // expected once the timeout struck
                        }
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);

        // A normal client, again and again while the slow ones trickle.
        Duration worst = Duration.ZERO;
        int served = 0;
        while (System.nanoTime() - firstBytes < HEADERS_TIMEOUT.toNanos() - 200_000_000L) {
            Duration took = timeOneRequest();
            worst = took.compareTo(worst) > 0 ? took : worst;
            served++;
        }

        int cutOff = 0;
        for (RawConnection c : slow) {
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
            cutOff++;
        }
        long closed = System.nanoTime();
        Duration allClosed = Duration.ofNanos(closed - firstBytes);
        System.out.printf(
                "200 slow clients: normal request %s alone, worst %s over %d requests meanwhile; all %d slow ones"
                        + " answered 408 and closed %s after their first byte%n",
                baseline, worst, served, cutOff, allClosed);
        assertThat(served).isPositive();
        assertThat(worst).as("a normal request among 200 slow clients").isLessThan(baseline.plusSeconds(1));
        assertThat(allClosed).as("not before the timeout").isGreaterThan(HEADERS_TIMEOUT.minusMillis(100));
        assertThat(Duration.ofNanos(closed - lastFirstByte))
                .as("soon after the timeout")
                .isLessThan(HEADERS_TIMEOUT.plusMillis(1500));
        assertThat(sent.get()).as("bytes trickled").isGreaterThanOrEqualTo(2).isLessThan(REQUEST.length());
    }

    private Duration timeOneRequest() {
        long start = System.nanoTime();
        try (RawConnection c = server.connect()) {
            assertThat(c.send(REQUEST).read().text()).isEqualTo("Hello, World!");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
