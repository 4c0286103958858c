package dev.conduit.runtime;

import dev.conduit.ConfigurationException;
import dev.conduit.config.PipelineMode;
import dev.conduit.feature.FeatureSite;
import dev.conduit.internal.feature.SiteFeatureView;
import dev.conduit.internal.pipeline.FileChanges;
import dev.conduit.internal.pipeline.Site;
import dev.conduit.internal.pipeline.SiteWatcher;
import dev.conduit.spi.HostExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A running site, the Java form of System.Web's {@code HttpRuntime}: hosts hand it exchanges.
 *
 * <p>{@link #start} loads the site, compiles App_Code and checks every web.config, failing early with every problem
 * listed, so a broken site never serves. {@link #execute} may be called from any thread, concurrently; it returns at
 * once and runs the request on the runtime's executor (virtual threads by default), so a network event loop can
 * call it.
 *
 * <p><b>Recycling.</b> When a web.config, Global.asax, App_Code or bin changes, the runtime loads the site again
 * without restarting the process, as System.Web recycles an application: new requests go to the new application (a
 * new class loader; applicationStart runs), requests in flight finish on the old one, which then runs applicationEnd
 * and is closed. If the changed site does not load (a configuration or compile error), the problems are logged and
 * the last good application keeps serving.
 */
public final class HttpRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private final RuntimeOptions options;
    private final Executor executor;
    private final AtomicReference<Site> current;
    private final @Nullable ExecutorService ownedExecutor;
    private final FileChanges changes;
    private final AtomicInteger recycles = new AtomicInteger();
    private volatile List<ConfigurationException.Problem> lastProblems = List.of();
    private volatile @Nullable SiteWatcher watcher;

    private HttpRuntime(
            RuntimeOptions options,
            Executor executor,
            Site site,
            @Nullable ExecutorService ownedExecutor,
            FileChanges changes) {
        this.options = options;
        this.executor = executor;
        this.current = new AtomicReference<>(site);
        this.ownedExecutor = ownedExecutor;
        this.changes = changes;
    }

    /**
     * Loads and checks the site.
     *
     * @throws ConfigurationException listing every configuration problem of every file
     * @throws IllegalArgumentException when the site folder does not exist
     */
    public static HttpRuntime start(RuntimeOptions options) {
        ExecutorService owned = options.executor() == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        Executor executor = owned != null ? owned : options.executor();
        try {
            // One for the runtime's life: the watcher outlives every recycled application and reports to each.
            FileChanges changes = new FileChanges(options.siteRoot());
            HttpRuntime runtime = new HttpRuntime(options, executor, load(options, executor, changes), owned, changes);
            if (options.watchForChanges()) {
                runtime.watch();
            }
            return runtime;
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.shutdownNow();
            }
            throw e;
        }
    }

    /** Loads and checks the site at {@code siteRoot} with default options. */
    public static HttpRuntime start(Path siteRoot) {
        return start(RuntimeOptions.of(siteRoot));
    }

    private static Site load(RuntimeOptions options, Executor executor, FileChanges changes) {
        return Site.load(
                options.siteRoot(),
                new Site.Runtime(
                        executor,
                        options.responseBufferLimit(),
                        options.clock(),
                        SiteFeatureView::new,
                        changes,
                        options.pipelineMode()));
    }

    private void watch() {
        try {
            watcher = new SiteWatcher(
                    current.get().siteRoot(),
                    this::recycle,
                    () -> current.get().configuration().externalFiles(),
                    changes);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch the site for changes; restart to apply them", e);
        }
    }

    /**
     * Loads the site again and switches new requests to it; requests in flight finish on the old application. On a
     * configuration or compile error the current application keeps serving and the problems are logged.
     *
     * @return true when the new application took over
     */
    public synchronized boolean recycle() {
        Site next;
        try {
            next = load(options, executor, changes);
        } catch (ConfigurationException e) {
            lastProblems = e.problems();
            LOG.log(
                    System.Logger.Level.ERROR,
                    "the changed site does not load; the last good application keeps" + " serving:\n" + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "the changed site does not load; the last good application keeps" + " serving",
                    e);
            return false;
        }
        lastProblems = List.of();
        Site old = current.getAndSet(next);
        recycles.incrementAndGet();
        old.retire();
        return true;
    }

    /**
     * Runs one exchange through the pipeline. Returns at once; the future completes when the response has been
     * handed to the host (sent or aborted) and the request's handlers released. It completes exceptionally only
     * when the runtime itself failed, after aborting the exchange.
     */
    public CompletableFuture<Void> execute(HostExchange exchange) {
        return current.get().execute(exchange);
    }

    /**
     * Runs one exchange through the pipeline, as {@link #execute} does, for a host that learns the end from the
     * exchange itself ({@link HostExchange#complete()} or {@link HostExchange#abort}): no future is made per request.
     */
    public void dispatch(HostExchange exchange) {
        current.get().dispatch(exchange);
    }

    /** The site folder. */
    public Path siteRoot() {
        return current.get().siteRoot();
    }

    /** The pipeline mode the site runs in (the override, else its configuration's choice). */
    public PipelineMode pipelineMode() {
        return current.get().configuration().pipelineMode();
    }

    /**
     * Configuration that is valid but has no effect, as {@code file:line: warning: message}; and, for a site whose
     * sessions live outside the process (so it is meant to run on several instances) while its machine key is
     * generated, that a farm needs configured keys.
     */
    public List<String> configurationWarnings() {
        var config = current.get().configuration();
        List<String> all = new java.util.ArrayList<>(config.warnings());
        var root = config.forPath("/");
        var session = root.get(dev.conduit.internal.config.SessionStateSettings.SECTION);
        var key = root.get(dev.conduit.internal.security.MachineKeySection.SECTION);
        if (session.mode() == dev.conduit.internal.config.SessionStateSettings.Mode.CUSTOM
                && (key.validationKey() == null || key.decryptionKey() == null)) {
            all.add("warning: sessions are shared (<sessionState mode=\"Custom\">) but <machineKey> generates its"
                    + " keys: forms tickets and view state made on one machine do not validate on another. For"
                    + " several instances, set validationKey and decryptionKey in <machineKey>, the same on each");
        }
        return all;
    }

    /** How many times the application was recycled after a change. */
    public int recycleCount() {
        return recycles.get();
    }

    /** The problems of the last recycle that failed (empty after a successful one). */
    public List<ConfigurationException.Problem> lastRecycleProblems() {
        return lastProblems;
    }

    /** The site now serving, as features see it (for tools and tests; features get theirs from a request). */
    public FeatureSite featureSite() {
        return current.get().featureView();
    }

    /** How many times the current application ran the compiler on site sources (cache hits do not count). */
    public int compilationCount() {
        return current.get().compiler().compilations();
    }

    /**
     * Stops watching, closes the current application (applicationEnd, class loader) and stops the runtime's own
     * executor, if it made one. Hosts stop taking requests first.
     */
    @Override
    public void close() {
        SiteWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        current.get().close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }
}
