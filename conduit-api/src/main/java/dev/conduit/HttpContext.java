package dev.conduit;

import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.SessionStateBehavior;
import dev.conduit.trace.TraceContext;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything about one request while it is being served: the Java form of System.Web's {@code HttpContext}.
 *
 * <p>A context lives from the moment the request enters the pipeline until its response has been sent and its
 * handlers released. It composes the {@link #request()}, the {@link #response()}, the {@link #server() server
 * utilities} and a per-request {@link #items() item map}; it is not itself thread-safe, and is used by one thread
 * at a time (an async handler may hand it to another thread, but not use it from two at once).
 */
public interface HttpContext {

    /** The request being served. */
    HttpRequest request();

    /** The response being built. */
    HttpResponse response();

    /** Path mapping, encoding helpers and error access for this request. */
    HttpServerUtility server();

    /**
     * A mutable per-request map for modules and handlers to pass values along the pipeline, as {@code
     * HttpContext.Items}. Not thread-safe.
     */
    Map<Object, Object> items();

    /** The application instance serving this request (the {@code Global.asax} object). */
    HttpApplication applicationInstance();

    /** The application state shared by every request ({@code Application[...]}). */
    HttpApplicationState application();

    /**
     * The request's session, or {@code null}: before AcquireRequestState, when session state is off, or when the
     * handler is not marked {@link dev.conduit.state.RequiresSessionState} or {@link
     * dev.conduit.state.ReadOnlySessionState}.
     */
    dev.conduit.state.@Nullable HttpSessionState session();

    /**
     * Overrides the handler's session markers for this request.
     *
     * @throws IllegalStateException after AcquireRequestState has run
     */
    void setSessionStateBehavior(SessionStateBehavior behavior);

    /** The session behaviour set for this request; {@code DEFAULT} unless changed. */
    SessionStateBehavior sessionStateBehavior();

    /** The request's trace, for {@code trace.axd}; writing to it costs nothing when tracing is off. */
    TraceContext trace();

    /**
     * The {@code <appSettings>} value for {@code key} that applies to this request's path (web.config inheritance
     * and {@code <location>} included), or {@code null}.
     */
    @Nullable
    String appSetting(String key);

    /** The {@code <connectionStrings>} entry named {@code name} that applies to this request's path, or {@code null}. */
    @Nullable
    ConnectionStringSettings connectionString(String name);

    /**
     * A section declared in {@code <configSections>} (by the site, as log4net's or an {@code applicationSettings}
     * group's sections are, or at the machine level), as written at the level nearest to this request's path, or
     * {@code null} when no level that applies has it: {@code WebConfigurationManager.GetSection(name)}. Sections
     * Conduit implements are read through their own API ({@link #appSetting(String)}, ...), not here.
     *
     * @param name the section's path, groups separated by {@code /}: {@code log4net}, {@code
     *     applicationSettings/MyApp.Properties.Settings}
     * @throws IllegalArgumentException when {@code name} is a section Conduit implements
     */
    @Nullable
    ConfigurationElement getSection(String name);

    /** When the request entered the pipeline. */
    Instant timestamp();

    /**
     * The handler that will serve or is serving this request, or {@code null} before the handler is mapped or when
     * a factory returned {@code null}.
     */
    @Nullable
    HttpHandler handler();

    /** The handler that is executing now; equal to {@link #handler()} outside child executions. */
    @Nullable
    HttpHandler currentHandler();

    /**
     * Makes {@code handler} serve this request instead of whatever the configuration maps, as System.Web's {@code
     * RemapHandler}. The instance is used as is: it comes from no factory and is never released.
     *
     * @throws IllegalStateException when called after the handler was mapped
     */
    void remapHandler(HttpHandler handler);

    /** The user making the request; {@code null} before authentication has run or when there is none. */
    @Nullable
    Principal user();

    /** Sets the user making the request (authentication modules do this). */
    void setUser(@Nullable Principal user);

    /** The first error recorded for this request, or {@code null}. */
    @Nullable
    Throwable error();

    /** Every error recorded for this request, first one first; empty when there are none. */
    List<Throwable> allErrors();

    /** Records an error; the pipeline then skips to EndRequest and renders an error page unless it is cleared. */
    void addError(Throwable error);

    /**
     * Forgets every recorded error, as {@code Server.ClearError()}: no error page is rendered and the response is
     * sent as it stands.
     */
    void clearError();

    /**
     * Ends the request early without an error, as System.Web's {@code CompleteRequest()}: the current step
     * finishes, every later step is skipped and EndRequest still runs.
     */
    void completeRequest();

    /** Tells whether {@link #completeRequest()} was called (directly or through {@link HttpResponse#end()}). */
    boolean isRequestCompleted();

    /**
     * Tells whether this request's errors are shown without their details, as {@code HttpContext.IsCustomErrorEnabled}:
     * {@code <customErrors mode="On">}, or {@code RemoteOnly} (the default) and a request from another machine. A
     * handler that writes its own error answer (a SOAP fault, a JSON error) leaves the exception's message out then.
     */
    boolean isCustomErrorEnabled();
}
