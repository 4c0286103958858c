package dev.conduit.internal.session;

import dev.conduit.spi.SessionData;
import dev.conduit.state.HttpSessionState;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpSessionState} a request sees: a working copy of the stored {@link SessionData} with dirty
 * tracking, so that the module saves only what changed (spec §6.4).
 *
 * <p>Each request works on its own copy of the session's key/value map: a failed request's {@code set} and {@code
 * remove} calls are discarded, and a read-only request's changes are never seen by anyone. The values themselves
 * are shared with the in-process store, so mutating a stored object in place is visible at once, as System.Web's
 * "InProc object mutation" (a deliberate difference: System.Web InProc hands out the stored collection itself, so
 * there even {@code Session["k"] = v} under a failing or read-only request sticks).
 *
 * <p>Not thread-safe, as the request that owns it.
 */
public final class SessionState implements HttpSessionState {
    private final String id;
    private final SessionData data;
    private final boolean isNew;
    private final boolean readOnly;
    private final boolean serializableOnly;
    private boolean dirty;
    private boolean abandoned;

    /**
     * Wraps {@code data}, which this object now owns.
     *
     * @param serializableOnly whether values must be {@link Serializable} (an out-of-process store)
     */
    SessionState(String id, SessionData data, boolean isNew, boolean readOnly, boolean serializableOnly) {
        this.id = id;
        this.data = data;
        this.isNew = isNew;
        this.readOnly = readOnly;
        this.serializableOnly = serializableOnly;
    }

    /** The data to save. */
    SessionData data() {
        return data;
    }

    /** Tells whether a value or the timeout was changed. */
    boolean isDirty() {
        return dirty;
    }

    @Override
    public String sessionId() {
        return id;
    }

    @Override
    public boolean isNewSession() {
        return isNew;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public @Nullable Object get(String key) {
        return data.get(key);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the store keeps serialized data and {@code value} is not {@link
     *     Serializable}
     */
    @Override
    public void set(String key, @Nullable Object value) {
        if (serializableOnly && value != null && !(value instanceof Serializable)) {
            throw new IllegalArgumentException("session values must be Serializable with an out-of-process store: '"
                    + key + "' is a " + value.getClass().getName());
        }
        data.set(key, value);
        dirty = true;
    }

    @Override
    public void remove(String key) {
        data.remove(key);
        dirty = true;
    }

    @Override
    public void clear() {
        data.clear();
        dirty = true;
    }

    @Override
    public List<String> keys() {
        return data.keys();
    }

    @Override
    public Duration timeout() {
        return data.timeout();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when it is not between 1 and 525,600 minutes
     */
    @Override
    public void setTimeout(Duration timeout) {
        data.setTimeout(timeout);
        dirty = true;
    }

    @Override
    public void abandon() {
        abandoned = true;
    }

    @Override
    public boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public String toString() {
        return "HttpSessionState[" + id + (readOnly ? ", read-only" : "") + (isNew ? ", new" : "") + "] " + data.keys();
    }
}
