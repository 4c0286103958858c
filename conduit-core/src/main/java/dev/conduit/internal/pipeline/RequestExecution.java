package dev.conduit.internal.pipeline;

import dev.conduit.AsyncEventHandler;
import dev.conduit.EventHandler;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpHandler;
import dev.conduit.ResponseEndSignal;
import dev.conduit.UserPrincipal;
import dev.conduit.spi.HostExchange;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Runs the steps of one request, as System.Web's {@code ApplicationStepManager}.
 *
 * <p>The request takes an {@link ApplicationInstance} from the pool and walks its compiled step list. {@link #run()}
 * runs steps on the current thread until the request ends or an async handler or async event subscriber returns a
 * pending stage. Then it returns, holding no thread; when the stage completes, {@link #run()} is resubmitted and
 * carries on with the next step.
 *
 * <p><b>Threads.</b> When the host offers its network thread ({@link HostExchange#eventLoop()}), the request starts
 * there and stays as long as its steps cannot block: validation, the built-in modules, mapping to a pooled async
 * handler, async handlers and async subscribers, and sending a buffered response. Before the first step that may
 * block (a synchronous handler or subscriber of the site's, a site's factory, a new application instance, an error
 * page) the request moves to the runtime's executor (virtual threads) and carries on there; a pending stage resumes
 * it on the network thread again. Without a network thread, every step runs on the executor.
 *
 * <p>Before each step, as System.Web's {@code ResumeSteps}: if the request has an error or was completed, the runner
 * jumps to the first EndRequest step (EndRequest always runs). The first error recorded raises the Error event at
 * once; an Error subscriber that clears the error without completing the request lets the pipeline carry on with
 * the next step. {@link ResponseEndSignal} is a completion, never an error. After EndRequest the error page (if an
 * error remains) is rendered, the response sent, every handler obtained from a factory released in the order
 * obtained, RequestCompleted raised, and the instance returned to the pool.
 */
final class RequestExecution implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private final Site site;
    private final HostExchange exchange;
    /** Completed when the request ended, for a caller that asked for it (null: nobody waits, none is made). */
    private final @Nullable CompletableFuture<Void> done;

    private final ObtainedHandlers obtained = new ObtainedHandlers();
    private @Nullable ConduitContext ctx;
    private @Nullable ApplicationInstance instance;
    private int step;
    private volatile @Nullable Throwable asyncError;
    private @Nullable Step pausedStep;
    private long pausedAt;
    /** The host's network thread, when the request may run there (see the class comment). */
    private @Nullable Executor loop;
    /** Whether the current (or next) run is on the network thread; set before each hand-over. */
    private boolean onLoop;

    RequestExecution(Site site, HostExchange exchange, @Nullable CompletableFuture<Void> done) {
        this.site = site;
        this.exchange = exchange;
        this.done = done;
    }

    /** Starts the request on the calling thread, which is the host's network thread {@code loop}. */
    void runOnLoop(Executor loop) {
        this.loop = loop;
        this.onLoop = true;
        run();
    }

    /** Carries on on the runtime's executor: the next step may block. */
    private void moveToExecutor() {
        moveToExecutor(null);
    }

    /**
     * Carries on on a thread that may block: for a synchronous handler about to run or be constructed, a virtual thread
     * carried by this network thread when the handler's class has not been seen holding it ({@link
     * LoopCarriedThreads}); else the runtime's executor.
     */
    private void moveToExecutor(@Nullable Class<?> handlerType) {
        boolean fromLoop = onLoop; // a loop-carried thread is started by its loop (LoopCarriedThreads.start)
        onLoop = false;
        Executor l = loop;
        if (fromLoop && handlerType != null && l != null && site.loopCarried().accepts(handlerType)) {
            site.loopCarried().start(l, this, handlerType);
            return;
        }
        site.executor().execute(this);
    }

    /** Carries on after a pending stage completed (any thread): on the network thread if there is one. */
    private void resume() {
        Executor l = loop;
        if (l != null) {
            onLoop = true;
            l.execute(this);
        } else {
            site.executor().execute(this);
        }
    }

    /** The exchange this request answers. */
    HostExchange exchange() {
        return exchange;
    }

    @Override
    public void run() {
        // Site code sees the site's class loader as its context loader (JDBC drivers, ServiceLoader, XML
        // factories in bin/ are found through it), as a Servlet container does for its web applications.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(site.classLoader());
        try {
            runSteps();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void runSteps() {
        ApplicationInstance app = instance;
        try {
            ConduitContext c = ctx;
            if (c == null) {
                if (app == null) {
                    // A new instance runs the site's module and application constructors: not on a network thread.
                    app = onLoop
                            ? site.applications().poll()
                            : site.applications().take();
                    if (app == null) {
                        moveToExecutor();
                        return;
                    }
                    instance = app;
                }
                if (onLoop && !app.mayRunOnNetworkThread) {
                    moveToExecutor();
                    return;
                }
                c = RequestStart.context(site, exchange, app);
                ctx = c;
            }
            Throwable pending = asyncError;
            if (pending != null) {
                asyncError = null;
                RequestErrors.record(c, onError(), pending);
            }
            Step paused = pausedStep;
            if (paused != null) {
                pausedStep = null;
                var trace = c.activeTrace();
                if (trace != null) {
                    trace.step(paused.traceName(c) + " (async)", pausedAt);
                }
            }
            Step[] steps = app.steps;
            byte[] flags = app.flags;
            while (step < steps.length) {
                if (step < app.endRequest && (c.hasError() || c.isRequestCompleted())) {
                    step = app.endRequest;
                    if (step >= steps.length) {
                        break;
                    }
                }
                Step s = steps[step];
                int f = flags[step];
                if ((f & Step.MANAGED_ONLY) != 0 && !c.mapsToManagedHandler(site.mapper())) {
                    step++; // integrated mode: a managedHandler module, and the request maps to a native handler
                    continue;
                }
                if (onLoop && ((f & Step.MAY_BLOCK) != 0 || ((f & Step.ASKS) != 0 && s.mayBlock(c)))) {
                    HttpHandler h = s == Step.Internal.EXECUTE_HANDLER ? c.handler() : null;
                    moveToExecutor(h == null ? null : h.getClass());
                    return;
                }
                step++;
                var trace = c.activeTrace();
                long started = trace == null ? 0 : trace.now();
                try {
                    Outcome outcome = runStep(c, s);
                    if (outcome == Outcome.NEEDS_BLOCKING_THREAD) {
                        step--; // runs again from its start where it may block
                        moveToExecutor(
                                s == Step.Internal.MAP_HANDLER ? site.mapper().typeToConstruct(c) : null);
                        return;
                    }
                    if (outcome == Outcome.PAUSED) {
                        pausedStep = s;
                        pausedAt = started;
                        return;
                    }
                } catch (Throwable t) {
                    RequestErrors.record(c, onError(), t);
                }
                if (trace != null) {
                    trace.step(s.traceName(c), started);
                }
            }
            if (onLoop && (c.hasError() || site.errorPages().executes(c))) {
                // The error page may read a file and the error is logged, or an <httpErrors> page is a child request:
                // none of it belongs on a network thread.
                moveToExecutor();
                return;
            }
            finish(c, app);
        } catch (Throwable fatal) {
            LOG.log(System.Logger.Level.ERROR, "request failed outside the pipeline", fatal);
            try {
                exchange.abort(fatal);
            } finally {
                site.requestEnded();
                if (done != null) {
                    done.completeExceptionally(fatal);
                }
            }
        }
    }

    /** The Error subscribers of the request's application instance (none before it has one). */
    private EventHandler[] onError() {
        ApplicationInstance app = instance;
        return app == null ? RequestErrors.NONE : app.onError;
    }

    /** What became of a step. */
    private enum Outcome {
        DONE,
        /** Paused on a pending stage: no thread is held; the request resumes when the stage completes. */
        PAUSED,
        /** Did nothing: it must run on a thread that may block. */
        NEEDS_BLOCKING_THREAD
    }

    private Outcome runStep(ConduitContext c, Step s) throws Exception {
        if (s instanceof Step.Subscriber sub) { // instanceof, not a pattern switch: see Step.mayBlock
            if (sub.handler() instanceof EventHandler sync) {
                sync.handle(c.handle());
                return Outcome.DONE;
            }
            return awaitStage(c, ((AsyncEventHandler) sub.handler()).handle(c.handle()));
        }
        return switch ((Step.Internal) s) {
            case VALIDATE -> {
                RequestLimits.check(
                        c.request(),
                        c.config().runtime(),
                        c.config().get(dev.conduit.internal.config.RequestFiltering.SECTION),
                        exchange);
                yield Outcome.DONE;
            }
            case DEFAULT_AUTHENTICATION -> {
                if (c.user() == null) {
                    c.setUser(UserPrincipal.anonymous());
                }
                yield Outcome.DONE;
            }
            case MAP_HANDLER -> site.mapper().map(c, !onLoop, obtained) ? Outcome.DONE : Outcome.NEEDS_BLOCKING_THREAD;
            case EXECUTE_HANDLER -> executeHandler(c);
        };
    }

    private Outcome executeHandler(ConduitContext c) throws Exception {
        HttpHandler h = c.handler();
        if (h == null) {
            return Outcome.DONE;
        }
        if (!(h instanceof HttpAsyncHandler async)) {
            if (onLoop) {
                h.processRequest(c.handle()); // a built-in handler that does not block here: no timeout to watch
            } else {
                site.timeouts().run(c, h, Objects.requireNonNull(instance).timing);
            }
            return Outcome.DONE;
        }
        return awaitStage(c, async.processRequestAsync(c.handle()));
    }

    /**
     * Carries on at once when {@code stage} is already complete; otherwise pauses the request and resumes it when the
     * stage completes.
     */
    private Outcome awaitStage(ConduitContext c, @Nullable CompletionStage<Void> stage) {
        if (stage == null) {
            throw new IllegalStateException("an async handler or event subscriber returned a null stage");
        }
        if (stage instanceof CompletableFuture<Void> f && f.isDone()) {
            try {
                f.join();
            } catch (CompletionException | CancellationException e) {
                RequestErrors.record(c, onError(), e);
            }
            return Outcome.DONE;
        }
        stage.whenComplete((ignored, error) -> {
            asyncError = error;
            resume();
        });
        return Outcome.PAUSED;
    }

    private void finish(ConduitContext c, ApplicationInstance app) {
        try {
            RequestEnd.send(site, exchange, c);
        } finally {
            obtained.releaseAll(app);
            RequestEnd.cleanUp(site, app, c);
            if (done != null) {
                done.complete(null);
            }
        }
    }
}
