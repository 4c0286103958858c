package dev.conduit;

/**
 * A synchronous subscriber to a {@link PipelineEvent}. It runs on a thread that may block, in subscription order
 * with the event's other subscribers; an exception it throws becomes the request's error (for {@link
 * PipelineEvent#REQUEST_COMPLETED} it is only logged).
 */
@FunctionalInterface
public interface EventHandler {
    /** Handles the event for the request in {@code context}. */
    void handle(HttpContext context) throws Exception;
}
