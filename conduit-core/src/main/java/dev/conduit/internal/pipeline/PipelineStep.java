package dev.conduit.internal.pipeline;

/**
 * The steps of one request, in order (spec §5.4, integrated-mode order, as DESIGN §2 lists them).
 *
 * <p>Steps named after an HttpApplication event raise that event to the modules subscribed to it (modules arrive
 * with issue #4; with no subscriber an event step costs one array read). The others are the runtime's own: request
 * validation, mapping and executing the handler. When the request has an error or was completed, the runner jumps
 * from the current step straight to {@link #END_REQUEST}, which always runs, as in System.Web.
 */
enum PipelineStep {
    VALIDATE_REQUEST,
    BEGIN_REQUEST,
    AUTHENTICATE_REQUEST,
    POST_AUTHENTICATE_REQUEST,
    AUTHORIZE_REQUEST,
    POST_AUTHORIZE_REQUEST,
    RESOLVE_REQUEST_CACHE,
    POST_RESOLVE_REQUEST_CACHE,
    MAP_REQUEST_HANDLER,
    MAP_HANDLER,
    POST_MAP_REQUEST_HANDLER,
    ACQUIRE_REQUEST_STATE,
    POST_ACQUIRE_REQUEST_STATE,
    PRE_REQUEST_HANDLER_EXECUTE,
    EXECUTE_HANDLER,
    POST_REQUEST_HANDLER_EXECUTE,
    RELEASE_REQUEST_STATE,
    POST_RELEASE_REQUEST_STATE,
    UPDATE_REQUEST_CACHE,
    POST_UPDATE_REQUEST_CACHE,
    LOG_REQUEST,
    POST_LOG_REQUEST,
    END_REQUEST;

    static final PipelineStep[] ALL = values();

    /** Tells whether this step is the runtime's own rather than an event raised to modules. */
    boolean isInternal() {
        return this == VALIDATE_REQUEST || this == MAP_HANDLER || this == EXECUTE_HANDLER;
    }
}
