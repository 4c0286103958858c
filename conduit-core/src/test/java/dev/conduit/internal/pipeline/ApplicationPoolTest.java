package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpApplication;
import dev.conduit.HttpModule;
import dev.conduit.config.Source;
import dev.conduit.internal.config.ModulesSection.ModuleEntry;
import dev.conduit.state.HttpApplicationState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The pool keeps what the load needed at once and trims, gradually, what no request took for a while. */
class ApplicationPoolTest {
    private final ApplicationPool pool = new ApplicationPool(
            HttpApplication.class,
            List.of(),
            false,
            new HttpApplicationState(),
            ApplicationPoolTest.class.getClassLoader(),
            null,
            Runnable::run);

    private void burst(int size) {
        burst(pool, size);
    }

    @Test
    void aBurstAboveTheOldCapIsKeptWholeForTheNextOne() {
        burst(1000);
        assertThat(pool.created()).isEqualTo(1000);
        assertThat(pool.idleCount()).isEqualTo(1000);
        burst(1000);
        assertThat(pool.created()).isEqualTo(1000); // none closed and made again
    }

    @Test
    void instancesNoRequestTookAreTrimmedByHalvesOncePerInterval() {
        burst(100);
        long t = System.nanoTime() + IdleStack.TRIM_INTERVAL_NANOS;
        pool.trimIfDue(t); // the first interval: the burst needed all of them
        assertThat(pool.idleCount()).isEqualTo(100);
        pool.trimIfDue(t + IdleStack.TRIM_INTERVAL_NANOS / 2); // not due yet
        assertThat(pool.idleCount()).isEqualTo(100);
        burst(30); // the load of the next interval needs 30 at once: 70 stayed idle, 35 go
        t += IdleStack.TRIM_INTERVAL_NANOS;
        pool.trimIfDue(t);
        assertThat(pool.idleCount()).isEqualTo(65);
        burst(65); // an interval that needs them all: none goes
        t += IdleStack.TRIM_INTERVAL_NANOS;
        pool.trimIfDue(t);
        assertThat(pool.idleCount()).isEqualTo(65);
        for (int i = 0; i < 10; i++) { // a quiet site: down to none
            t += IdleStack.TRIM_INTERVAL_NANOS;
            pool.trimIfDue(t);
        }
        assertThat(pool.idleCount()).isZero();
        assertThat(pool.created()).isEqualTo(100);
    }

    /** What happened, in order, across the instances of a pool. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    public static class ClosingModule implements HttpModule {
        @Override
        public void init(HttpApplication application) {}

        @Override
        public void close() {
            EVENTS.add("module closed");
        }
    }

    public static class EndingApplication extends HttpApplication {
        @Override
        public void applicationEnd() {
            EVENTS.add("applicationEnd");
        }
    }

    private static ApplicationPool poolWith(Executor closer) {
        return new ApplicationPool(
                EndingApplication.class,
                List.of(new ModuleEntry("closing", ClosingModule.class.getName(), new Source(null, 0, "test"), false)),
                false,
                new HttpApplicationState(),
                ApplicationPoolTest.class.getClassLoader(),
                null,
                closer);
    }

    private static void burst(ApplicationPool pool, int size) {
        List<ApplicationInstance> held = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            held.add(pool.take());
        }
        held.forEach(pool::give);
    }

    @Test
    void instancesTrimmedButNotYetClosedAreClosedBeforeApplicationEnd() {
        EVENTS.clear();
        List<Runnable> waiting = new ArrayList<>();
        ApplicationPool pool = poolWith(waiting::add); // a closer that has not run its tasks yet
        burst(pool, 4);
        long t = System.nanoTime() + IdleStack.TRIM_INTERVAL_NANOS;
        pool.trimIfDue(t);
        pool.trimIfDue(t + IdleStack.TRIM_INTERVAL_NANOS);
        assertThat(waiting).hasSize(1);
        assertThat(EVENTS).isEmpty();
        pool.close();
        assertThat(EVENTS)
                .containsExactly("module closed", "module closed", "module closed", "module closed", "applicationEnd");
        waiting.forEach(Runnable::run); // late: nothing is closed twice
        assertThat(EVENTS).hasSize(5);
    }

    @Test
    void aCloserThatTakesNoMoreTasksLeavesTheClosingToTheCaller() {
        EVENTS.clear();
        ApplicationPool pool = poolWith(task -> {
            throw new RejectedExecutionException("stopped");
        });
        burst(pool, 4);
        long t = System.nanoTime() + IdleStack.TRIM_INTERVAL_NANOS;
        pool.trimIfDue(t);
        pool.trimIfDue(t + IdleStack.TRIM_INTERVAL_NANOS);
        assertThat(EVENTS).containsExactly("module closed", "module closed");
        assertThat(pool.idleCount()).isEqualTo(2);
    }
}
