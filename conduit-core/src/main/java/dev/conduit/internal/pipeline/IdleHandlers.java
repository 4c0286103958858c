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
     * An idle instance for this request, taken from the pool, or null when there is none (or the factory would have
     * to read or compile something first); never constructs one and never blocks.
     */
    @Nullable
    HttpHandler pollIdle(ConduitContext context);

    /**
     * The class of the handler this request would get, when it is known without blocking (a type named in
     * configuration, a compiled {@code .ashx} whose changes are reported), so that constructing one can be judged as
     * running the handler is ({@link LoopCarriedThreads}); else null.
     */
    @Nullable
    Class<?> handlerType(ConduitContext context);
}
