package dev.conduit.internal.pipeline;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.jspecify.annotations.Nullable;

/**
 * The factory the runtime puts in front of a handler type named in config (System.Web's {@code
 * HandlerFactoryWrapper}, pooled).
 *
 * <p>{@link #getHandler} hands out an idle instance or creates one, so an instance serves one request at a time and N
 * concurrent requests use up to N instances. {@link #releaseHandler} asks the instance {@link HttpHandler#isReusable()}
 * <em>at release time</em>, as System.Web does, and keeps it only if it says yes and the idle pool is not full; the
 * pool is last-in first-out, so the instances in use stay few and warm, and keeps what the load needed at once,
 * dropping those no request took for a while a share at a time ({@link IdleStack}). A request run by the runtime gives
 * its handler to its application instance instead, which keeps one for its next request (as System.Web keeps one per
 * application instance); the one it kept before goes back to its pool.
 */
public final class PooledHandlerFactory implements HttpHandlerFactory, IdleHandlers {
    /** How many idle instances of one type are kept at most. */
    public static final int MAX_IDLE = 4096;

    private final Constructor<? extends HttpHandler> constructor;
    /** Whether the type's instances may be created on a network thread: async handlers and built-in non-blocking ones. */
    private final boolean constructsAnywhere;

    private final IdleStack<HttpHandler> idle = new IdleStack<>(MAX_IDLE);

    /** A pool for {@code type}. */
    public static PooledHandlerFactory of(Class<?> type) {
        if (!HttpHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not implement dev.conduit.HttpHandler");
        }
        @SuppressWarnings("unchecked")
        Class<? extends HttpHandler> handlerType = (Class<? extends HttpHandler>) type;
        return new PooledHandlerFactory(handlerType);
    }

    PooledHandlerFactory(Class<? extends HttpHandler> type) {
        try {
            this.constructor = type.getConstructor();
            // Built-in handlers that say when they block (the static file handler) are constructed where mapping runs.
            this.constructsAnywhere = dev.conduit.HttpAsyncHandler.class.isAssignableFrom(type)
                    || NonBlocking.class.isAssignableFrom(type);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public constructor without parameters", e);
        }
    }

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception {
        return take(ConduitContext.of(context));
    }

    /**
     * The instance the request's application instance kept, an idle one, or a new one: {@link #getHandler} without the
     * arguments it does not need.
     */
    HttpHandler take(ConduitContext context) throws Exception {
        HttpHandler kept = takeKept(context.lender());
        if (kept != null) {
            return kept;
        }
        return take();
    }

    /** An idle instance, or a new one. */
    private HttpHandler take() throws Exception {
        HttpHandler h = pollIdle();
        if (h != null) {
            return h;
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * An idle instance, or a new one of an async handler (its constructor is held to the rule its {@code
     * processRequestAsync} already follows: it must not block) or of a built-in non-blocking one; for a synchronous
     * handler with none idle, null: constructing it moves the request, where running it would have anyway.
     */
    @Override
    public @Nullable HttpHandler takeWithoutBlocking(ConduitContext context) throws Exception {
        HttpHandler kept = takeKept(context.lender());
        if (kept != null) {
            return kept;
        }
        return constructsAnywhere ? take() : pollIdle();
    }

    /** The handler of this pool that {@code app} kept from its last request, taken; or null. */
    @Nullable
    HttpHandler takeKept(ApplicationInstance app) {
        if (app.keptFrom != this) {
            return null;
        }
        HttpHandler h = app.keptHandler;
        app.keptHandler = null;
        app.keptFrom = null;
        return h;
    }

    /**
     * Releases {@code handler} after a request of {@code app}: if it says it is reusable, {@code app} keeps it for its
     * next request (the handler it kept before, of another pool, goes back to that pool), else nothing.
     */
    void release(HttpHandler handler, ApplicationInstance app) {
        if (!handler.isReusable()) {
            return;
        }
        HttpHandler before = app.keptHandler;
        PooledHandlerFactory beforeFrom = app.keptFrom;
        app.keptHandler = handler;
        app.keptFrom = this;
        if (before != null && beforeFrom != null) {
            beforeFrom.giveBack(before);
        }
    }

    @Override
    public Class<?> handlerType(ConduitContext context) {
        return constructor.getDeclaringClass();
    }

    /** An idle instance, or null. */
    private @Nullable HttpHandler pollIdle() {
        return idle.poll();
    }

    @Override
    public void releaseHandler(HttpHandler handler) {
        if (handler.isReusable()) {
            giveBack(handler);
        }
    }

    private void giveBack(HttpHandler handler) {
        if (idle.offer(handler)) {
            idle.trimAfterGive(); // what no request took for a while is dropped: handlers have nothing to close
        }
    }

    @Override
    public PooledHandlerFactory poolOf(HttpHandler handler) {
        return this;
    }

    /** The number of idle instances now (for tests and diagnostics). */
    public int idleCount() {
        return idle.size();
    }
}
