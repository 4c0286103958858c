package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.server.fixtures.TimerAsyncHandler;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 concurrent requests to an async handler that completes a second later on a timer: all succeed, the
 * platform thread count stays flat, and no thread (virtual or platform) is held per pending request. The load
 * client runs in its own JVM ({@link LoadClient}): one process may not hold 10,000 sockets on both ends.
 */
class AsyncConcurrencyIT {
    private static final int REQUESTS = 10_000;

    @TempDir
    Path site;

    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private RunningServer server;

    private ResourceLeakDetector.Level leakDetection;

    @BeforeEach
    void start() {
        // Paranoid leak detection records a stack trace at every buffer access, which triples the cost of a request;
        // this test is about concurrency, and every other test keeps the paranoid level.
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        // The runtime's executor, counting the request steps running at once (each on its own virtual thread).
        RuntimeOptions options = RuntimeOptions.of(TestSites.write(site))
                .withExecutor(task -> virtualThreads.execute(() -> {
                    peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        task.run();
                    } finally {
                        running.decrementAndGet();
                    }
                }));
        server = RunningServer.start(options, o -> o);
        TimerAsyncHandler.reset();
    }

    @AfterEach
    void stop() {
        server.close();
        virtualThreads.close();
        ResourceLeakDetector.setLevel(leakDetection);
    }

    @Test
    void tenThousandPendingAsyncRequestsHoldNoThreads() throws Exception {
        // Warm up: every event loop and carrier thread started before the baseline.
        Process warm = loadClient(64, "/async.x?ms=10");
        assertThat(output(warm)).startsWith("ok=64 ");
        TimerAsyncHandler.reset();
        peakRunning.set(0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();

        long start = System.nanoTime();
        Process load = loadClient(REQUESTS, "/async.x");
        // While the requests wait on the timer, how many request steps run: sampled every 10 ms, keeping the sample
        // taken when the most requests were pending.
        int[] busiest = {0, 0}; // pending, running
        while (load.isAlive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            int pending = TimerAsyncHandler.PENDING.get();
            int steps = running.get();
            if (pending > busiest[0]) {
                busiest[0] = pending;
                busiest[1] = steps;
            }
            load.waitFor(10, TimeUnit.MILLISECONDS);
        }
        String result = output(load);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int peakThreads = threads.getPeakThreadCount();
        System.out.printf(
                "10k async: %s in %s; platform threads %d before, peak %d; pending requests peak %d; sampled with"
                        + " %d pending, %d request steps running; steps running at once peak %d%n",
                result,
                took,
                before,
                peakThreads,
                TimerAsyncHandler.PEAK.get(),
                busiest[0],
                busiest[1],
                peakRunning.get());

        assertThat(load.exitValue()).as(result).isZero();
        assertThat(result).startsWith("ok=" + REQUESTS + " ");
        Matcher requestMillis = Pattern.compile("requestMillis=(\\d+)").matcher(result);
        assertThat(requestMillis.find()).isTrue();
        assertThat(Long.parseLong(requestMillis.group(1)))
                .as("answered a second after they were sent, not later")
                .isBetween(1000L, 10_000L);
        // On an idle machine all 10,000 are pending at once; on a busy one the last arrive after the first finish.
        assertThat(TimerAsyncHandler.PEAK.get()).as("requests pending at once").isGreaterThan(REQUESTS / 2);
        // A thread per pending request would make this at least the number pending; what runs is only the steps of
        // requests still arriving or finishing.
        assertThat(busiest[1])
                .as("request steps running while %d requests were pending", busiest[0])
                .isLessThan(busiest[0] / 2);
        assertThat(peakThreads - before).as("platform threads added under load").isLessThanOrEqualTo(4);
        assertThat(TimerAsyncHandler.PENDING.get()).isZero();
    }

    private Process loadClient(int connections, String target) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadClient.class.getName(),
                        Integer.toString(server.port()),
                        Integer.toString(connections),
                        target,
                        "60"))
                .redirectErrorStream(true)
                .start();
    }

    private static String output(Process p) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS))
                .as("the load client finished")
                .isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
