package dev.conduit.internal.pipeline;

import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A bounded last-in first-out stack of idle instances (application instances, pooled handlers) that allocates
 * nothing per push or pop, unlike a {@code ConcurrentLinkedDeque} (a node per push): a request takes an instance and
 * gives it back, so the pool's cost is paid on every request. Guarded by the stack's monitor: the critical sections
 * are a few loads and stores, held by the network threads only for that, so the lock is uncontended in practice.
 * Last-in first-out keeps the instances in use few and warm. The array grows on demand up to {@code max}.
 */
final class IdleStack<T> {
    private final int max;
    private @Nullable Object[] items = new Object[4];
    private int size;

    IdleStack(int max) {
        this.max = max;
    }

    /** The most recently given instance, or null when none is idle. */
    synchronized @Nullable T poll() {
        if (size == 0) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T item = (T) items[--size];
        items[size] = null;
        return item;
    }

    /** Keeps {@code item}; false (and not kept) when {@code max} are idle already. */
    synchronized boolean offer(T item) {
        if (size == items.length) {
            if (size == max) {
                return false;
            }
            items = Arrays.copyOf(items, Math.min(max, size * 2));
        }
        items[size++] = item;
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** Removes every idle instance, handing each to {@code action} outside the lock. */
    void drain(Consumer<? super T> action) {
        T item;
        while ((item = poll()) != null) {
            action.accept(item);
        }
    }
}
