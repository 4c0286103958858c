package dev.conduit.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The requests waiting for session locks, for a {@link SessionStore} whose releases are announced (Redis pub/sub,
 * PostgreSQL NOTIFY, or the store itself): {@link SessionStore#awaitRelease} registers a waiter here, and the store
 * {@link #wake wakes} the waiters of a session when it hears of a release. An announcement can be lost, so every
 * waiter also completes after the re-poll interval (or its {@code maxWait}, if shorter) and its request asks again.
 * Thread-safe.
 */
public final class ReleaseWaiters {
    private final Map<String, Queue<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final Duration repoll;

    /** Waiters that ask again after at most {@code repoll}. */
    public ReleaseWaiters(Duration repoll) {
        if (!repoll.isPositive()) {
            throw new IllegalArgumentException("repoll must be positive: " + repoll);
        }
        this.repoll = repoll;
    }

    /**
     * A new waiter for {@code id}: completes at {@link #wake}, or after the re-poll interval or {@code maxWait},
     * whichever is shorter. Register it before checking whether the lock is free, so a release in between is not
     * missed; complete it at once when the check finds the lock free.
     */
    public CompletableFuture<Void> await(String id, Duration maxWait) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        Queue<CompletableFuture<Void>> q = waiters.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
        q.add(waiter);
        waiter.whenComplete((v, e) -> {
            q.remove(waiter);
            waiters.computeIfPresent(id, (k, current) -> current.isEmpty() ? null : current);
        });
        long millis = Math.max(1, Math.min(repoll.toMillis(), maxWait.toMillis()));
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> waiter.complete(null));
        return waiter;
    }

    /** Wakes every request waiting for {@code id} (they then ask the store again). */
    public void wake(String id) {
        Queue<CompletableFuture<Void>> q = waiters.get(id);
        if (q != null) {
            for (CompletableFuture<Void> f : q) {
                f.complete(null);
            }
        }
    }

    /** Wakes every waiter (the store is closing). */
    public void wakeAll() {
        for (Queue<CompletableFuture<Void>> q : waiters.values()) {
            q.forEach(f -> f.complete(null));
        }
    }

    /** The re-poll interval. */
    public Duration repoll() {
        return repoll;
    }
}
