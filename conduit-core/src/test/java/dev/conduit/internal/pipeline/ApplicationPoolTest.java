package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpApplication;
import dev.conduit.state.HttpApplicationState;
import java.util.ArrayList;
import java.util.List;
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
        List<ApplicationInstance> held = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            held.add(pool.take());
        }
        held.forEach(pool::give);
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
}
