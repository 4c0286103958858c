package dev.conduit;

/**
 * The events of the request pipeline, in the order they are raised for one request (spec §5.4, integrated-mode
 * order).
 *
 * <p>From {@link #BEGIN_REQUEST} to {@link #END_REQUEST} the events are raised in declaration order; the handler
 * runs between {@link #PRE_REQUEST_HANDLER_EXECUTE} and {@link #POST_REQUEST_HANDLER_EXECUTE}. When a request is
 * completed ({@link HttpContext#completeRequest()}) or fails, every remaining event is skipped except {@link
 * #END_REQUEST}, which always runs. The last four are not steps: {@link #ERROR} is raised once, at the first error;
 * {@link #PRE_SEND_REQUEST_HEADERS} and {@link #PRE_SEND_REQUEST_CONTENT} when the response is about to go out;
 * {@link #REQUEST_COMPLETED} after everything, when the request's handlers have been released.
 */
public enum PipelineEvent {
    BEGIN_REQUEST,
    AUTHENTICATE_REQUEST,
    POST_AUTHENTICATE_REQUEST,
    AUTHORIZE_REQUEST,
    POST_AUTHORIZE_REQUEST,
    RESOLVE_REQUEST_CACHE,
    POST_RESOLVE_REQUEST_CACHE,
    MAP_REQUEST_HANDLER,
    POST_MAP_REQUEST_HANDLER,
    ACQUIRE_REQUEST_STATE,
    POST_ACQUIRE_REQUEST_STATE,
    PRE_REQUEST_HANDLER_EXECUTE,
    POST_REQUEST_HANDLER_EXECUTE,
    RELEASE_REQUEST_STATE,
    POST_RELEASE_REQUEST_STATE,
    UPDATE_REQUEST_CACHE,
    POST_UPDATE_REQUEST_CACHE,
    LOG_REQUEST,
    POST_LOG_REQUEST,
    END_REQUEST,
    ERROR,
    PRE_SEND_REQUEST_HEADERS,
    PRE_SEND_REQUEST_CONTENT,
    REQUEST_COMPLETED;

    /** Tells whether this event is a pipeline step (raised in order), rather than raised when something happens. */
    public boolean isStep() {
        return ordinal() <= END_REQUEST.ordinal();
    }
}
