package dev.conduit;

import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.HttpSessionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The application: the Java form of System.Web's {@code HttpApplication} and of a site's {@code Global.asax} class.
 *
 * <p>A site may name a subclass in a {@code Global.asax} file at its root ({@code <%@ Application
 * Inherits="com.acme.Global" %>}, the class in {@code bin/}); otherwise this class itself is used.
 *
 * <p><b>Instances.</b> The runtime keeps a pool of instances. Each serves one request at a time, from BeginRequest
 * to RequestCompleted, and has its own module instances, so neither its fields nor its modules' need locking. An
 * instance is created with the public no-argument constructor; then its modules are created and their {@link
 * HttpModule#init} called in configuration order; then {@link #init()}. Subscriptions made in {@link #init()}
 * therefore run after the modules' for the same event, as Global.asax handlers do.
 *
 * <p><b>Application lifetime.</b> {@link #applicationStart()} runs once, on an instance of its own, before the first
 * request; {@link #applicationEnd()} once, when the application stops. {@link #sessionStart} and {@link #sessionEnd}
 * run for in-process sessions.
 */
public class HttpApplication {
    private final EnumMap<PipelineEvent, List<Object>> subscriptions = new EnumMap<>(PipelineEvent.class);
    private final Map<String, HttpModule> modules = new LinkedHashMap<>();
    private @Nullable HttpApplicationState state;
    private @Nullable HttpContext current;
    private boolean sealed;

    /** Creates an application; subclasses need a public no-argument constructor. */
    public HttpApplication() {}

    /**
     * Subscribes {@code handler} to {@code event}. Call from {@link HttpModule#init} or {@link #init()} only.
     *
     * @throws IllegalStateException after initialization
     */
    public final void on(PipelineEvent event, EventHandler handler) {
        subscribe(event, handler);
    }

    /**
     * Subscribes an asynchronous {@code handler} to a step event (not {@link PipelineEvent#ERROR}, the two send
     * events or {@link PipelineEvent#REQUEST_COMPLETED}, which are raised synchronously).
     *
     * @throws IllegalArgumentException for an event that is not a step
     * @throws IllegalStateException after initialization
     */
    public final void onAsync(PipelineEvent event, AsyncEventHandler handler) {
        if (!event.isStep()) {
            throw new IllegalArgumentException(event + " is raised synchronously; subscribe with on()");
        }
        subscribe(event, handler);
    }

    private void subscribe(PipelineEvent event, Object handler) {
        if (sealed) {
            throw new IllegalStateException("subscribe to events in HttpModule.init or HttpApplication.init only");
        }
        subscriptions.computeIfAbsent(event, e -> new ArrayList<>()).add(handler);
    }

    /**
     * The request this instance is serving.
     *
     * @throws IllegalStateException outside a request (in {@link #applicationStart()}, say)
     */
    public final HttpContext context() {
        HttpContext c = current;
        if (c == null) {
            throw new IllegalStateException("no request is being served by this application instance now");
        }
        return c;
    }

    /** Ends the current request early, as {@code HttpApplication.CompleteRequest()}: EndRequest still runs. */
    public final void completeRequest() {
        context().completeRequest();
    }

    /** The application state shared by every instance ({@code Application[...]}). */
    public final HttpApplicationState application() {
        HttpApplicationState s = state;
        if (s == null) {
            throw new IllegalStateException("the application is not set up yet");
        }
        return s;
    }

    /** The module registered under {@code name} (ignoring case), or {@code null}. */
    public final @Nullable HttpModule module(String name) {
        for (Map.Entry<String, HttpModule> e : modules.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** This instance's modules by name, in configuration order. */
    public final Map<String, HttpModule> modules() {
        return Collections.unmodifiableMap(modules);
    }

    /** Per-instance setup, after the modules' {@link HttpModule#init}: subscribe to events here. */
    public void init() {}

    /** Runs once before the first request, as {@code Application_Start}. An exception stops the site's start. */
    public void applicationStart() {}

    /** Runs once when the application stops, as {@code Application_End}. */
    public void applicationEnd() {}

    /**
     * Runs when a request creates a session, as {@code Session_Start}: during AcquireRequestState, before the handler,
     * for read/write and read-only handlers alike, in every session mode. An application that overrides it has every
     * new session saved, even one that stores nothing (spec §6.4).
     */
    public void sessionStart(HttpContext context, HttpSessionState session) {}

    /**
     * Runs when an in-process session expires or is abandoned, as {@code Session_End}, on a background thread with
     * no request.
     */
    public void sessionEnd(HttpSessionState session) {}

    /**
     * The runtime's way into an application, kept apart from the class's own members: the runtime calls these static
     * methods; site code has no reason to.
     */
    public static final class RuntimeAccess {
        private RuntimeAccess() {}

        /** The subscribers of {@code event} on {@code app}, in order: {@code EventHandler}s and {@code AsyncEventHandler}s. */
        public static List<Object> subscribersOf(HttpApplication app, PipelineEvent event) {
            return app.subscriptions.getOrDefault(event, List.of());
        }

        /** Makes {@code context} the request {@code app} serves; {@code null} after it. */
        public static void attachTo(HttpApplication app, @Nullable HttpContext context) {
            app.current = context;
        }

        /** Gives a new instance its application state and modules, before the modules' init. */
        public static void setUp(HttpApplication app, HttpApplicationState state, Map<String, HttpModule> modules) {
            app.state = state;
            app.modules.putAll(modules);
        }

        /** Ends subscription: after this, {@code on()} throws. */
        public static void sealSubscriptions(HttpApplication app) {
            app.sealed = true;
        }
    }
}
