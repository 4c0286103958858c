package dev.conduit.internal.pipeline;

import dev.conduit.EventHandler;
import dev.conduit.HttpContext;

/**
 * Built-in code that tells the runtime it does not block, so that the runtime may run it on the host's network
 * thread instead of moving the request to a thread that may block (see {@link
 * dev.conduit.spi.HostExchange#eventLoop()}).
 *
 * <p>Implemented by built-in handlers (the static file handler) and the built-in modules' synchronous subscribers;
 * the runtime-managed handler factories say the same through {@link IdleHandlers}. Site code is never trusted this way: its synchronous handlers, event
 * subscribers and factories always run on a thread that may block.
 */
public interface NonBlocking {

    /**
     * Whether the call may block for this request; the runtime then makes it on a thread that may block. Called on
     * the request's current thread, just before the call.
     */
    default boolean mayBlock(HttpContext context) {
        return false;
    }

    /** A synchronous event subscriber that does not block (CPU work on the request only). */
    @FunctionalInterface
    interface Subscriber extends EventHandler, NonBlocking {}
}
