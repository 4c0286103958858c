package dev.conduit;

import java.util.concurrent.CompletionStage;

/**
 * An asynchronous subscriber to a pipeline step event: it starts its work and returns a stage; no thread is held
 * for the request while the stage is pending, and the pipeline resumes with the next subscriber when it completes.
 * It must return promptly and must not block. A stage completed exceptionally becomes the request's error.
 */
@FunctionalInterface
public interface AsyncEventHandler {
    /** Starts handling the event; the stage completes when the subscriber is done. */
    CompletionStage<Void> handle(HttpContext context);
}
