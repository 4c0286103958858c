package dev.conduit.internal.pipeline;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpServerUtility;
import dev.conduit.feature.FeatureSite;
import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.trace.RequestTrace;
import dev.conduit.spi.HostExchange;
import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.HttpSessionState;
import dev.conduit.state.SessionStateBehavior;
import dev.conduit.trace.TraceContext;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context of one request, and of the next: an application instance serves one request at a time, and keeps one
 * context (with its request and response) that {@link #begin} resets for each of them, instead of four objects made
 * per request (issue 13: they were half of what a request allocated).
 *
 * <p>Site code never holds this object. It sees the request through a {@link ContextHandle}, made per request, that
 * checks on every call that its request has not ended ({@link #generation}): a reference kept past the request (an
 * async continuation, a thread the site started, a field) fails with {@link IllegalStateException} instead of reading
 * or writing the request the context serves next. Built-in handlers and modules unwrap the handle with {@link
 * #of(HttpContext)} (checked the same way) to reach the runtime's services ({@link #site()}, {@link #config()}).
 */
public final class ConduitContext {
    private final SiteServices site;
    private final HttpApplication application;
    private final ConduitRequest request;
    private final ConduitResponse response;
    /**
     * Which request the context serves: odd while one runs, even between requests; advanced when one begins and when
     * it ends. A handle made for one request compares it with its own. Volatile, so that a thread the site started
     * sees the end of the request it kept a handle of (two volatile writes per request; reads are plain loads on x86).
     */
    private volatile int generation;

    private @Nullable ContextHandle handle;
    private @Nullable ServerUtility server;
    /** When the request began, in milliseconds since the epoch (by the site's clock); {@link #timestamp} on demand. */
    private long timestampMillis;

    private @Nullable Instant timestamp;
    private @Nullable Map<Object, Object> items;
    private @Nullable HttpHandler handler;
    private @Nullable HttpHandler remapped;
    private boolean mapped;
    /** {@link #mapsToManagedHandler}: 0 not asked yet, 1 yes, 2 no. */
    private byte managedHandler;

    private @Nullable Principal user;
    private @Nullable List<Throwable> errors;
    private boolean completed;
    private @Nullable FolderConfig config;
    private dev.conduit.internal.trace.@Nullable RequestTrace trace;

    private @Nullable HttpSessionState session;
    private SessionStateBehavior sessionBehavior = SessionStateBehavior.DEFAULT;
    private boolean sessionAcquired;

    /** The application instance whose context this is. */
    private final ApplicationInstance lender;

    /** The application instance whose context this is (it serves this context's requests, one at a time). */
    ApplicationInstance lender() {
        return lender;
    }

    /** The context of {@code lender}, an application instance of {@code site}; idle until {@link #begin}. */
    ConduitContext(SiteServices site, ApplicationInstance lender, int responseBufferLimit) {
        this.site = site;
        this.lender = lender;
        this.application = lender.app;
        this.request = new ConduitRequest(site.siteRoot());
        this.response = new ConduitResponse(this, responseBufferLimit, lender);
    }

    /**
     * Begins a request on this idle context: every field as a new context's, the request and response reset over
     * {@code exchange}, and a new handle for site code.
     */
    ContextHandle begin(
            HostExchange exchange, RequestTarget target, String filePath, String pathInfo, long timestampMillis) {
        if ((generation & 1) != 0) {
            throw new IllegalStateException("the application instance's context is serving a request already");
        }
        int g = generation + 1; // written by the request's own thread only: no lost update
        generation = g;
        request.begin(exchange, target, filePath, pathInfo);
        response.begin(exchange, exchange.method().equals("HEAD"));
        this.timestampMillis = timestampMillis;
        ContextHandle h = new ContextHandle(this, g);
        handle = h;
        return h;
    }

    /**
     * Ends the request: from here on every handle, stream and writer made for it fails, and the fields are cleared so
     * an idle context keeps nothing of its request alive (not its exchange, items, session or user).
     */
    void end() {
        generation = generation + 1;
        request.reset();
        response.reset();
        handle = null;
        server = null;
        timestamp = null;
        items = null;
        handler = null;
        remapped = null;
        mapped = false;
        managedHandler = 0;
        user = null;
        errors = null;
        completed = false;
        config = null;
        trace = null;
        session = null;
        sessionBehavior = SessionStateBehavior.DEFAULT;
        sessionAcquired = false;
    }

    /** The generation of the request the context serves (see {@link #generation}). */
    int generation() {
        return generation;
    }

    /** What site code is given for the request this context serves. */
    public ContextHandle handle() {
        ContextHandle h = handle;
        if (h == null) {
            throw ContextHandle.ended();
        }
        return h;
    }

    /**
     * The context behind {@code context}, a context the runtime made for a request that has not ended.
     *
     * @throws IllegalStateException when that request has ended
     * @throws IllegalArgumentException when {@code context} is not one the Conduit runtime made (a test double)
     */
    public static ConduitContext of(HttpContext context) {
        if (context instanceof ContextHandle h) {
            return h.live();
        }
        throw new IllegalArgumentException(
                "not a context of the Conduit runtime: " + context.getClass().getName());
    }

    /** The runtime's services for built-in handlers. */
    public SiteServices site() {
        return site;
    }

    public FeatureSite featureSite() {
        return site.featureView();
    }

    /** The effective configuration of the requested file. */
    public FolderConfig config() {
        FolderConfig c = config;
        if (c == null) {
            c = site.configuration().forPath(request.filePath());
            config = c;
        }
        return c;
    }

    void resetConfig() {
        config = null;
    }

    public HttpApplication applicationInstance() {
        return application;
    }

    public HttpApplicationState application() {
        return site.applicationState();
    }

    public @Nullable HttpSessionState session() {
        return session;
    }

    /**
     * Gives the request its session (the session module calls this in AcquireRequestState, or with {@code null}
     * when it ends); after the first call the session behaviour can no longer change.
     */
    public void attachSession(@Nullable HttpSessionState newSession) {
        this.session = newSession;
        this.sessionAcquired = true;
    }

    public void setSessionStateBehavior(SessionStateBehavior behavior) {
        if (sessionAcquired) {
            throw new IllegalStateException("setSessionStateBehavior must be called before AcquireRequestState");
        }
        this.sessionBehavior = behavior;
    }

    public SessionStateBehavior sessionStateBehavior() {
        return sessionBehavior;
    }

    public @Nullable String appSetting(String key) {
        return config().appSettings().get(key);
    }

    public dev.conduit.@Nullable ConnectionStringSettings connectionString(String name) {
        var cs = config().connectionStrings().get(name);
        if (cs == null) {
            return null;
        }
        String dataDirectory = site.siteRoot().resolve("App_Data").toString();
        return new dev.conduit.ConnectionStringSettings(
                cs.name(), cs.connectionString().replace("|DataDirectory|", dataDirectory), cs.providerName());
    }

    public dev.conduit.config.@Nullable ConfigElement getSection(String name) {
        if (site.configuration().catalog().section(name) != null) {
            throw new IllegalArgumentException("<" + name + "> is a section Conduit implements: read it through its API"
                    + " (appSetting(), connectionString(), ...), not getSection");
        }
        return config().nearest(name);
    }

    public TraceContext trace() {
        var t = trace;
        if (t == null) {
            var settings = site.traces().settings();
            t = new RequestTrace(false, settings.writeToDiagnosticsTrace());
            trace = t;
        }
        return t;
    }

    /**
     * Whether the request maps to a managed handler (a type, not a native IIS module), for integrated mode's {@code
     * managedHandler} modules: decided on first asking, from the request as it then is, and kept.
     */
    boolean mapsToManagedHandler(HandlerMapper mapper) {
        byte m = managedHandler;
        if (m == 0) {
            m = mapper.mapsToManagedHandler(this) ? (byte) 1 : (byte) 2;
            managedHandler = m;
        }
        return m == 1;
    }

    /** The request's trace when it is being traced, else {@code null} (the runner's cheap check). */
    dev.conduit.internal.trace.@Nullable RequestTrace activeTrace() {
        var t = trace;
        return t != null && t.isEnabled() ? t : null;
    }

    void startTrace(RequestTrace t) {
        this.trace = t;
    }

    public ConduitRequest request() {
        return request;
    }

    public ConduitResponse response() {
        return response;
    }

    public HttpServerUtility server() {
        ServerUtility s = server;
        if (s == null) {
            s = new ServerUtility(handle()); // made on first use: most requests never ask (it holds nothing else)
            server = s;
        }
        return s;
    }

    public Map<Object, Object> items() {
        Map<Object, Object> m = items;
        if (m == null) {
            m = new HashMap<>();
            items = m;
        }
        return m;
    }

    public Instant timestamp() {
        // Made when asked for (most requests never ask): the clock's millis cost no object and, for the system clock,
        // less than its instant (as ASP.NET's HttpContext.Timestamp, a DateTime, the time is to the millisecond here).
        Instant t = timestamp;
        if (t == null) {
            t = Instant.ofEpochMilli(timestampMillis);
            timestamp = t;
        }
        return t;
    }

    public @Nullable HttpHandler handler() {
        return handler;
    }

    void setHandler(@Nullable HttpHandler h) {
        this.handler = h;
        this.mapped = true;
    }

    public @Nullable HttpHandler currentHandler() {
        return handler;
    }

    public void remapHandler(HttpHandler h) {
        if (mapped) {
            throw new IllegalStateException("remapHandler must be called before the handler is mapped");
        }
        this.remapped = h;
    }

    @Nullable
    HttpHandler remappedHandler() {
        return remapped;
    }

    public @Nullable Principal user() {
        return user;
    }

    public void setUser(@Nullable Principal newUser) {
        this.user = newUser;
    }

    public @Nullable Throwable error() {
        return errors == null || errors.isEmpty() ? null : errors.get(0);
    }

    public List<Throwable> allErrors() {
        return errors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(errors));
    }

    public void addError(Throwable error) {
        if (errors == null) {
            errors = new ArrayList<>(1);
        }
        errors.add(error);
    }

    boolean hasError() {
        return errors != null && !errors.isEmpty();
    }

    public void clearError() {
        errors = null;
    }

    public void completeRequest() {
        completed = true;
    }

    public boolean isRequestCompleted() {
        return completed;
    }

    public boolean isCustomErrorEnabled() {
        return dev.conduit.internal.config.CustomErrorsSettings.of(config())
                .customFor(request().isLocal());
    }
}
