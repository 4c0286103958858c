package dev.conduit.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Values shared by every request of one application: the Java form of System.Web's {@code HttpApplicationState}
 * ({@code Application["key"]}).
 *
 * <p>Each single {@link #get}, {@link #set} or {@link #remove} is atomic on its own. A read-modify-write sequence
 * (a counter, say) takes the write lock with {@link #lock()} and releases it with {@link #unlock()}; the lock is
 * re-entrant for the thread that holds it. As in System.Web, the runtime force-releases a lock the request's thread
 * still holds when the request ends, so a forgotten {@code unlock()} cannot stall the application. State lives in
 * memory: it is not shared between servers and is lost when the application stops.
 */
public final class HttpApplicationState {
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** The value under {@code key} (keys compare ignoring case, as in System.Web), or {@code null}. */
    public @Nullable Object get(String key) {
        rw.readLock().lock();
        try {
            return values.get(normalize(key));
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Sets {@code key} to {@code value}; {@code null} removes it. */
    public void set(String key, @Nullable Object value) {
        rw.writeLock().lock();
        try {
            if (value == null) {
                values.remove(normalize(key));
            } else {
                values.put(normalize(key), value);
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Removes {@code key}. */
    public void remove(String key) {
        set(key, null);
    }

    /** The keys, in insertion order. */
    public List<String> keys() {
        rw.readLock().lock();
        try {
            return List.copyOf(values.keySet());
        } finally {
            rw.readLock().unlock();
        }
    }

    /** A copy of every entry, in insertion order (for tracing and diagnostics). */
    public Map<String, Object> snapshot() {
        rw.readLock().lock();
        try {
            return new LinkedHashMap<>(values);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Takes the write lock for a sequence of reads and writes; re-entrant; pair with {@link #unlock()}. */
    public void lock() {
        rw.writeLock().lock();
    }

    /**
     * Releases one hold of the write lock taken with {@link #lock()}.
     *
     * @throws IllegalMonitorStateException when the current thread does not hold it
     */
    public void unlock() {
        rw.writeLock().unlock();
    }

    /** Releases every hold the current thread still has; the runtime calls it when a request ends. */
    public void releaseHeldLocks() {
        while (rw.isWriteLockedByCurrentThread()) {
            rw.writeLock().unlock();
        }
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        List<String> k = new ArrayList<>(keys());
        return "HttpApplicationState" + k;
    }
}
