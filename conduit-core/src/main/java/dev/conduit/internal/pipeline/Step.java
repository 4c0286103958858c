package dev.conduit.internal.pipeline;

import dev.conduit.EventHandler;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpHandler;
import dev.conduit.PipelineEvent;
import org.jspecify.annotations.Nullable;

/** One step of a request, in an application instance's compiled step list (System.Web's execution steps). */
sealed interface Step {

    /** The runtime's own steps. */
    enum Internal implements Step {
        /** URL, query-string and declared body limits. */
        VALIDATE,
        /** Sets the anonymous user when authentication left none (System.Web's DefaultAuthentication). */
        DEFAULT_AUTHENTICATION,
        /** Handler mapping: remapHandler, default document, the mapping list, the factory. */
        MAP_HANDLER,
        /** Runs the handler (pausing without a thread for an async one). */
        EXECUTE_HANDLER
    }

    /**
     * One subscriber of a step event.
     *
     * @param event the event
     * @param handler a {@link dev.conduit.EventHandler} or an {@link dev.conduit.AsyncEventHandler}
     * @param managedOnly whether it runs only for requests mapped to a managed handler (integrated mode's {@code
     *     managedHandler} precondition of the module that subscribed it)
     */
    record Subscriber(PipelineEvent event, Object handler, boolean managedOnly) implements Step {}

    /** {@link #flags}: a subscriber of integrated mode's managedHandler precondition ({@link Subscriber#managedOnly}). */
    int MANAGED_ONLY = 1;
    /** {@link #flags}: a step that may block whatever the request (a synchronous subscriber of the site's). */
    int MAY_BLOCK = 2;
    /** {@link #flags}: a step that says per request whether it may block ({@link #mayBlock}). */
    int ASKS = 4;

    /**
     * What the runner must know of {@code s} before running it, worked out once per application instance rather than
     * asked per step of every request (the questions, type checks and interface calls, were 7 % of a pipelined
     * profile with the module set): {@link #MANAGED_ONLY}, and whether it may block: always ({@link #MAY_BLOCK}), per
     * request ({@link #ASKS}: the handler's execution, a built-in subscriber whose answer depends on the request), or
     * never (neither: an async subscriber, a built-in subscriber that never blocks, the other steps of the runtime;
     * mapping decides for itself as it goes).
     */
    static int flags(Step s) {
        if (s instanceof Subscriber sub) {
            int managed = sub.managedOnly() ? MANAGED_ONLY : 0;
            if (!(sub.handler() instanceof EventHandler sync)) {
                return managed;
            }
            if (!(sync instanceof NonBlocking)) {
                return managed | MAY_BLOCK;
            }
            return managed | (decidesPerRequest(sync) ? ASKS : 0);
        }
        return s == Internal.EXECUTE_HANDLER ? ASKS : 0;
    }

    /** Whether a built-in subscriber has its own {@link NonBlocking#mayBlock} (else it never blocks). */
    private static boolean decidesPerRequest(EventHandler sync) {
        try {
            return sync.getClass()
                            .getMethod("mayBlock", dev.conduit.HttpContext.class)
                            .getDeclaringClass()
                    != NonBlocking.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("NonBlocking declares mayBlock(HttpContext)", e);
        }
    }

    /**
     * Whether the step may block for this request, so that it must not start on the network thread. Mapping decides
     * for itself as it goes ({@link HandlerMapper}); a synchronous handler or subscriber may block unless it is a
     * built-in one that says it does not ({@link NonBlocking}).
     */
    default boolean mayBlock(ConduitContext c) {
        // instanceof rather than a pattern switch: asked before every step of every request, and the switch's
        // type-dispatch bootstrap showed as 5.5 % of a pipelined plaintext profile (JDK 25)
        if (this instanceof Subscriber sub) {
            return sub.handler() instanceof EventHandler sync
                    && (!(sync instanceof NonBlocking nb) || nb.mayBlock(c.handle()));
        }
        return this == Internal.EXECUTE_HANDLER && handlerMayBlock(c, c.handler());
    }

    private static boolean handlerMayBlock(ConduitContext c, @Nullable HttpHandler h) {
        if (h == null || h instanceof HttpAsyncHandler) {
            return false;
        }
        return !(h instanceof NonBlocking nb) || nb.mayBlock(c.handle());
    }

    /** How the step appears in the trace waterfall. */
    default String traceName(ConduitContext c) {
        return switch (this) {
            case Internal i ->
                switch (i) {
                    case VALIDATE -> "ValidateRequest";
                    case DEFAULT_AUTHENTICATION -> "DefaultAuthentication";
                    case MAP_HANDLER -> "MapHandler";
                    case EXECUTE_HANDLER ->
                        "Handler"
                                + (c.handler() == null
                                        ? ""
                                        : " (" + c.handler().getClass().getSimpleName() + ")");
                };
            case Subscriber sub -> {
                // The module's class: without a lambda's "$$Lambda..." or an anonymous class's "$1".
                String owner = sub.handler().getClass().getName();
                int lambda = owner.indexOf("$$");
                owner = lambda > 0 ? owner.substring(0, lambda) : owner;
                owner = owner.replaceAll("(\\$[0-9]+)+$", "");
                yield sub.event() + " (" + owner.substring(owner.lastIndexOf('.') + 1) + ")";
            }
        };
    }
}
