package dev.conduit.internal.modules;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.PipelineEvent;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.NonBlocking;
import dev.conduit.internal.session.SessionRequest;
import dev.conduit.internal.session.SessionStateRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Session state: the Java form of System.Web's {@code SessionStateModule}, registered by the built-in root
 * configuration as {@code <httpModules><add name="Session" type="System.Web.SessionState.SessionStateModule"/>}.
 * Configured with {@code <system.web><sessionState>} in the site root's web.config (spec §6).
 *
 * <p><b>Events</b> (spec §5.7), in this order:
 *
 * <ul>
 *   <li>AcquireRequestState, asynchronous: loads the session when the handler is marked {@link
 *       dev.conduit.state.RequiresSessionState} (read/write, locked) or {@link dev.conduit.state.ReadOnlySessionState}
 *       (read-only, not locked, but waits behind a writer), or as {@link HttpContext#setSessionStateBehavior} says. A
 *       request waiting for another request's lock holds no thread: it is woken when the lock is released (System.Web
 *       polls every 0.5 s instead).
 *   <li>AcquireRequestState, synchronous, right after: raises {@code Session_Start} ({@link
 *       HttpApplication#sessionStart}) for a new session, on a pipeline thread.
 *   <li>ReleaseRequestState, asynchronous: saves the session if it changed and releases the lock.
 *   <li>EndRequest, asynchronous: does what ReleaseRequestState would have, when an error or {@link
 *       HttpContext#completeRequest()} skipped it (as System.Web; after an error nothing is saved, after {@code
 *       completeRequest()} or {@code response.redirect()} the session is saved).
 * </ul>
 *
 * <p>The lock, the store and the save rules are described in {@link SessionRequest}; session ids are 120 random bits
 * in an HttpOnly, SameSite=Lax cookie, Secure over TLS. Like every module, an instance serves one request at a time.
 */
public final class SessionStateModule implements HttpModule {
    /**
     * The session work of the request this module's application instance is serving (an instance serves one request
     * at a time), or {@code null} before AcquireRequestState and after the request.
     */
    private @Nullable SessionRequest current;

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Creates the module; the runtime does this once per application instance. */
    public SessionStateModule() {}

    @Override
    public void init(HttpApplication application) {
        application.onAsync(PipelineEvent.ACQUIRE_REQUEST_STATE, this::acquire);
        // Session_Start is site code that may block; when there is none to raise, the step runs where it is.
        application.on(PipelineEvent.ACQUIRE_REQUEST_STATE, new NonBlocking.Subscriber() {
            @Override
            public void handle(HttpContext context) {
                raiseSessionStart(context);
            }

            @Override
            public boolean mayBlock(HttpContext context) {
                SessionRequest request = current;
                return request != null && request.sessionStartPending();
            }
        });
        application.onAsync(PipelineEvent.RELEASE_REQUEST_STATE, this::release);
        application.onAsync(PipelineEvent.END_REQUEST, this::endRequest);
    }

    private CompletionStage<Void> acquire(HttpContext context) {
        ConduitContext c = ConduitContext.of(context);
        SessionStateRuntime runtime = c.site().feature(SessionStateRuntime.class, SessionStateRuntime::new);
        CompletionStage<Void> without = SessionRequest.acquireNone(runtime, c);
        if (without != null) {
            current = null;
            return without;
        }
        SessionRequest request = new SessionRequest(runtime, c);
        current = request;
        return request.acquire();
    }

    private void raiseSessionStart(HttpContext context) {
        SessionRequest request = current;
        if (request != null) {
            request.raiseSessionStart();
        }
    }

    private CompletionStage<Void> release(HttpContext context) {
        SessionRequest request = current;
        return request != null ? request.release() : DONE;
    }

    /** Saves or releases the session if ReleaseRequestState did not run; the instance then forgets the request. */
    private CompletionStage<Void> endRequest(HttpContext context) {
        SessionRequest request = current;
        current = null;
        return request != null ? request.release() : DONE;
    }
}
