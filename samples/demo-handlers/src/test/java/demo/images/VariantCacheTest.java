package demo.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantCacheTest {
    @TempDir
    Path folder;

    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final InstantSource clock = () -> now;
    private final Executor direct = Runnable::run;

    /** An executor that runs nothing until told: work registered by several callers can be counted. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> held = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }
    }

    private static VariantCache.Work bytes(int size) {
        return file -> Files.write(file, new byte[size]);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void callsThatArriveWhileAVariantIsComputedShareThatComputation() {
        VariantCache cache = new VariantCache(folder, clock);
        HeldExecutor executor = new HeldExecutor();
        List<CompletableFuture<VariantCache.Result>> calls = IntStream.range(0, 5)
                .mapToObj(i -> cache.obtain("a.png", 1_000, executor, bytes(10)))
                .toList();
        assertThat(executor.held).hasSize(1);
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        executor.held.remove().run();
        assertThat(calls).allMatch(CompletableFuture::isDone);
        assertThat(calls.stream().map(CompletableFuture::join).filter(VariantCache.Result::computed))
                .hasSize(1);
        assertThat(cache.computations()).isEqualTo(1);

        VariantCache.Result later =
                cache.obtain("a.png", 1_000, executor, bytes(10)).join();
        assertThat(later.computed()).isFalse();
        assertThat(later.file()).isEqualTo(folder.resolve("a.png"));
        assertThat(executor.held).isEmpty();
    }

    @Test
    void aCacheOpenedAgainOnTheSameFolderFindsItsVariantsAndDropsHalfWrittenOnes() throws Exception {
        new VariantCache(folder, clock)
                .obtain("a.png", 1_000, direct, bytes(10))
                .join();
        Files.write(folder.resolve(".tmp-123"), new byte[5]);

        VariantCache reopened = new VariantCache(folder, clock);
        assertThat(reopened.lookup("a.png")).isEqualTo(folder.resolve("a.png"));
        assertThat(reopened.totalBytes()).isEqualTo(10);
        assertThat(files()).containsExactly("a.png");
    }

    @Test
    void beyondTheBoundTheLeastRecentlyUsedVariantsGoFirst() throws Exception {
        VariantCache cache = new VariantCache(folder, clock);
        cache.obtain("a.png", 250, direct, bytes(100)).join();
        now = now.plus(Duration.ofMinutes(1));
        cache.obtain("b.png", 250, direct, bytes(100)).join();
        now = now.plus(Duration.ofMinutes(1));
        assertThat(cache.lookup("a.png")).isNotNull(); // a is now more recent than b
        now = now.plus(Duration.ofMinutes(1));
        cache.obtain("c.png", 250, direct, bytes(100)).join();

        assertThat(files()).containsExactly("a.png", "c.png");
        assertThat(cache.totalBytes()).isEqualTo(200);
        assertThat(cache.lookup("b.png")).isNull();
    }

    @Test
    void aVariantUsedWithinTheGracePeriodIsKeptEvenOverTheBound() throws Exception {
        VariantCache cache = new VariantCache(folder, clock);
        cache.obtain("a.png", 0, direct, bytes(100)).join();
        assertThat(files()).as("just made: a response is about to send it").containsExactly("a.png");

        now = now.plus(VariantCache.GRACE).plusSeconds(1);
        cache.obtain("b.png", 0, direct, bytes(100)).join();
        assertThat(files()).containsExactly("b.png");
    }

    @Test
    void aRefusedOrFailedComputationIsNotRememberedAndLeavesNoFile() throws Exception {
        VariantCache cache = new VariantCache(folder, clock);
        CompletableFuture<VariantCache.Result> refused = cache.obtain(
                "a.png",
                1_000,
                task -> {
                    throw new RejectedExecutionException("full");
                },
                bytes(10));
        assertThat(refused)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(RejectedExecutionException.class);

        CompletableFuture<VariantCache.Result> failed = cache.obtain("a.png", 1_000, direct, file -> {
            Files.write(file, new byte[3]);
            throw new IllegalStateException("encoder broke");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(files()).isEmpty();

        VariantCache.Result ok = cache.obtain("a.png", 1_000, direct, bytes(10)).join();
        assertThat(ok.computed()).isTrue();
        assertThat(files()).containsExactly("a.png");
    }

    @Test
    void aVariantDeletedBehindTheCachesBackIsComputedAgain() throws Exception {
        VariantCache cache = new VariantCache(folder, clock);
        cache.obtain("a.png", 1_000, direct, bytes(10)).join();
        Files.delete(folder.resolve("a.png"));
        assertThat(cache.obtain("a.png", 1_000, direct, bytes(10)).join().computed())
                .isTrue();
        assertThat(cache.totalBytes()).isEqualTo(10);
    }

    @Test
    void theFutureFailsWithTheWorksOwnException() {
        VariantCache cache = new VariantCache(folder, clock);
        CompletableFuture<VariantCache.Result> failed = cache.obtain("a.png", 1_000, direct, file -> {
            throw new IllegalArgumentException("no");
        });
        assertThat(failed)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalArgumentException.class);
    }
}
