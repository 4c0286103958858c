package dev.conduit.internal.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A bounded last-in first-out stack of idle instances (application instances, pooled handlers) that allocates
 * nothing per push or pop, unlike a {@code ConcurrentLinkedDeque} (a node per push): a request takes an instance and
 * gives it back, so the pool's cost is paid on every request. Last-in first-out keeps the instances in use few and
 * warm. The array grows on demand up to {@code max}.
 *
 * <p><b>Never a monitor or a parking lock.</b> Network threads take from these stacks while the virtual threads they
 * carry give back to them ({@link LoopCarriedThreads}). A virtual thread that contends for a monitor unmounts, and
 * once woken to take it waits for its network thread to run it; had that network thread then blocked on the same
 * monitor, neither could run (seen under load with {@code synchronized} here) until the watch of {@link LoopRunQueue}
 * moved the virtual thread elsewhere, which is the rescue, not the way to serve every request. So the stack is guarded by a spin flag held for a few loads and stores, with no call that could unmount a virtual thread
 * inside: a holder is always running, and a contender only spins for those few instructions.
 *
 * <p><b>Trimmed, not capped low.</b> A pool keeps as many instances as its load needed at once (up to {@code max}) and
 * gives up, once per {@link #TRIM_INTERVAL_NANOS}, half of those no one took during the interval, the least recently
 * given first: System.Web trims its pool of application instances a little at a time too. A low cap would instead
 * drop and re-create instances on every burst above it: HTTP/2 serves up to 100 streams of a connection at once, and
 * 10 connections of 100 streams kept a pool capped at 256 creating an application instance for most requests.
 */
final class IdleStack<T> {
    /** How often the instances no one took are trimmed ({@link #trimAfterGive}). */
    static final long TRIM_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The share of the instances no one took during an interval that a trim takes. */
    static final double TRIM_SHARE = 0.5;
    /** The clock is read once in this many give-backs (a power of two): in time to trim, nothing per request. */
    private static final int CLOCK_EVERY = 64;

    private final int max;
    private final AtomicBoolean busy = new AtomicBoolean();
    private @Nullable Object[] items = new Object[4];
    private int size;
    /** The fewest idle since {@link #takeUnused} last looked: instances no request needed meanwhile. */
    private int low;
    /** Give-backs since the clock was last read; counted without synchronization (a lost count only delays a look). */
    private int gives;

    private final AtomicLong nextTrim = new AtomicLong(System.nanoTime() + TRIM_INTERVAL_NANOS);

    IdleStack(int max) {
        this.max = max;
    }

    private void lock() {
        while (!busy.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
    }

    private void unlock() {
        busy.setRelease(false); // a release store: what the holder wrote is seen by the next holder, with no fence
    }

    /** The most recently given instance, or null when none is idle. */
    @Nullable
    T poll() {
        lock();
        try {
            if (size == 0) {
                return null;
            }
            @SuppressWarnings("unchecked")
            T item = (T) items[--size];
            items[size] = null;
            if (size < low) {
                low = size;
            }
            return item;
        } finally {
            unlock();
        }
    }

    /** Keeps {@code item}; false (and not kept) when {@code max} are idle already. */
    boolean offer(T item) {
        lock();
        try {
            if (size == items.length) {
                if (size == max) {
                    return false;
                }
                items = Arrays.copyOf(items, Math.min(max, size * 2));
            }
            items[size++] = item;
            return true;
        } finally {
            unlock();
        }
    }

    /**
     * After a give-back: the instances no one took during the last {@link #TRIM_INTERVAL_NANOS}, {@link #TRIM_SHARE}
     * of them ({@link #takeUnused}), when an interval is over; else none. The clock is read once in {@link
     * #CLOCK_EVERY} calls, so a pool whose requests stopped keeps its instances until they come again.
     */
    List<T> trimAfterGive() {
        if ((++gives & (CLOCK_EVERY - 1)) != 0) {
            return List.of();
        }
        return trimIfDue(System.nanoTime());
    }

    /** The trim of {@link #trimAfterGive}, at {@code now} ({@link System#nanoTime()}): one caller per interval. */
    List<T> trimIfDue(long now) {
        long due = nextTrim.get();
        if (now - due < 0 || !nextTrim.compareAndSet(due, now + TRIM_INTERVAL_NANOS)) {
            return List.of();
        }
        return takeUnused(TRIM_SHARE);
    }

    /**
     * Removes up to {@code share} (0 to 1) of the instances that stayed idle since the last call, the least recently
     * given first (the bottom of the stack), and starts the next period; at least one when any stayed idle.
     */
    List<T> takeUnused(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be between 0 and 1: " + share);
        }
        List<T> taken;
        lock();
        try {
            int n = low == 0 ? 0 : Math.max(1, (int) (low * share));
            taken = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                @SuppressWarnings("unchecked")
                T item = (T) items[i];
                taken.add(item);
            }
            System.arraycopy(items, n, items, 0, size - n);
            Arrays.fill(items, size - n, size, null);
            size -= n;
            low = size;
        } finally {
            unlock();
        }
        return taken;
    }

    int size() {
        lock();
        try {
            return size;
        } finally {
            unlock();
        }
    }

    /** Removes every idle instance, handing each to {@code action} outside the lock. */
    void drain(Consumer<? super T> action) {
        T item;
        while ((item = poll()) != null) {
            action.accept(item);
        }
    }
}
