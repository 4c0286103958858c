package dev.conduit.internal.pipeline;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpServerUtility;
import dev.conduit.feature.FeatureSite;
import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.trace.RequestTrace;
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
 * The context of one request. Built-in handlers reach the runtime's services through it ({@link #site()}, {@link
 * #config()}); site code sees only {@link HttpContext}.
 */
public final class ConduitContext implements HttpContext, FeatureSite.Provider {
    private final SiteServices site;
    private final ConduitRequest request;
    private final ConduitResponse response;
    private @Nullable ServerUtility server;
    /** When the request began, in milliseconds since the epoch (by the site's clock); {@link #timestamp} on demand. */
    private final long timestampMillis;

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

    private final HttpApplication application;
    private @Nullable HttpSessionState session;
    private SessionStateBehavior sessionBehavior = SessionStateBehavior.DEFAULT;
    private boolean sessionAcquired;

    ConduitContext(
            SiteServices site,
            HttpApplication application,
            ConduitRequest request,
            ConduitResponse response,
            long timestampMillis) {
        this.site = site;
        this.application = application;
        this.request = request;
        this.response = response;
        this.timestampMillis = timestampMillis;
    }

    /** The runtime's services for built-in handlers. */
    public SiteServices site() {
        return site;
    }

    @Override
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

    @Override
    public HttpApplication applicationInstance() {
        return application;
    }

    @Override
    public HttpApplicationState application() {
        return site.applicationState();
    }

    @Override
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

    @Override
    public void setSessionStateBehavior(SessionStateBehavior behavior) {
        if (sessionAcquired) {
            throw new IllegalStateException("setSessionStateBehavior must be called before AcquireRequestState");
        }
        this.sessionBehavior = behavior;
    }

    @Override
    public SessionStateBehavior sessionStateBehavior() {
        return sessionBehavior;
    }

    @Override
    public @Nullable String appSetting(String key) {
        return config().appSettings().get(key);
    }

    @Override
    public dev.conduit.@Nullable ConnectionStringSettings connectionString(String name) {
        var cs = config().connectionStrings().get(name);
        if (cs == null) {
            return null;
        }
        String dataDirectory = site.siteRoot().resolve("App_Data").toString();
        return new dev.conduit.ConnectionStringSettings(
                cs.name(), cs.connectionString().replace("|DataDirectory|", dataDirectory), cs.providerName());
    }

    @Override
    public dev.conduit.config.@Nullable ConfigElement getSection(String name) {
        if (site.configuration().catalog().section(name) != null) {
            throw new IllegalArgumentException("<" + name + "> is a section Conduit implements: read it through its API"
                    + " (appSetting(), connectionString(), ...), not getSection");
        }
        return config().nearest(name);
    }

    @Override
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

    @Override
    public ConduitRequest request() {
        return request;
    }

    @Override
    public ConduitResponse response() {
        return response;
    }

    @Override
    public HttpServerUtility server() {
        ServerUtility s = server;
        if (s == null) {
            s = new ServerUtility(this); // made on first use: most requests never ask (it holds nothing else)
            server = s;
        }
        return s;
    }

    @Override
    public Map<Object, Object> items() {
        Map<Object, Object> m = items;
        if (m == null) {
            m = new HashMap<>();
            items = m;
        }
        return m;
    }

    @Override
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

    @Override
    public @Nullable HttpHandler handler() {
        return handler;
    }

    void setHandler(@Nullable HttpHandler h) {
        this.handler = h;
        this.mapped = true;
    }

    @Override
    public @Nullable HttpHandler currentHandler() {
        return handler;
    }

    @Override
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

    @Override
    public @Nullable Principal user() {
        return user;
    }

    @Override
    public void setUser(@Nullable Principal newUser) {
        this.user = newUser;
    }

    @Override
    public @Nullable Throwable error() {
        return errors == null || errors.isEmpty() ? null : errors.get(0);
    }

    @Override
    public List<Throwable> allErrors() {
        return errors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(errors));
    }

    @Override
    public void addError(Throwable error) {
        if (errors == null) {
            errors = new ArrayList<>(1);
        }
        errors.add(error);
    }

    boolean hasError() {
        return errors != null && !errors.isEmpty();
    }

    @Override
    public void clearError() {
        errors = null;
    }

    @Override
    public void completeRequest() {
        completed = true;
    }

    @Override
    public boolean isRequestCompleted() {
        return completed;
    }

    @Override
    public boolean isCustomErrorEnabled() {
        return dev.conduit.internal.config.CustomErrorsSettings.of(config())
                .customFor(request().isLocal());
    }
}
