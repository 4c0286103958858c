package dev.conduit.bench;

import dev.conduit.internal.session.InProcSessionStore;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does a read/write request's session round trip cost in the in-process store? Workload: one session with a
 * counter: exclusive get (takes the lock), one set, set-and-release; and the lock-free read of a read-only request.
 *
 * <p>Run: {@code java -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main
 * SessionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionBenchmark {
    private InProcSessionStore store;
    private final String id = "abcdefghijklmnopqrstuvwx";

    @Setup
    public void setUp() {
        store = new InProcSessionStore(Clock.systemUTC(), Duration.ofMinutes(1));
        store.createUninitializedItem(id, Duration.ofMinutes(20))
                .toCompletableFuture()
                .join();
    }

    @TearDown
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public Object getSetRelease() {
        SessionLookup.Found found = (SessionLookup.Found)
                store.getItemExclusive(id).toCompletableFuture().join();
        SessionData data = found.data();
        Integer n = (Integer) data.get("visits");
        data.set("visits", n == null ? 1 : n + 1);
        store.setAndReleaseItemExclusive(id, data, found.lockId(), false)
                .toCompletableFuture()
                .join();
        return data;
    }

    @Benchmark
    public Object readOnlyGet() {
        return store.getItem(id).toCompletableFuture().join();
    }
}
