package dev.conduit;

import java.util.concurrent.CompletionStage;

/**
 * Produces the response asynchronously: the Java form of System.Web's {@code IHttpAsyncHandler}, with a {@link
 * CompletionStage} in place of Begin/End and {@code IAsyncResult} (a deliberate difference).
 *
 * <p><b>Threading.</b> {@link #processRequestAsync} is called on a request thread and must return promptly; it
 * must not block, because it may run on a thread that serves other requests. While the returned stage is pending
 * no thread is held for the request. When the stage completes, the pipeline resumes (on a thread that may block
 * if the next step needs one).
 *
 * <p>As in System.Web, the runtime only ever calls {@link #processRequestAsync} for such a handler; {@link
 * #processRequest} is never called by the pipeline.
 *
 * <p><b>Errors.</b> An exception thrown by {@link #processRequestAsync} or a stage completed exceptionally becomes
 * the request's error, exactly as a synchronous handler's exception does.
 */
public interface HttpAsyncHandler extends HttpHandler {

    /**
     * Starts handling the request; the returned stage completes when the response is done.
     *
     * @return a stage that completes normally when the handler is finished, or exceptionally with its error
     */
    CompletionStage<Void> processRequestAsync(HttpContext context);

    /**
     * Refuses to run synchronously, as System.Web's {@code HttpTaskAsyncHandler.ProcessRequest} does.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default void processRequest(HttpContext context) {
        throw new UnsupportedOperationException(
                "The handler '" + getClass().getName() + "' cannot be executed synchronously");
    }
}
