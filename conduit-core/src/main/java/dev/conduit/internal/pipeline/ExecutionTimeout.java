package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a synchronous handler under the folder's {@code executionTimeout} (0: none). When it overruns, its thread is
 * interrupted and the request fails with 503 "Request timed out." (System.Web answers 500; 503 says the server gave
 * up, not that it broke). An async handler's start is not timed, as in System.Web.
 */
final class ExecutionTimeout {
    private ExecutionTimeout() {}

    static void run(ConduitContext c, HttpHandler h, ScheduledExecutorService watchdog) throws Exception {
        long timeout = c.config().runtime().executionTimeout().toNanos();
        if (timeout <= 0) {
            h.processRequest(c);
            return;
        }
        Thread thread = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(); // 0 running, 1 finished in time, 2 interrupted by the watchdog
        var timer = watchdog.schedule(
                () -> {
                    if (state.compareAndSet(0, 2)) {
                        thread.interrupt();
                    }
                },
                timeout,
                TimeUnit.NANOSECONDS);
        Throwable failure = null;
        try {
            h.processRequest(c);
        } catch (Throwable t) {
            failure = t;
        } finally {
            timer.cancel(false);
        }
        if (!state.compareAndSet(0, 1)) {
            Thread.interrupted(); // the interrupt was ours; it must not leak into later steps
            throw new HttpException(503, "Request timed out.");
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
