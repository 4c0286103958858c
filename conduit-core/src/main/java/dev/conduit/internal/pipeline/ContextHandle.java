package dev.conduit.internal.pipeline;

import dev.conduit.ConfigurationElement;
import dev.conduit.ConnectionStringSettings;
import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpRequest;
import dev.conduit.HttpResponse;
import dev.conduit.HttpServerUtility;
import dev.conduit.feature.FeatureSite;
import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.HttpSessionState;
import dev.conduit.state.SessionStateBehavior;
import dev.conduit.trace.TraceContext;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpContext} site code is given: a handle on the application instance's {@link ConduitContext} for one
 * request. The context is reset and reused for the instance's next request; the handle is not. Every call checks that
 * the request the handle was made for is still the one served, so a reference kept past its request (an async
 * continuation that outlives it, a thread the site started, a static field) fails with {@link IllegalStateException}
 * instead of reading or writing another request. The request and response handles it hands out check the same way.
 *
 * <p>What the check does not do is make the context thread-safe, which ASP.NET's {@code HttpContext} is not either: a
 * thread the site started may use the handle while the request runs only as far as the site orders those calls with
 * the request's own (a call racing with the end of its request may still pass the check just before it).
 *
 * <p>The check is one field compared with one constant; a handle costs 32 bytes per request, and its request and
 * response handles 16 each once asked for.
 */
public final class ContextHandle implements HttpContext, FeatureSite.Provider {
    private final ConduitContext target;
    private final int generation;
    private @Nullable RequestHandle request;
    private @Nullable ResponseHandle response;

    ContextHandle(ConduitContext target, int generation) {
        this.target = target;
        this.generation = generation;
    }

    /** The context, while the handle's request is the one it serves. */
    ConduitContext live() {
        ConduitContext t = target;
        if (t.generation() != generation) {
            throw ended();
        }
        return t;
    }

    /** The failure of a call on a handle (or a stream or writer) whose request has ended. */
    static IllegalStateException ended() {
        return new IllegalStateException("the request this HttpContext, HttpRequest or HttpResponse (or a stream or"
                + " writer of it) belongs to has ended: it must not be kept past its request");
    }

    @Override
    public FeatureSite featureSite() {
        return live().featureSite();
    }

    @Override
    public HttpRequest request() {
        live(); // a handle made before the request ended fails too
        RequestHandle r = request;
        if (r == null) {
            r = new RequestHandle(this);
            request = r;
        }
        return r;
    }

    @Override
    public HttpResponse response() {
        live(); // a handle made before the request ended fails too
        ResponseHandle r = response;
        if (r == null) {
            r = new ResponseHandle(this);
            response = r;
        }
        return r;
    }

    @Override
    public HttpServerUtility server() {
        return live().server();
    }

    @Override
    public Map<Object, Object> items() {
        return live().items();
    }

    @Override
    public HttpApplication applicationInstance() {
        return live().applicationInstance();
    }

    @Override
    public HttpApplicationState application() {
        return live().application();
    }

    @Override
    public @Nullable HttpSessionState session() {
        return live().session();
    }

    @Override
    public void setSessionStateBehavior(SessionStateBehavior behavior) {
        live().setSessionStateBehavior(behavior);
    }

    @Override
    public SessionStateBehavior sessionStateBehavior() {
        return live().sessionStateBehavior();
    }

    @Override
    public TraceContext trace() {
        return live().trace();
    }

    @Override
    public @Nullable String appSetting(String key) {
        return live().appSetting(key);
    }

    @Override
    public @Nullable ConnectionStringSettings connectionString(String name) {
        return live().connectionString(name);
    }

    @Override
    public @Nullable ConfigurationElement getSection(String name) {
        return live().getSection(name);
    }

    @Override
    public Instant timestamp() {
        return live().timestamp();
    }

    @Override
    public @Nullable HttpHandler handler() {
        return live().handler();
    }

    @Override
    public @Nullable HttpHandler currentHandler() {
        return live().currentHandler();
    }

    @Override
    public void remapHandler(HttpHandler handler) {
        live().remapHandler(handler);
    }

    @Override
    public @Nullable Principal user() {
        return live().user();
    }

    @Override
    public void setUser(@Nullable Principal user) {
        live().setUser(user);
    }

    @Override
    public @Nullable Throwable error() {
        return live().error();
    }

    @Override
    public List<Throwable> allErrors() {
        return live().allErrors();
    }

    @Override
    public void addError(Throwable error) {
        live().addError(error);
    }

    @Override
    public void clearError() {
        live().clearError();
    }

    @Override
    public void completeRequest() {
        live().completeRequest();
    }

    @Override
    public boolean isRequestCompleted() {
        return live().isRequestCompleted();
    }

    @Override
    public boolean isCustomErrorEnabled() {
        return live().isCustomErrorEnabled();
    }
}
