package dev.conduit;

/**
 * Produces the response to one request, synchronously: the Java form of System.Web's {@code IHttpHandler}.
 *
 * <p><b>Threading.</b> {@link #processRequest} runs on a thread that may block (a virtual thread under the
 * embedded server, never a network event loop), so a handler may read files, query a database or sleep.
 *
 * <p><b>Lifetime.</b> A handler named by type in {@code <httpHandlers>} is created by the runtime with its
 * public no-argument constructor. When {@link #isReusable()} answers {@code true} after a request, the instance
 * goes back to a bounded pool and serves later requests, <em>one request at a time</em>: no instance ever serves
 * two requests at once, so fields need no locking, but state kept in fields survives into the next request and
 * must be reset. When it answers {@code false} the instance is dropped and the next request gets a fresh one. As
 * in System.Web the answer is read at release time, after every request. Unlike System.Web, Conduit also honours
 * {@code isReusable} for {@code .ashx} handlers (a deliberate difference).
 *
 * <p><b>Errors.</b> An {@link HttpException} thrown from {@link #processRequest} becomes its status code; any
 * other exception becomes a 500. Either way the error is recorded on the context and the normal error page is
 * rendered (details only to local requests).
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Handles the request in {@code context}, writing the response through {@link HttpContext#response()}.
     *
     * @throws Exception any failure; it becomes an error response as described on this type
     */
    void processRequest(HttpContext context) throws Exception;

    /**
     * Tells whether this instance may serve a later request once this one ends.
     *
     * <p>Read after every request, when the instance is released. The default is {@code false}, as for
     * System.Web's {@code HttpTaskAsyncHandler}: a new instance per request.
     */
    default boolean isReusable() {
        return false;
    }
}
