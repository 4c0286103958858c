package dev.conduit.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Where session state lives: the Java form of System.Web's {@code SessionStateStoreProviderBase}, for the built-in
 * in-process store and for stores in other processes (Redis, SQL databases) that a site names in {@code
 * <sessionState mode="Custom" customProvider="name">} with {@code <providers><add name="name" type="..."/>}.
 *
 * <p><b>Locking.</b> The session module, not the store, decides what to do with a lock; the store only keeps it. A
 * read/write request calls {@link #getItemExclusive}, which either takes the session's exclusive lock (and returns
 * {@link SessionLookup.Found} with a fresh lock id) or reports it {@link SessionLookup.Locked} with the holder's lock
 * id and the lock's age. The request ends with exactly one of {@link #setAndReleaseItemExclusive}, {@link
 * #releaseItemExclusive} or {@link #removeItem}, passing that lock id back. A read-only request calls {@link #getItem},
 * which takes no lock but still reports a lock held by a writer, and waits behind it. A waiting request calls {@link
 * #awaitRelease} and then asks again; when the lock has been held for the request's {@code executionTimeout}, it
 * takes it over by calling {@link #releaseItemExclusive} with the holder's lock id. A call that passes a lock id that
 * is no longer the current one (the lock was taken over, or expired in the store) changes nothing and says so with
 * {@link Result#LOCK_LOST}: that request's changes are lost, as in System.Web, but not silently (the session module
 * counts it, logs the first, and writes it to the request's trace).
 *
 * <p><b>Threading.</b> Every method may be called from any thread, concurrently for different requests and sessions,
 * and must not block: a store that talks to a server returns a stage that its I/O completes. The session module
 * never runs site code on the thread that completes a stage, so a store may complete stages on its I/O threads.
 * A failed stage fails the request (a 500 unless the error is an {@link dev.conduit.HttpException}).
 *
 * <p><b>Time.</b> Lock ages and expiry are measured with {@link SessionStoreContext#clock()} where the store keeps
 * the times itself; a store whose server keeps them uses the server's clock. Each successful lookup, save, release
 * and {@link #resetItemTimeout} slides the session's expiry by its {@link SessionData#timeout()}.
 *
 * <p><b>Lifetime.</b> The runtime creates one instance per site with the public no-argument constructor, calls
 * {@link #initialize} once before any other method, and {@link #close} when the site stops.
 */
public interface SessionStore extends AutoCloseable {

    /** What became of a save, release or removal that named a lock. */
    enum Result {
        /** It was done. */
        DONE,
        /**
         * The lock id was no longer the session's lock (taken over after {@code executionTimeout}, or expired in the
         * store): nothing changed.
         */
        LOCK_LOST
    }

    /** Receives the store's configuration; called once, before any other method. The default does nothing. */
    default void initialize(SessionStoreContext context) {}

    /**
     * Reads a session for a read-only request, taking no lock, as {@code GetItem}: {@link SessionLookup.Found} with
     * lock id {@link SessionLookup#NO_LOCK}, {@link SessionLookup.Locked} when a writer holds the lock, or {@link
     * SessionLookup#MISSING}.
     */
    CompletionStage<SessionLookup> getItem(String id);

    /**
     * Reads a session and locks it for a read/write request, as {@code GetItemExclusive}: {@link
     * SessionLookup.Found} with the new lock's id, {@link SessionLookup.Locked} when another request holds the lock
     * (nothing changes then), or {@link SessionLookup#MISSING}.
     */
    CompletionStage<SessionLookup> getItemExclusive(String id);

    /**
     * Saves a session and releases its lock, as {@code SetAndReleaseItemExclusive}. With {@code newItem} the data is
     * inserted unlocked whatever is stored under {@code id} (an uninitialized item, say) and {@code lockId} is
     * ignored; otherwise the data replaces the stored data only when {@code lockId} is the current lock, and nothing
     * changes when it is not ({@link Result#LOCK_LOST}). The store owns {@code data} afterwards.
     */
    CompletionStage<Result> setAndReleaseItemExclusive(String id, SessionData data, long lockId, boolean newItem);

    /**
     * Releases a lock without saving, as {@code ReleaseItemExclusive}, and slides the expiry; nothing happens when
     * {@code lockId} is not the current lock ({@link Result#LOCK_LOST}). Wakes the requests waiting in {@link
     * #awaitRelease}.
     */
    CompletionStage<Result> releaseItemExclusive(String id, long lockId);

    /**
     * Removes a session ({@code Session.Abandon()}), as {@code RemoveItem}: when {@code lockId} is the current lock,
     * or when it is {@link SessionLookup#NO_LOCK} and the session is not locked. A store that supports {@link
     * #setItemExpireCallback} reports the removal to its listener. Wakes the requests waiting in {@link
     * #awaitRelease}. {@link Result#LOCK_LOST} when another lock holds the session (nothing is removed); {@link
     * Result#DONE} too when there was nothing to remove.
     */
    CompletionStage<Result> removeItem(String id, long lockId);

    /**
     * Slides a session's expiry without reading it, as {@code ResetItemTimeout}: for a request whose handler wants
     * no session but whose client sent a session id. Does nothing for an unknown id.
     */
    CompletionStage<Void> resetItemTimeout(String id);

    /**
     * Stores an empty, unlocked item under a new {@code id} to reserve it before the first save, as {@code
     * CreateUninitializedItem}; a later lookup reports it {@link SessionLookup.Found#uninitialized()}. Does nothing
     * when {@code id} exists.
     */
    CompletionStage<Void> createUninitializedItem(String id, Duration timeout);

    /**
     * Completes when the lock on {@code id} may have been released, or after {@code maxWait} at the latest; the
     * caller then asks again, so an early or spurious completion is harmless. Completes at once when {@code id} is
     * not locked or does not exist.
     *
     * <p>This replaces System.Web's 0.5 s polling: the in-process store completes waiters when the lock is
     * released; a Redis store can subscribe to a release channel. The default polls: it completes after 500 ms or
     * {@code maxWait}, whichever is shorter, as System.Web's {@code SessionStateLockedItemPollInterval}.
     */
    default CompletionStage<Void> awaitRelease(String id, Duration maxWait) {
        long millis = Math.max(1, Math.min(500, maxWait.toMillis()));
        return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /**
     * Asks the store to report sessions that expire or are removed, for {@code Session_End}; returns whether it
     * will. As in System.Web only the in-process store does; the default returns {@code false}.
     */
    default boolean setItemExpireCallback(SessionExpiryListener listener) {
        return false;
    }

    /**
     * Tells whether the store keeps the {@link SessionData} objects themselves, so that values need not be
     * serializable (the in-process store). The default, {@code false}, makes the session refuse values that are not
     * {@link java.io.Serializable} as soon as they are set.
     */
    default boolean keepsLiveObjects() {
        return false;
    }

    /** Releases what the store holds (connections, timers); called once when the site stops. The default does nothing. */
    @Override
    default void close() {}
}
