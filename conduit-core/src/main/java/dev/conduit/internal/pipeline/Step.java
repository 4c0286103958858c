package dev.conduit.internal.pipeline;

import dev.conduit.PipelineEvent;

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
     */
    record Subscriber(PipelineEvent event, Object handler) implements Step {}
}
