package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run queue of a network thread, with a single-thread executor standing for the event loop: what the loop runs,
 * and what the watch moves elsewhere when the loop stops running it.
 */
@Timeout(30)
class LoopRunQueueTest {
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    /** A continuation that records the thread that ran it and how. */
    private static final class Recorded implements LoopRunQueue.Continuation {
        final CompletableFuture<String> ran = new CompletableFuture<>();
        final Runnable body;

        Recorded(Runnable body) {
            this.body = body;
        }

        Recorded() {
            this(() -> {});
        }

        @Override
        public long runOnLoop(long started) {
            body.run();
            ran.complete("loop " + Thread.currentThread().getName());
            return System.nanoTime();
        }

        @Override
        public void runElsewhere() {
            body.run();
            ran.complete("elsewhere " + Thread.currentThread().getName());
        }
    }

    /** Submits {@code c} to {@code q} and answers where it ran. */
    private static String run(LoopRunQueue q, Recorded c) throws Exception {
        q.submit(c);
        return c.ran.get(5, TimeUnit.SECONDS);
    }

    /** The queue, made on the loop's thread as the runtime makes it. */
    private LoopRunQueue queue() throws Exception {
        return CompletableFuture.supplyAsync(() -> new LoopRunQueue(loop), loop).get();
    }

    @Test
    void aHealthyLoopRunsItsContinuationsItself() throws Exception {
        LoopRunQueue q = queue();
        Recorded a = new Recorded();
        Recorded b = new Recorded();
        q.submit(a);
        q.submit(b);
        assertThat(a.ran.get(5, TimeUnit.SECONDS)).isEqualTo("loop test-loop");
        assertThat(b.ran.get(5, TimeUnit.SECONDS)).isEqualTo("loop test-loop");
    }

    @Test
    void aLoopBlockedOnALockHasItsContinuationsRunElsewhere() throws Exception {
        LoopRunQueue q = queue();
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(); // the loop waits, as it would on a monitor a queued thread owns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(run(q, new Recorded(release::countDown))).startsWith("elsewhere conduit-carrier-rescue-");
        // Released by the rescued continuation, the loop runs the next one itself again.
        assertThat(run(q, new Recorded())).isEqualTo("loop test-loop");
    }

    @Test
    void aLoopBlockedAfterAnIdleSpellIsStillRescued() throws Exception {
        LoopRunQueue q = queue();
        assertThat(run(q, new Recorded())).isEqualTo("loop test-loop");
        Thread.sleep(1_500); // every queue empty for over a second: the watch looks every 100 ms instead of 10
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();
        assertThat(run(q, new Recorded(release::countDown))).startsWith("elsewhere conduit-carrier-rescue-");
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void aLoopBusyForAMomentKeepsItsContinuations() throws Exception {
        LoopRunQueue q = queue();
        loop.execute(() -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60); // running, not blocked: 6 looks
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        assertThat(run(q, new Recorded())).isEqualTo("loop test-loop");
    }

    @Test
    void aContinuationThatThrowsDoesNotStopTheDrain() throws Exception {
        LoopRunQueue q = queue();
        q.submit(new Recorded(() -> {
            throw new IllegalStateException("thrown by a continuation (expected in this test)");
        }));
        assertThat(run(q, new Recorded())).isEqualTo("loop test-loop");
        assertThat(run(q, new Recorded())).isEqualTo("loop test-loop");
    }

    @Test
    void aStoppedLoopHasItsContinuationsRunElsewhere() throws Exception {
        LoopRunQueue q = queue();
        loop.shutdown();
        assertThat(loop.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(run(q, new Recorded())).startsWith("elsewhere conduit-carrier-rescue-");
    }
}
