package dev.conduit.internal.pipeline;

import dev.conduit.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * A runtime-managed factory that can hand out an idle pooled instance without constructing one: mapping then stays on
 * the network thread even for a synchronous handler (constructing one runs site code, which may block; taking an idle
 * one does not), and only running the handler moves the request.
 */
public interface IdleHandlers {
    /**
     * A handler for this request without blocking: an idle pooled instance, or a new one of a class whose construction
     * may run anywhere (an asynchronous handler's); null when that is not possible (none idle, or the factory would
     * have to read or compile a file first), and the request then moves to a thread that may block.
     *
     * @throws Exception what a constructor that may run anywhere throws
     */
    @Nullable
    HttpHandler takeWithoutBlocking(ConduitContext context) throws Exception;

    /**
     * The class of the handler this request would get, when it is known without blocking (a type named in
     * configuration, a compiled {@code .ashx} whose changes are reported), so that constructing one can be judged as
     * running the handler is ({@link LoopCarriedThreads}); else null.
     */
    @Nullable
    Class<?> handlerType(ConduitContext context);

    /** The pool {@code handler}, handed out by this factory, goes back to. */
    PooledHandlerFactory poolOf(HttpHandler handler);
}
