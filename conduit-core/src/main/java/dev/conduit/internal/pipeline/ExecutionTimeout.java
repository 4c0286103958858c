package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs synchronous handlers under their folder's {@code executionTimeout} (0: none), as System.Web's {@code
 * RequestTimeoutManager}: a handler that overruns has its thread interrupted and the request fails with 503 "Request
 * timed out." (System.Web answers 500; 503 says the server gave up, not that it broke). An async handler's start is not
 * timed, as in System.Web.
 *
 * <p>As System.Web's, the timing costs a request almost nothing: the request joins a set of running handlers and
 * leaves it, and one thread per site looks through the set every {@link #SCAN_MILLIS} ms (System.Web: every 15 s).
 * So a handler is interrupted between its timeout and {@link #SCAN_MILLIS} ms later. (A timer per request, scheduled
 * and cancelled, cost a lock and often a wake-up of the timer thread per request, and kept every cancelled timer until
 * its deadline: 110 s of them at the default.)
 */
final class ExecutionTimeout implements AutoCloseable {
    static final long SCAN_MILLIS = 250;

    /** One handler running: 0 running, 1 finished in time, 2 timed out, 3 its thread interrupted. */
    private static final class Running extends AtomicInteger {
        final Thread thread;
        final long deadline;

        Running(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }
    }

    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    /** Started by the first timed handler: a site whose handlers are never timed (or that fails to load) has none. */
    private volatile @Nullable Thread scanner;

    private volatile boolean closed;

    private synchronized void startScanner() {
        if (scanner == null && !closed) {
            scanner = Thread.ofPlatform()
                    .daemon()
                    .name("conduit-execution-timeout")
                    .start(this::scan);
        }
    }

    void run(ConduitContext c, HttpHandler h) throws Exception {
        long timeout = c.config().runtime().executionTimeout().toNanos();
        if (timeout <= 0) {
            h.processRequest(c);
            return;
        }
        if (scanner == null) {
            startScanner();
        }
        Running r = new Running(Thread.currentThread(), System.nanoTime() + timeout);
        running.add(r);
        Throwable failure = null;
        try {
            h.processRequest(c);
        } catch (Throwable t) {
            failure = t;
        } finally {
            running.remove(r);
        }
        if (!r.compareAndSet(0, 1)) {
            while (r.get() != 3) {
                Thread.onSpinWait(); // the scanner is between its decision and the interrupt
            }
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

    private void scan() {
        while (!closed) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(SCAN_MILLIS));
            long now = System.nanoTime();
            for (Running r : running) {
                if (now - r.deadline >= 0 && r.compareAndSet(0, 2)) {
                    try {
                        r.thread.interrupt();
                    } catch (RuntimeException e) {
                        // A virtual thread whose carrier stopped cannot be woken: its request is lost with the server.
                    } finally {
                        r.set(3);
                    }
                }
            }
        }
    }

    /** Stops looking (the site stopped); handlers still running are no longer timed. */
    @Override
    public synchronized void close() {
        closed = true;
        Thread s = scanner;
        if (s != null) {
            LockSupport.unpark(s);
        }
    }
}
