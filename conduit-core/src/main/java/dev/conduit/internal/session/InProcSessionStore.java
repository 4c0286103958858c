package dev.conduit.internal.session;

import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionExpiryListener;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStore.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The in-process store ({@code mode="InProc"}, the default), as System.Web's {@code InProcSessionStateStore}: sessions
 * live in this JVM's memory as live objects, so values need not be serializable, and are lost when the site stops.
 *
 * <p><b>Concurrency.</b> Every operation on one id runs atomically inside {@link ConcurrentHashMap#compute}; what an
 * operation must do outside that lock (waking waiters, reporting an ended session) is collected and done after it.
 * Every stage returned is already complete, except {@link #awaitRelease}'s.
 *
 * <p><b>Waiting.</b> A request that finds the session locked registers in the entry's waiter list with {@link
 * #awaitRelease}; releasing, saving or removing the session wakes every waiter (on a virtual thread of its own, never
 * on the releasing request's thread), and each asks again: one writer wins the lock, readers all proceed. Nothing
 * polls. A waiter's {@code maxWait} is a real-time bound, after which it asks again too; the session module computes
 * it from the lock's age so that a stuck lock is looked at again when it becomes old enough to take over.
 *
 * <p><b>Expiry.</b> A session expires when it has not been read, saved, released or touched for its timeout, measured
 * with the injected clock. Expiry is noticed lazily, by the first operation on the id, and by a sweep over every
 * session that runs periodically on a daemon thread. Either way the session is removed and reported to the {@link
 * SessionExpiryListener} ({@code Session_End}), on a virtual thread. Removal ({@code Session.Abandon()}) is reported
 * the same way.
 */
public final class InProcSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger("dev.conduit.session");

    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong lockIds = new AtomicLong();
    private final Executor background =
            command -> Thread.ofVirtual().name("conduit-session").start(command);
    private final ScheduledExecutorService sweeper;
    private volatile @Nullable SessionExpiryListener listener;

    /** One stored session. Guarded by the map's per-key lock: read and written inside {@code compute} only. */
    private static final class Entry {
        SessionData data;
        Instant expiresAt;
        boolean uninitialized;
        long lockId = SessionLookup.NO_LOCK;
        Instant lockedAt = Instant.EPOCH;
        final List<CompletableFuture<Void>> waiters = new ArrayList<>(0);

        Entry(SessionData data, Instant now, boolean uninitialized) {
            this.data = data;
            this.uninitialized = uninitialized;
            this.expiresAt = now.plus(data.timeout());
        }

        void touch(Instant now) {
            expiresAt = now.plus(data.timeout());
        }

        boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        boolean isLocked() {
            return lockId != SessionLookup.NO_LOCK;
        }
    }

    /** What an operation must do once it has left the entry's lock. */
    private final class After {
        @Nullable
        List<CompletableFuture<Void>> wake;

        @Nullable
        Entry ended;

        void wakeAll(Entry e) {
            if (!e.waiters.isEmpty()) {
                wake = new ArrayList<>(e.waiters);
                e.waiters.clear();
            }
        }

        void end(Entry e) {
            wakeAll(e);
            ended = e;
        }

        void run(String id) {
            List<CompletableFuture<Void>> w = wake;
            if (w != null) {
                for (CompletableFuture<Void> f : w) {
                    background.execute(() -> f.complete(null));
                }
            }
            Entry e = ended;
            SessionExpiryListener l = listener;
            if (e != null && l != null && !e.uninitialized) {
                SessionData data = e.data;
                background.execute(() -> {
                    try {
                        l.sessionEnded(id, data);
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "Session_End failed", ex);
                    }
                });
            }
        }
    }

    /**
     * Creates a store that measures time with {@code clock} and sweeps expired sessions every {@code sweepInterval}.
     */
    public InProcSessionStore(Clock clock, Duration sweepInterval) {
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conduit-session-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, sweepInterval.toMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<SessionLookup> getItem(String id) {
        return lookup(id, false);
    }

    @Override
    public CompletionStage<SessionLookup> getItemExclusive(String id) {
        return lookup(id, true);
    }

    private CompletionStage<SessionLookup> lookup(String id, boolean exclusive) {
        Instant now = clock.instant();
        After after = new After();
        SessionLookup[] result = {SessionLookup.MISSING};
        entries.computeIfPresent(id, (k, e) -> {
            if (e.isExpired(now)) {
                after.end(e);
                return null;
            }
            if (e.isLocked()) {
                result[0] = new SessionLookup.Locked(age(e.lockedAt, now), e.lockId);
                return e;
            }
            long lock = SessionLookup.NO_LOCK;
            if (exclusive) {
                lock = lockIds.incrementAndGet();
                e.lockId = lock;
                e.lockedAt = now;
            }
            e.touch(now);
            result[0] = new SessionLookup.Found(e.data.copy(), lock, e.uninitialized);
            return e;
        });
        after.run(id);
        return CompletableFuture.completedFuture(result[0]);
    }

    @Override
    public CompletionStage<Result> setAndReleaseItemExclusive(
            String id, SessionData data, long lockId, boolean newItem) {
        Instant now = clock.instant();
        After after = new After();
        boolean[] lost = {false};
        entries.compute(id, (k, e) -> {
            if (newItem) {
                Entry fresh = new Entry(data, now, false);
                if (e != null) {
                    after.wakeAll(e);
                }
                return fresh;
            }
            if (e == null || !e.isLocked() || e.lockId != lockId) {
                lost[0] = true;
                return e; // the lock was taken over (or the session expired): this request's changes are lost
            }
            e.data = data;
            e.uninitialized = false;
            e.lockId = SessionLookup.NO_LOCK;
            e.touch(now);
            after.wakeAll(e);
            return e;
        });
        after.run(id);
        return CompletableFuture.completedFuture(lost[0] ? Result.LOCK_LOST : Result.DONE);
    }

    @Override
    public CompletionStage<Result> releaseItemExclusive(String id, long lockId) {
        Instant now = clock.instant();
        After after = new After();
        boolean[] released = {false};
        entries.computeIfPresent(id, (k, e) -> {
            if (e.isLocked() && e.lockId == lockId) {
                e.lockId = SessionLookup.NO_LOCK;
                e.touch(now);
                after.wakeAll(e);
                released[0] = true;
            }
            return e;
        });
        after.run(id);
        return CompletableFuture.completedFuture(released[0] ? Result.DONE : Result.LOCK_LOST);
    }

    @Override
    public CompletionStage<Result> removeItem(String id, long lockId) {
        After after = new After();
        boolean[] lost = {false};
        entries.computeIfPresent(id, (k, e) -> {
            if (e.lockId != lockId) {
                lost[0] = true;
                return e;
            }
            after.end(e);
            return null;
        });
        after.run(id);
        return CompletableFuture.completedFuture(lost[0] ? Result.LOCK_LOST : Result.DONE);
    }

    @Override
    public CompletionStage<Void> resetItemTimeout(String id) {
        Instant now = clock.instant();
        After after = new After();
        entries.computeIfPresent(id, (k, e) -> {
            if (e.isExpired(now)) {
                after.end(e);
                return null;
            }
            e.touch(now);
            return e;
        });
        after.run(id);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> createUninitializedItem(String id, Duration timeout) {
        Instant now = clock.instant();
        entries.putIfAbsent(id, new Entry(new SessionData(timeout), now, true));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> awaitRelease(String id, Duration maxWait) {
        Instant now = clock.instant();
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        After after = new After();
        boolean[] waiting = {false};
        entries.computeIfPresent(id, (k, e) -> {
            if (e.isExpired(now)) {
                after.end(e);
                return null;
            }
            if (e.isLocked()) {
                e.waiters.add(waiter);
                waiting[0] = true;
            }
            return e;
        });
        after.run(id);
        if (!waiting[0]) {
            return CompletableFuture.completedFuture(null);
        }
        waiter.whenComplete((ignored, error) -> entries.computeIfPresent(id, (k, e) -> {
            e.waiters.remove(waiter);
            return e;
        }));
        waiter.completeOnTimeout(null, Math.max(1, maxWait.toMillis()), TimeUnit.MILLISECONDS);
        return waiter;
    }

    @Override
    public boolean setItemExpireCallback(SessionExpiryListener newListener) {
        this.listener = newListener;
        return true;
    }

    @Override
    public boolean keepsLiveObjects() {
        return true;
    }

    /** Removes every expired session and reports each to the listener; runs periodically, and tests call it. */
    public void sweep() {
        Instant now = clock.instant();
        for (String id : entries.keySet()) {
            After after = new After();
            entries.computeIfPresent(id, (k, e) -> {
                if (!e.isExpired(now)) {
                    return e;
                }
                after.end(e);
                return null;
            });
            after.run(id);
        }
    }

    /** How many sessions are stored, expired ones not yet noticed included. */
    public int size() {
        return entries.size();
    }

    /** Stops the sweep and drops every session without reporting it; waiters are woken and find nothing. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (String id : entries.keySet()) {
            After after = new After();
            entries.computeIfPresent(id, (k, e) -> {
                after.wakeAll(e);
                return null;
            });
            after.run(id);
        }
    }

    private static Duration age(Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
