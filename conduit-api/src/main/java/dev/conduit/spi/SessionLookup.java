package dev.conduit.spi;

import java.time.Duration;

/**
 * What a {@link SessionStore} found for a session id: the data, a lock held by another request, or nothing. The
 * Java form of the {@code item}, {@code locked}, {@code lockAge}, {@code lockId} and {@code actions} results of
 * System.Web's {@code GetItem} and {@code GetItemExclusive}.
 */
public sealed interface SessionLookup {

    /** The lock id of a lookup that took no lock ({@link SessionStore#getItem}). */
    long NO_LOCK = 0L;

    /**
     * The session exists and, for {@link SessionStore#getItemExclusive}, is now locked by the caller.
     *
     * @param data the session's contents; the caller may change this object freely, the store does not see the
     *     changes until {@link SessionStore#setAndReleaseItemExclusive}
     * @param lockId the lock the caller now holds, to pass back when saving or releasing; {@link #NO_LOCK} from
     *     {@link SessionStore#getItem}
     * @param uninitialized whether the item was made by {@link SessionStore#createUninitializedItem} and never saved
     *     (System.Web's {@code SessionStateActions.InitializeItem}): the caller treats it as a new session
     */
    record Found(SessionData data, long lockId, boolean uninitialized) implements SessionLookup {}

    /**
     * Another request holds the session's lock.
     *
     * @param lockAge how long the lock has been held, by the store's clock
     * @param lockId the id of the lock, which a caller may pass to {@link SessionStore#releaseItemExclusive} to take
     *     over a lock held too long
     */
    record Locked(Duration lockAge, long lockId) implements SessionLookup {}

    /** There is no such session: it never existed, expired, or was removed. */
    record Missing() implements SessionLookup {}

    /** The one {@link Missing} value. */
    SessionLookup MISSING = new Missing();
}
