package dev.conduit.internal.pipeline;

import dev.conduit.AsyncEventHandler;
import dev.conduit.EventHandler;
import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.ResponseEndSignal;
import dev.conduit.UserPrincipal;
import dev.conduit.internal.config.CustomErrorsSettings;
import dev.conduit.internal.config.MimeTypes;
import dev.conduit.internal.config.RuntimeSettings;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.trace.RequestTrace;
import dev.conduit.internal.trace.TracePages;
import dev.conduit.spi.HostExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** The handlers obtained from factories, to release after the request (almost always one: no list for it). */
    private @Nullable HttpHandler firstHandler;

    private @Nullable HttpHandlerFactory firstFactory;
    private @Nullable List<HttpHandler> moreHandlers;
    private @Nullable List<HttpHandlerFactory> moreFactories;
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
    /** The mapping (and its factory) found while deciding where MAP_HANDLER runs, for the file path it was found for. */
    private @Nullable HandlerMapping plannedMapping;

    private @Nullable HttpHandlerFactory plannedFactory;
    private @Nullable String plannedPath;

    RequestExecution(Site site, HostExchange exchange) {
        this.site = site;
        this.exchange = exchange;
    }

    /** Starts the request on the calling thread, which is the host's network thread {@code loop}. */
    void runOnLoop(Executor loop) {
        this.loop = loop;
        this.onLoop = true;
        run();
    }

    /** Carries on on the runtime's executor: the next step may block. */
    private void moveToExecutor() {
        onLoop = false;
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

    /** Completes when the response has been handed to the host and the handlers released. */
    CompletableFuture<Void> done() {
        return done;
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
                c = start(app);
                ctx = c;
            }
            Throwable pending = asyncError;
            if (pending != null) {
                asyncError = null;
                record(c, pending);
            }
            Step paused = pausedStep;
            if (paused != null) {
                pausedStep = null;
                var trace = c.activeTrace();
                if (trace != null) {
                    trace.step(stepName(c, paused) + " (async)", pausedAt);
                }
            }
            Step[] steps = app.steps;
            while (step < steps.length) {
                if (step < app.endRequest && (c.hasError() || c.isRequestCompleted())) {
                    step = app.endRequest;
                    if (step >= steps.length) {
                        break;
                    }
                }
                Step s = steps[step];
                if (onLoop && mayBlock(c, s)) {
                    moveToExecutor();
                    return;
                }
                step++;
                var trace = c.activeTrace();
                long started = trace == null ? 0 : trace.now();
                try {
                    if (!runStep(c, s)) {
                        pausedStep = s;
                        pausedAt = started;
                        return;
                    }
                } catch (Throwable t) {
                    record(c, t);
                }
                if (trace != null) {
                    trace.step(stepName(c, s), started);
                }
            }
            if (onLoop && c.hasError()) {
                // The error page may read a file and the error is logged: neither belongs on a network thread.
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
                done.completeExceptionally(fatal);
            }
        }
    }

    private ConduitContext start(ApplicationInstance app) {
        RequestTarget target;
        HttpException badTarget = null;
        try {
            target = RequestTarget.parse(exchange.rawTarget());
        } catch (HttpException e) {
            badTarget = e;
            target = new RequestTarget("/", "");
        }
        String path = target.path();
        String filePath = path;
        String pathInfo = "";
        int split = RequestPaths.splitPoint(site.siteRoot(), path);
        if (split > 0) {
            filePath = path.substring(0, split);
            pathInfo = path.substring(split);
        }
        ConduitRequest request = new ConduitRequest(exchange, target, site.siteRoot(), filePath, pathInfo);
        boolean head = exchange.method().equals("HEAD");
        ConduitResponse response = new ConduitResponse(exchange, head, site.responseBufferLimit());
        ConduitContext c = new ConduitContext(
                site, app.app, request, response, site.clock().instant());
        RuntimeAccess.attachTo(app.app, c);
        if (app.beforeHeaders.length > 0 || app.beforeContent.length > 0) {
            response.observe(() -> raise(c, app.beforeHeaders), () -> raise(c, app.beforeContent));
        }
        var traces = site.traces();
        if (traces.collecting()) {
            c.startTrace(new RequestTrace(true, traces.settings().writeToDiagnosticsTrace()));
        }
        if (badTarget != null) {
            record(c, badTarget);
        }
        return c;
    }

    /** How a step appears in the trace waterfall. */
    private static String stepName(ConduitContext c, Step s) {
        return switch (s) {
            case Step.Internal i ->
                switch (i) {
                    case VALIDATE -> "ValidateRequest";
                    case DEFAULT_AUTHENTICATION -> "DefaultAuthentication";
                    case MAP_HANDLER -> "MapHandler";
                    case EXECUTE_HANDLER ->
                        "Handler"
                                + (c.handler() == null
                                        ? ""
                                        : " (" + c.handler().getClass().getSimpleName() + ")");
                };
            case Step.Subscriber sub -> {
                // The module's class: without a lambda's "$$Lambda..." or an anonymous class's "$1".
                String owner = sub.handler().getClass().getName();
                int lambda = owner.indexOf("$$");
                owner = lambda > 0 ? owner.substring(0, lambda) : owner;
                owner = owner.replaceAll("(\\$[0-9]+)+$", "");
                yield sub.event() + " (" + owner.substring(owner.lastIndexOf('.') + 1) + ")";
            }
        };
    }

    /** Whether a step may block, so that it must not run on the network thread. */
    private boolean mayBlock(ConduitContext c, Step s) {
        return switch (s) {
            case Step.Internal internal ->
                switch (internal) {
                    case VALIDATE, DEFAULT_AUTHENTICATION -> false;
                    case MAP_HANDLER -> mappingMayBlock(c);
                    case EXECUTE_HANDLER -> handlerMayBlock(c, c.handler());
                };
            case Step.Subscriber sub ->
                sub.handler() instanceof EventHandler sync && (!(sync instanceof NonBlocking nb) || nb.mayBlock(c));
        };
    }

    /** A synchronous handler may block, unless it is a built-in one that says it does not for this request. */
    private static boolean handlerMayBlock(ConduitContext c, @Nullable HttpHandler h) {
        if (h == null || h instanceof HttpAsyncHandler) {
            return false;
        }
        return !(h instanceof NonBlocking nb) || nb.mayBlock(c);
    }

    /**
     * Whether mapping may block: finding a default document reads the folder, and a factory may be the site's own
     * (or the runtime's, constructing a synchronous handler). The mapping found is kept for {@link #mapHandler}.
     */
    private boolean mappingMayBlock(ConduitContext c) {
        ConduitRequest r = c.request();
        if (RequestPaths.hasHiddenSegment(r.path()) || c.remappedHandler() != null) {
            return false;
        }
        String filePath = r.filePath();
        if (filePath.endsWith("/")
                && r.pathInfo().isEmpty()
                && c.config().staticContent().defaultDocumentsEnabled()) {
            return true;
        }
        try {
            HandlerMapping mapping = c.config().handlers().find(r.requestType(), filePath);
            if (mapping == null) {
                return false;
            }
            HttpHandlerFactory factory = site.factories().forMapping(mapping);
            plannedMapping = mapping;
            plannedFactory = factory;
            plannedPath = filePath;
            return !(factory instanceof NonBlocking nb) || nb.mayBlock(c);
        } catch (RuntimeException e) {
            return true; // the step itself reports it, from a thread that may block
        }
    }

    /** Runs one step; false when the request is paused on a pending stage. */
    private boolean runStep(ConduitContext c, Step s) throws Exception {
        switch (s) {
            case Step.Internal internal -> {
                switch (internal) {
                    case VALIDATE -> validate(c);
                    case DEFAULT_AUTHENTICATION -> {
                        if (c.user() == null) {
                            c.setUser(UserPrincipal.anonymous());
                        }
                    }
                    case MAP_HANDLER -> mapHandler(c);
                    case EXECUTE_HANDLER -> {
                        return executeHandler(c);
                    }
                }
                return true;
            }
            case Step.Subscriber sub -> {
                if (sub.handler() instanceof EventHandler sync) {
                    sync.handle(c);
                    return true;
                }
                return awaitStage(c, ((AsyncEventHandler) sub.handler()).handle(c));
            }
        }
    }

    private void validate(ConduitContext c) {
        RuntimeSettings limits = c.config().runtime();
        ConduitRequest r = c.request();
        // 414 rather than System.Web's 400: the status HTTP defines for it (a deliberate difference).
        if (r.path().length() > limits.maxUrlLength()) {
            throw new HttpException(
                    414,
                    "The length of the URL for this request exceeds the configured maxUrlLength" + " value ("
                            + limits.maxUrlLength() + ").");
        }
        if (r.queryStringText().length() > limits.maxQueryStringLength()) {
            throw new HttpException(
                    414,
                    "The length of the query string for this request exceeds the configured"
                            + " maxQueryStringLength value (" + limits.maxQueryStringLength() + ").");
        }
        long max = limits.maxRequestLengthBytes();
        if (exchange.requestContentLength() > max) {
            throw new HttpException(413, "Maximum request length exceeded.");
        }
        r.setMaxRequestLength(max);
        exchange.limitRequestBody(max);
    }

    private void mapHandler(ConduitContext c) throws Exception {
        ConduitRequest r = c.request();
        if (RequestPaths.hasHiddenSegment(r.path())) {
            throw new HttpException(404, "The resource cannot be found.");
        }
        HttpHandler remapped = c.remappedHandler();
        if (remapped != null) {
            c.setHandler(remapped);
            return;
        }
        applyDefaultDocument(c);
        String verb = r.requestType();
        String filePath = r.filePath();
        HandlerMapping mapping = filePath.equals(plannedPath)
                ? plannedMapping
                : c.config().handlers().find(verb, filePath);
        if (mapping == null) {
            throw new HttpException(
                    500, "No http handler was found for request type '" + verb + "' and path '" + filePath + "'.");
        }
        HttpHandlerFactory factory = mapping == plannedMapping && plannedFactory != null
                ? plannedFactory
                : site.factories().forMapping(mapping);
        HttpHandler handler;
        try {
            // The runtime's own pool needs no physical path: not building one saves a Path per request.
            handler = factory instanceof PooledHandlerFactory pooled
                    ? pooled.take()
                    : factory.getHandler(c, verb, filePath, r.physicalPath());
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new HttpException(404, "The resource cannot be found.", e);
        }
        if (handler != null) {
            if (firstHandler == null) {
                firstHandler = handler;
                firstFactory = factory;
            } else {
                if (moreHandlers == null || moreFactories == null) {
                    moreHandlers = new ArrayList<>(2);
                    moreFactories = new ArrayList<>(2);
                }
                moreHandlers.add(handler);
                moreFactories.add(factory);
            }
        }
        c.setHandler(handler);
    }

    /** A request for a folder (ending in '/') is served its first existing default document, as IIS does. */
    private void applyDefaultDocument(ConduitContext c) {
        ConduitRequest r = c.request();
        String filePath = r.filePath();
        if (!filePath.endsWith("/") || !r.pathInfo().isEmpty()) {
            return;
        }
        var statics = c.config().staticContent();
        if (!statics.defaultDocumentsEnabled()) {
            return;
        }
        Path folder = r.physicalFile();
        for (String doc : statics.defaultDocuments()) {
            if (Files.isRegularFile(folder.resolve(doc))) {
                r.rewriteFilePath(filePath + doc);
                c.resetConfig();
                return;
            }
        }
    }

    private boolean executeHandler(ConduitContext c) throws Exception {
        HttpHandler h = c.handler();
        if (h == null) {
            return true;
        }
        if (!(h instanceof HttpAsyncHandler async)) {
            if (onLoop) {
                h.processRequest(c); // a built-in handler that does not block here: no timeout to watch
            } else {
                runWithTimeout(c, h);
            }
            return true;
        }
        return awaitStage(c, async.processRequestAsync(c));
    }

    /**
     * Carries on at once when {@code stage} is already complete; otherwise pauses the request (returns false) and
     * resumes it on the executor when the stage completes.
     */
    private boolean awaitStage(ConduitContext c, @Nullable CompletionStage<Void> stage) {
        if (stage == null) {
            throw new IllegalStateException("an async handler or event subscriber returned a null stage");
        }
        if (stage instanceof CompletableFuture<Void> f && f.isDone()) {
            try {
                f.join();
            } catch (CompletionException | CancellationException e) {
                record(c, e);
            }
            return true;
        }
        stage.whenComplete((ignored, error) -> {
            asyncError = error;
            resume();
        });
        return false;
    }

    /**
     * Runs a synchronous handler under the folder's {@code executionTimeout} (0: none). When it overruns, its thread
     * is interrupted and the request fails with 503 "Request timed out." (System.Web answers 500; 503 says the
     * server gave up, not that it broke). An async handler's start is not timed, as in System.Web.
     */
    private void runWithTimeout(ConduitContext c, HttpHandler h) throws Exception {
        long timeout = c.config().runtime().executionTimeout().toNanos();
        if (timeout <= 0) {
            h.processRequest(c);
            return;
        }
        Thread thread = Thread.currentThread();
        AtomicInteger state = new AtomicInteger();
        var watchdog = site.watchdog()
                .schedule(
                        () -> {
                            if (state.compareAndSet(0, 2)) {
                                thread.interrupt();
                            }
                        },
                        timeout,
                        TimeUnit.NANOSECONDS);
        Throwable failure = null;
        try {
            h.processRequest(c);
        } catch (Throwable t) {
            failure = t;
        } finally {
            watchdog.cancel(false);
        }
        if (!state.compareAndSet(0, 1)) {
            Thread.interrupted(); // the interrupt was ours; it must not leak into later steps
            throw new HttpException(503, "Request timed out.");
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Records a failure: {@link ResponseEndSignal} completes the request; anything else is added to the request's
     * errors, and the first one raises the Error event at once (its subscribers' own failures are added too).
     */
    private void record(ConduitContext c, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ResponseEndSignal) {
            c.completeRequest();
            return;
        }
        boolean first = !c.hasError();
        c.addError(e);
        ApplicationInstance app = instance;
        if (first && app != null && app.onError.length > 0) {
            for (EventHandler h : app.onError) {
                try {
                    h.handle(c);
                } catch (Throwable inner) {
                    Throwable ie = unwrap(inner);
                    if (ie instanceof ResponseEndSignal) {
                        c.completeRequest();
                    } else {
                        c.addError(ie);
                    }
                }
            }
        }
    }

    /** Raises a synchronous notification (the send events); failures are recorded as request errors. */
    private void raise(ConduitContext c, EventHandler[] handlers) {
        for (EventHandler h : handlers) {
            try {
                h.handle(c);
            } catch (Throwable t) {
                record(c, t);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private void finish(ConduitContext c, ApplicationInstance app) {
        ConduitResponse response = c.response();
        try {
            Throwable error = c.error();
            if (error != null) {
                logIfServerError(c, error);
                if (!response.canReplace()) {
                    // Part of the response is on the wire: a correct one can no longer be sent on this connection.
                    response.abandon();
                    exchange.abort(error);
                    return;
                }
                renderError(c, error);
            }
            finishTrace(c);
            response.finish();
        } catch (Throwable t) {
            if (!(unwrap(t) instanceof UncheckedIOException)) {
                LOG.log(System.Logger.Level.ERROR, "sending the response failed", t);
            }
            response.abandon();
            exchange.abort(t);
        } finally {
            release();
            c.request().close();
            for (EventHandler h : app.onCompleted) {
                try {
                    h.handle(c);
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.WARNING, "a RequestCompleted subscriber failed", t);
                }
            }
            RuntimeAccess.attachTo(app.app, null);
            site.applicationState().releaseHeldLocks();
            site.applications().give(app);
            site.requestEnded();
            done.complete(null);
        }
    }

    /**
     * Keeps the request's trace for trace.axd (never trace.axd's own requests) and, with {@code pageOutput}, appends
     * it to an HTML page that is still buffered.
     */
    private void finishTrace(ConduitContext c) {
        var trace = c.activeTrace();
        if (trace == null || c.handler() instanceof NotTraced) {
            return;
        }
        var store = site.traces();
        // Only a form already read is shown: tracing must never consume a body the handler did not read.
        var record = trace.toRecord(c, c.request().parsedForm());
        var settings = store.settings();
        ConduitResponse response = c.response();
        if (settings.pageOutput()
                && (!settings.localOnly() || c.request().isLocal())
                && response.canReplace()
                && response.contentType().equalsIgnoreCase("text/html")
                && !c.request().httpMethod().equals("HEAD")) {
            response.write(TracePages.inline(record, settings.sortByCategory()));
        }
        store.add(record);
    }

    /**
     * The error response, as {@code <customErrors>} says (spec §5.6): details when custom errors do not apply to this
     * client (mode Off, or RemoteOnly and a local request); otherwise the configured page for the status (a 302 to it
     * with {@code ?aspxerrorpath=}, or with ResponseRewrite its content in place under the original status), or the
     * generic page when there is none, when the request already is an error-page request, or when the page cannot
     * be served.
     */
    private void renderError(ConduitContext c, Throwable error) {
        ConduitResponse response = c.response();
        ConduitRequest request = c.request();
        CustomErrorsSettings settings = CustomErrorsSettings.of(c.config());
        if (!settings.customFor(request.isLocal())) {
            ErrorPages.render(response, error, true);
            return;
        }
        int status = ErrorPages.statusOf(error);
        String page = settings.pageFor(status);
        if (page == null || request.queryString().contains("aspxerrorpath")) {
            ErrorPages.render(response, error, false);
            return;
        }
        String target = page.startsWith("~/") ? page.substring(1) : page;
        boolean absolute =
                target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
        if (!absolute && !target.startsWith("/")) {
            target = "/" + target;
        }
        if (!settings.rewrite() || absolute) {
            String location = target.indexOf('?') >= 0
                    ? target
                    : target + "?aspxerrorpath=" + dev.conduit.HttpUtility.urlEncode(request.path());
            response.clear();
            response.redirect(location, false);
            return;
        }
        Path file = errorPageFile(target);
        if (file == null || target.equals(request.path())) {
            ErrorPages.render(response, error, false);
            return;
        }
        response.clear();
        response.setStatusCode(status);
        response.setContentType(MimeTypes.lookup(
                c.config().staticContent().mimeTypes(), file.getFileName().toString()));
        response.setCharset(null);
        response.setHeader("Cache-Control", "private, no-store");
        response.transmitFile(file);
    }

    /** The static file behind an error page path, if it is one the site may serve; else {@code null}. */
    private @Nullable Path errorPageFile(String target) {
        try {
            String path = RequestTarget.parse(target).path();
            if (RequestPaths.hasHiddenSegment(path) || path.contains("/.") || path.endsWith("/")) {
                return null;
            }
            Path file = site.siteRoot().resolve(path.substring(1));
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(site.realSiteRoot())) {
                return null;
            }
            return file;
        } catch (HttpException | IOException e) {
            return null;
        }
    }

    private static void logIfServerError(ConduitContext c, Throwable error) {
        if (ErrorPages.statusOf(error) >= 500) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    () -> "error serving " + c.request().httpMethod() + " "
                            + c.request().rawUrl(),
                    error);
        }
    }

    /** Releases every handler obtained, in the order obtained. */
    private void release() {
        if (firstHandler != null && firstFactory != null) {
            release(firstFactory, firstHandler);
        }
        if (moreHandlers != null && moreFactories != null) {
            for (int i = 0; i < moreHandlers.size(); i++) {
                release(moreFactories.get(i), moreHandlers.get(i));
            }
        }
    }

    private static void release(HttpHandlerFactory f, HttpHandler h) {
        try {
            f.releaseHandler(h);
        } catch (Throwable t) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "handler factory " + f.getClass().getName() + " failed to release",
                    t);
        }
    }
}
