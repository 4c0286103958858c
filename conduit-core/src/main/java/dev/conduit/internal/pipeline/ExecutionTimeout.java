package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs synchronous handlers under their folder's {@code executionTimeout} (0: none), as System.Web's {@code
 * RequestTimeoutManager}: a handler that overruns has its thread interrupted and the request fails with 503 "Request
 * timed out." (System.Web answers 500; 503 says the server gave up, not that it broke). An async handler's start is not
 * timed, as in System.Web.
 *
 * <p>As System.Web's, the timing costs a request almost nothing: each application instance (which runs one request at
 * a time) has a {@link Slot}, registered once, that a run marks as running and then as finished, and one thread per
 * site looks through the slots every {@link #SCAN_MILLIS} ms (System.Web: every 15 s). A run's start is the scan that
 * first sees it running, not a clock read of its own: so a handler is interrupted between its timeout and two scans
 * later, and a request neither allocates nor reads the clock for it. (A timer per
 * request, scheduled and cancelled, cost a lock and often a wake-up of the timer thread per request, and kept every
 * cancelled timer until its deadline: 110 s of them at the default.)
 */
final class ExecutionTimeout implements AutoCloseable {
    static final long SCAN_MILLIS = 250;

    private static final long IDLE = 0;
    private static final long RUNNING = 1;
    private static final long TIMED_OUT = 2;
    private static final long INTERRUPTED = 3;
    private static final long STATUS = 3;
    private static final long GENERATION = 4;

    /**
     * The timing of one application instance's handler runs: the state is a run's generation (in the bits above
     * the lowest two) and its status, so that the scanner's decision about one run can never land on a later one;
     * the thread and the timeout are written before the run is marked running, with a release store that publishes
     * them to the scanner, which reads them after it has read that mark (plain fields: no fence per run).
     */
    static final class Slot extends AtomicLong {
        private @Nullable Thread thread;
        private long timeoutNanos;
        /** The running state the scanner last saw, and when it first saw it (the scanner's alone). */
        private long seenState;

        private long seenAt;
        /** The site's timing this slot is registered with (touched only by the instance's request, one at a time). */
        private @Nullable ExecutionTimeout registeredWith;

        /** Takes the slot out of its site's scan (its instance is discarded). */
        void forget() {
            ExecutionTimeout t = registeredWith;
            if (t != null) {
                t.slots.remove(this);
                registeredWith = null;
            }
        }
    }

    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
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

    /** Runs {@code h} timed through {@code slot}, the slot of the application instance serving {@code c}. */
    void run(ConduitContext c, HttpHandler h, Slot slot) throws Exception {
        long timeout = c.config().runtime().executionTimeout().toNanos();
        if (timeout <= 0) {
            h.processRequest(c.handle());
            return;
        }
        if (scanner == null) {
            startScanner();
        }
        if (slot.registeredWith != this) {
            slot.forget();
            slots.add(slot);
            slot.registeredWith = this;
        }
        slot.thread = Thread.currentThread();
        slot.timeoutNanos = timeout;
        long generation = (slot.get() & ~STATUS) + GENERATION;
        slot.setRelease(generation | RUNNING);
        Throwable failure = null;
        try {
            h.processRequest(c.handle());
        } catch (Throwable t) {
            failure = t;
        }
        boolean inTime = slot.compareAndSet(generation | RUNNING, generation | IDLE);
        if (!inTime) {
            while (slot.get() != (generation | INTERRUPTED)) {
                Thread.onSpinWait(); // the scanner is between its decision and the interrupt
            }
            slot.set(generation | IDLE);
        }
        slot.thread = null;
        if (!inTime) {
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
            for (Slot s : slots) {
                long state = s.get();
                if ((state & STATUS) != RUNNING) {
                    continue;
                }
                if (state != s.seenState) {
                    s.seenState = state; // a run not seen before: it started since the last scan
                    s.seenAt = now;
                    continue;
                }
                if (now - s.seenAt < s.timeoutNanos) {
                    continue;
                }
                long generation = state & ~STATUS;
                // The timeout read may be a later run's; then the state changed too, and this fails.
                if (s.compareAndSet(state, generation | TIMED_OUT)) {
                    try {
                        Thread t = s.thread;
                        if (t != null) {
                            t.interrupt();
                        }
                    } catch (RuntimeException e) {
                        // Not expected (a virtual thread whose loop stopped finishes on a rescue carrier): the slot is
                        // freed anyway.
                    } finally {
                        s.set(generation | INTERRUPTED);
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
