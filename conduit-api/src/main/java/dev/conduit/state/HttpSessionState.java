package dev.conduit.state;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One user's session: the Java form of System.Web's {@code HttpSessionState} ({@code context.Session}).
 *
 * <p>Available from AcquireRequestState on, and only to handlers marked {@link RequiresSessionState} or {@link
 * ReadOnlySessionState} (otherwise {@link dev.conduit.HttpContext#session()} is {@code null}). Values stored with an
 * out-of-process store must be {@link java.io.Serializable}. Changes are saved at ReleaseRequestState unless the
 * request failed or the session is read-only.
 */
public interface HttpSessionState {

    /** The session id: at least 120 random bits, URL-safe. */
    String sessionId();

    /** Tells whether the session was created by this request. */
    boolean isNewSession();

    /** Tells whether this request may only read the session (its changes are not saved). */
    boolean isReadOnly();

    /** The value under {@code key} (keys compare ignoring case), or {@code null}. */
    @Nullable
    Object get(String key);

    /** Sets {@code key}; {@code null} removes it. */
    void set(String key, @Nullable Object value);

    /** Removes {@code key}. */
    void remove(String key);

    /** Removes every value. */
    void clear();

    /** The keys, in insertion order. */
    List<String> keys();

    /** The idle time after which the session expires (sliding); 20 minutes by default. */
    Duration timeout();

    /** Changes this session's timeout. */
    void setTimeout(Duration timeout);

    /** Ends the session at the end of this request (Session_End runs for in-process sessions). */
    void abandon();

    /** Tells whether {@link #abandon()} was called. */
    boolean isAbandoned();
}
