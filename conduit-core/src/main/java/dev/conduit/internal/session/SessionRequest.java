package dev.conduit.internal.session;

import dev.conduit.HttpCookie;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.state.ReadOnlySessionState;
import dev.conduit.state.RequiresSessionState;
import dev.conduit.state.SessionStateBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The session of one request, from AcquireRequestState to its release: System.Web's {@code SessionStateModule} logic
 * for one request (spec §6.2–6.4, §6.6).
 *
 * <p><b>Acquire.</b> Whether the request gets a session follows {@link #need}. A request that needs none but carries a
 * session id slides that session's expiry. Otherwise the id from the cookie is looked up: a read/write request with
 * {@link SessionStore#getItemExclusive}, a read-only one with {@link SessionStore#getItem}. An id that is malformed,
 * unknown or expired is never adopted: the request gets a new session with a new id, sent in a new cookie. When
 * another request holds the lock, the request waits in {@link SessionStore#awaitRelease} and asks again; when the
 * lock's age reaches the waiting request's {@code executionTimeout} (by the runtime's clock) it takes the lock over;
 * when the waiting request itself has run for its {@code executionTimeout} it fails with 503 "Request timed out."
 * (System.Web's status is 500; 503 as for an overrunning handler). An {@code executionTimeout} of 0 means locks are
 * never taken over.
 *
 * <p><b>Release</b> (ReleaseRequestState, or EndRequest when that was skipped, as System.Web's {@code OnEndRequest}
 * does): an abandoned session is removed; after an error only the lock is released; otherwise the session is saved
 * when a read/write request changed it, or when it is new and holds something or the application defines {@code
 * Session_Start} (a read-only request saves only such a new session). A new session that is not saved has its cookie
 * taken back while the headers are unsent, so the client is not given an id that leads nowhere.
 *
 * <p>Not thread-safe: used by its request's steps, one at a time.
 */
public final class SessionRequest {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** When an executionTimeout of 0 leaves no bound, a waiter still looks again this often. */
    private static final Duration UNBOUNDED_RECHECK = Duration.ofMinutes(1);

    /** What a request needs. */
    public enum Need {
        NONE,
        READ_ONLY,
        READ_WRITE
    }

    private final SessionStateRuntime runtime;
    private final ConduitContext context;
    private boolean exclusive;
    private long lockId = SessionLookup.NO_LOCK;
    private @Nullable SessionState state;
    private @Nullable HttpCookie issued;
    private boolean startRaised;
    private boolean released;

    /** Creates the session state of {@code context}'s request. */
    public SessionRequest(SessionStateRuntime runtime, ConduitContext context) {
        this.runtime = runtime;
        this.context = context;
    }

    /**
     * What the request needs (spec §6.2): {@link SessionStateBehavior} when set, else the handler's markers: {@link
     * ReadOnlySessionState} for read-only, {@link RequiresSessionState} for read/write, neither for none.
     */
    public static Need need(SessionStateBehavior behavior, @Nullable HttpHandler handler) {
        return switch (behavior) {
            case REQUIRED -> Need.READ_WRITE;
            case READ_ONLY -> Need.READ_ONLY;
            case DISABLED -> Need.NONE;
            case DEFAULT -> {
                if (handler instanceof ReadOnlySessionState) {
                    yield Need.READ_ONLY;
                }
                yield handler instanceof RequiresSessionState ? Need.READ_WRITE : Need.NONE;
            }
        };
    }

    /** The request's session, once acquired; {@code null} when it has none. */
    public @Nullable SessionState state() {
        return state;
    }

    /** Acquires the session (AcquireRequestState); the stage completes when the request may go on. */
    public CompletionStage<Void> acquire() {
        CompletionStage<Void> without = acquireNone(runtime, context);
        if (without != null) {
            return without;
        }
        SessionStore store = runtime.store();
        exclusive = need(context.sessionStateBehavior(), context.handler()) == Need.READ_WRITE;
        String incoming = incomingId(runtime, context);
        if (incoming == null) {
            startNew(store);
            return DONE;
        }
        return fetch(store, incoming);
    }

    /**
     * AcquireRequestState for a request that needs no session (or a site without a store): the request gets none, and
     * the session its cookie names, if any, has its expiry slid. Returns {@code null} when the request needs a
     * session: then a {@code SessionRequest} does the work. So a request without a session allocates nothing for it.
     */
    public static @Nullable CompletionStage<Void> acquireNone(SessionStateRuntime runtime, ConduitContext context) {
        SessionStore store = runtime.store();
        if (store != null && need(context.sessionStateBehavior(), context.handler()) != Need.NONE) {
            return null;
        }
        context.attachSession(null);
        String incoming = store == null ? null : incomingId(runtime, context);
        return incoming == null ? DONE : store.resetItemTimeout(incoming);
    }

    private static @Nullable String incomingId(SessionStateRuntime runtime, ConduitContext context) {
        HttpCookie c = context.request().cookie(runtime.settings().cookieName());
        return c != null && SessionIds.isValid(c.value()) ? c.value() : null;
    }

    private CompletionStage<Void> fetch(SessionStore store, String id) {
        CompletionStage<SessionLookup> lookup = exclusive ? store.getItemExclusive(id) : store.getItem(id);
        return lookup.thenCompose(found -> switch (found) {
            case SessionLookup.Found f -> {
                adopt(store, id, f);
                yield DONE;
            }
            case SessionLookup.Missing m -> {
                startNew(store);
                yield DONE;
            }
            case SessionLookup.Locked l -> waitFor(store, id, l);
        });
    }

    private CompletionStage<Void> waitFor(SessionStore store, String id, SessionLookup.Locked locked) {
        Duration limit = context.config().runtime().executionTimeout();
        Duration maxWait = UNBOUNDED_RECHECK;
        if (limit.isPositive()) {
            if (locked.lockAge().compareTo(limit) >= 0) {
                // As System.Web: a lock held for a whole executionTimeout belongs to a request that is stuck or gone.
                return store.releaseItemExclusive(id, locked.lockId()).thenCompose(v -> fetch(store, id));
            }
            Instant now = context.site().clock().instant();
            Duration waited = Duration.between(context.timestamp(), now);
            if (waited.compareTo(limit) >= 0) {
                return CompletableFuture.failedFuture(new HttpException(503, "Request timed out."));
            }
            Duration untilTakeover = limit.minus(locked.lockAge());
            Duration untilOwnTimeout = limit.minus(waited);
            maxWait = untilTakeover.compareTo(untilOwnTimeout) < 0 ? untilTakeover : untilOwnTimeout;
        }
        return store.awaitRelease(id, maxWait).thenCompose(v -> fetch(store, id));
    }

    private void adopt(SessionStore store, String id, SessionLookup.Found found) {
        lockId = found.lockId();
        state = new SessionState(id, found.data(), found.uninitialized(), !exclusive, !store.keepsLiveObjects());
        context.attachSession(state);
    }

    private void startNew(SessionStore store) {
        String id = SessionIds.create();
        SessionData data = new SessionData(runtime.settings().timeout());
        state = new SessionState(id, data, true, !exclusive, !store.keepsLiveObjects());
        HttpCookie cookie = runtime.cookie(id, context.request().isSecureConnection());
        context.response().addCookie(cookie);
        issued = cookie;
        context.attachSession(state);
    }

    /** Whether {@link #raiseSessionStart()} would call the application's {@code sessionStart} (site code). */
    public boolean sessionStartPending() {
        SessionState s = state;
        return s != null && s.isNewSession() && !startRaised;
    }

    /**
     * Raises {@code Session_Start} when the session is new (spec §6.6): during AcquireRequestState, after the id
     * exists, for read/write and read-only requests alike. Runs on a pipeline thread; may block.
     */
    public void raiseSessionStart() {
        SessionState s = state;
        if (s == null || !s.isNewSession() || startRaised) {
            return;
        }
        startRaised = true;
        context.applicationInstance().sessionStart(context.handle(), s);
    }

    /** Saves or releases the session (once; later calls do nothing); the stage completes when the store is done. */
    public CompletionStage<Void> release() {
        SessionState s = state;
        SessionStore store = runtime.store();
        if (released || s == null || store == null) {
            released = true;
            return DONE;
        }
        released = true;
        String id = s.sessionId();
        if (s.isAbandoned()) {
            takeBackCookie();
            if (s.isNewSession() && lockId == SessionLookup.NO_LOCK) {
                endNeverStored(id, s.data());
                return DONE;
            }
            return reported(store.removeItem(id, lockId), id, "removing the abandoned session");
        }
        if (context.error() != null) {
            takeBackCookie();
            return releaseLock(store, id);
        }
        boolean save;
        if (s.isNewSession()) {
            boolean start = SessionStateRuntime.hasSessionStart(context.applicationInstance());
            save = start || (!s.isReadOnly() && !s.data().isEmpty());
        } else {
            save = !s.isReadOnly() && s.isDirty();
        }
        if (save) {
            return reported(
                    store.setAndReleaseItemExclusive(id, s.data(), lockId, lockId == SessionLookup.NO_LOCK),
                    id,
                    "saving the session");
        }
        if (s.isNewSession()) {
            takeBackCookie();
        }
        return releaseLock(store, id);
    }

    private CompletionStage<Void> releaseLock(SessionStore store, String id) {
        return lockId == SessionLookup.NO_LOCK
                ? DONE
                : reported(store.releaseItemExclusive(id, lockId), id, "releasing the lock");
    }

    /** The store's answer, with a lost lock reported (counted, logged once, traced). */
    private CompletionStage<Void> reported(CompletionStage<SessionStore.Result> result, String id, String what) {
        return result.thenAccept(r -> {
            if (r == SessionStore.Result.LOCK_LOST) {
                runtime.lockLost(context.handle(), id, what);
            }
        });
    }

    /** A new session abandoned by its first request was never stored; the store cannot report it, so we do. */
    private void endNeverStored(String id, SessionData data) {
        if (runtime.reportsEnd()) {
            Thread.ofVirtual().name("conduit-session-end").start(() -> runtime.raiseSessionEnd(id, data));
        }
    }

    private void takeBackCookie() {
        HttpCookie c = issued;
        if (c != null) {
            context.response().removeCookie(c);
            issued = null;
        }
    }
}
