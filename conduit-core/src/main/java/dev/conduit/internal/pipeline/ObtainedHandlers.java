package dev.conduit.internal.pipeline;

import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The handlers a request obtained from factories, released after the request in the order obtained, each exactly once
 * (spec §2.2: {@code ReleaseHandler} after EndRequest). Almost always one: no list is made for it.
 */
final class ObtainedHandlers {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private @Nullable HttpHandler first;
    private @Nullable HttpHandlerFactory firstFactory;
    private @Nullable List<HttpHandler> more;
    private @Nullable List<HttpHandlerFactory> moreFactories;

    /** Records that {@code factory} handed out {@code handler} for this request. */
    void add(HttpHandlerFactory factory, HttpHandler handler) {
        if (first == null) {
            first = handler;
            firstFactory = factory;
            return;
        }
        if (more == null || moreFactories == null) {
            more = new ArrayList<>(2);
            moreFactories = new ArrayList<>(2);
        }
        more.add(handler);
        moreFactories.add(factory);
    }

    /**
     * Releases every handler to its factory, in order (a runtime pool's to {@code app}, which keeps one); a factory's
     * failure is logged and the others still run.
     */
    void releaseAll(ApplicationInstance app) {
        if (first != null && firstFactory != null) {
            release(firstFactory, first, app);
        }
        if (more != null && moreFactories != null) {
            for (int i = 0; i < more.size(); i++) {
                release(moreFactories.get(i), more.get(i), app);
            }
        }
    }

    private static void release(HttpHandlerFactory f, HttpHandler h, ApplicationInstance app) {
        try {
            if (f instanceof IdleHandlers pools) {
                pools.poolOf(h).release(h, app);
                return;
            }
            f.releaseHandler(h);
        } catch (Throwable t) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "handler factory " + f.getClass().getName() + " failed to release",
                    t);
        }
    }
}
