package dev.conduit.internal.pipeline;

import dev.conduit.EventHandler;
import dev.conduit.HttpApplication;
import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.HttpHandler;
import dev.conduit.HttpModule;
import dev.conduit.PipelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One pooled {@link HttpApplication} with its modules and its compiled step list, as System.Web's {@code
 * ApplicationStepManager.BuildSteps}: one step per event subscriber, in event order, with the runtime's own steps
 * in their places. An event nobody subscribed to has no step at all, so it costs nothing per request.
 */
final class ApplicationInstance {
    final HttpApplication app;
    final Map<String, HttpModule> modules;
    final Step[] steps;
    /** Each step's {@link Step#flags}, by index. */
    final byte[] flags;
    /** Index of the first EndRequest step: where a completed or failed request jumps to. */
    final int endRequest;

    final EventHandler[] onError;
    final EventHandler[] beforeHeaders;
    final EventHandler[] beforeContent;
    final EventHandler[] onCompleted;
    /**
     * Whether a request on this instance may start on a network thread: no site code subscribes to the events that
     * are raised synchronously wherever the request happens to be (Error, the two send events, RequestCompleted).
     */
    final boolean mayRunOnNetworkThread;

    /**
     * The reusable handler the last request of this instance released, and the pool it belongs to: the instance's next
     * request mapped to that pool takes it back without the pool (System.Web keeps a reusable handler per application
     * instance and factory, spec §1.2). Touched only by the request that holds the instance.
     */
    @Nullable
    HttpHandler keptHandler;

    @Nullable
    PooledHandlerFactory keptFrom;

    /**
     * The response buffer of this instance's last request, kept for its next one (an instance serves one request at
     * a time): a response takes it on its first write and gives it back once sent, so a request that writes a short
     * body allocates no buffer. Touched only by the request that holds the instance.
     */
    private byte @Nullable [] spareBuffer;

    /**
     * The context (request, response) of the request this instance serves, reset for each: made for the first.
     * Touched only by the request that holds the instance.
     */
    private @Nullable ConduitContext context;

    /**
     * The target of this instance's last request, parsed and split, when its split did not depend on the disk: the
     * next request for the same target reuses it ({@link RequestStart.Target}). Touched only by the request that
     * holds the instance.
     */
    RequestStart.@Nullable Target lastTarget;

    /** How the site times this instance's synchronous handler runs (executionTimeout): one slot, reused. */
    final ExecutionTimeout.Slot timing = new ExecutionTimeout.Slot();

    ApplicationInstance(HttpApplication app, Map<String, HttpModule> modules, Set<Object> managedOnly) {
        this.app = app;
        this.modules = modules;
        List<Step> list = new ArrayList<>();
        list.add(Step.Internal.VALIDATE);
        int end = -1;
        for (PipelineEvent e : PipelineEvent.values()) {
            if (!e.isStep()) {
                continue;
            }
            if (e == PipelineEvent.END_REQUEST) {
                end = list.size();
            }
            for (Object h : RuntimeAccess.subscribersOf(app, e)) {
                list.add(new Step.Subscriber(e, h, managedOnly.contains(h)));
            }
            switch (e) {
                case AUTHENTICATE_REQUEST -> list.add(Step.Internal.DEFAULT_AUTHENTICATION);
                case MAP_REQUEST_HANDLER -> list.add(Step.Internal.MAP_HANDLER);
                case PRE_REQUEST_HANDLER_EXECUTE -> list.add(Step.Internal.EXECUTE_HANDLER);
                default -> {}
            }
        }
        this.steps = list.toArray(Step[]::new);
        this.flags = new byte[steps.length];
        for (int i = 0; i < steps.length; i++) {
            flags[i] = (byte) Step.flags(steps[i]);
        }
        this.endRequest = end;
        this.onError = sync(PipelineEvent.ERROR);
        this.beforeHeaders = sync(PipelineEvent.PRE_SEND_REQUEST_HEADERS);
        this.beforeContent = sync(PipelineEvent.PRE_SEND_REQUEST_CONTENT);
        this.onCompleted = sync(PipelineEvent.REQUEST_COMPLETED);
        this.mayRunOnNetworkThread = nonBlocking(onError)
                && nonBlocking(beforeHeaders)
                && nonBlocking(beforeContent)
                && nonBlocking(onCompleted);
    }

    private EventHandler[] sync(PipelineEvent event) {
        return RuntimeAccess.subscribersOf(app, event).stream()
                .map(EventHandler.class::cast)
                .toArray(EventHandler[]::new);
    }

    private static boolean nonBlocking(EventHandler[] handlers) {
        for (EventHandler h : handlers) {
            if (!(h instanceof NonBlocking)) {
                return false;
            }
        }
        return true;
    }

    /** Closes the modules (the instance is being discarded); failures are logged, never thrown. */
    void close() {
        timing.forget();
        keptHandler = null;
        keptFrom = null;
        for (HttpModule m : modules.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                System.getLogger("dev.conduit.runtime")
                        .log(
                                System.Logger.Level.WARNING,
                                "module " + m.getClass().getName() + " failed to close",
                                e);
            }
        }
    }

    /** The context this instance's requests run in, idle between them (made on first use, for {@code site}). */
    ConduitContext context(Site site) {
        ConduitContext c = context;
        if (c == null) {
            c = new ConduitContext(site, this, site.responseBufferLimit());
            if (beforeHeaders.length > 0 || beforeContent.length > 0) {
                ConduitContext observed = c;
                c.response()
                        .observe(
                                () -> RequestErrors.raise(observed, beforeHeaders, onError),
                                () -> RequestErrors.raise(observed, beforeContent, onError));
            }
            context = c;
        }
        return c;
    }

    /** The spare response buffer, now the caller's, or null. */
    byte @Nullable [] takeSpareBuffer() {
        byte[] b = spareBuffer;
        spareBuffer = null;
        return b;
    }

    /** Keeps {@code buffer} (no longer used by its response) for the next request. */
    void keepSpareBuffer(byte[] buffer) {
        spareBuffer = buffer;
    }
}
