package dev.conduit.spi;

/**
 * Told when a session ends in a store that can notice it, for {@code Session_End}; see {@link
 * SessionStore#setItemExpireCallback}.
 */
@FunctionalInterface
public interface SessionExpiryListener {
    /**
     * Called once per ended session, after the store has removed it, on a thread that may block and holds no store
     * lock. Not called for items made by {@link SessionStore#createUninitializedItem} and never saved. An exception
     * is logged by the caller and otherwise ignored.
     *
     * @param id the session id
     * @param data the session's last saved contents
     */
    void sessionEnded(String id, SessionData data);
}
