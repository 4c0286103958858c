package dev.conduit.internal.pipeline;

import dev.conduit.feature.FeatureSite;
import dev.conduit.internal.compilation.AppCodeCompiler;
import dev.conduit.internal.compilation.SourceCompiler;
import dev.conduit.internal.config.FeatureCatalog;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.ResourceProbe;
import dev.conduit.internal.trace.TraceSettings;
import dev.conduit.internal.trace.TraceStore;
import dev.conduit.spi.HostExchange;
import dev.conduit.state.HttpApplicationState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** One running site: its configuration, class loader and handler factories. Shared by all requests; thread-safe. */
public final class Site implements SiteServices, AutoCloseable {
    private final Path siteRoot;
    private final Path realSiteRoot;
    private final ResourceProbe resources = this::probe;
    private final URLClassLoader classLoader;
    private final SiteConfiguration configuration;
    private final HandlerFactories factories;
    private final HttpApplicationState applicationState = new HttpApplicationState();
    private final ApplicationPool applications;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retiring;
    private final SourceCompiler compiler;
    private final TraceStore traces;
    private final Executor executor;
    private final int responseBufferLimit;
    private final Clock clock;
    /** Whether {@link #clock} is the system clock (whatever its zone): a host's receive time can stand for its read. */
    private final boolean systemClock;

    private final FileChanges changes;
    private final ConcurrentHashMap<Class<?>, Object> features = new ConcurrentHashMap<>();
    private final java.util.concurrent.locks.ReentrantLock featureLock = new java.util.concurrent.locks.ReentrantLock();
    private final FeatureSite featureView;
    private final HandlerMapper mapper = new HandlerMapper(this);
    private final ErrorResponses errors = new ErrorResponses(this);
    private final HttpErrorPages errorPages;
    private final ExecutionTimeout timeouts = new ExecutionTimeout();
    private final LoopCarriedThreads loopCarried = new LoopCarriedThreads();

    private Site(
            Runtime runtime,
            Path siteRoot,
            URLClassLoader classLoader,
            SiteConfiguration configuration,
            Class<? extends dev.conduit.HttpApplication> applicationType,
            SourceCompiler compiler)
            throws IOException {
        this.siteRoot = siteRoot;
        this.realSiteRoot = siteRoot.toRealPath();
        this.classLoader = classLoader;
        this.configuration = configuration;
        this.errorPages = new HttpErrorPages(this);
        this.factories = new HandlerFactories(classLoader);
        this.executor = runtime.executor();
        this.responseBufferLimit = runtime.responseBufferLimit();
        this.clock = runtime.clock();
        this.systemClock = clock.getClass() == Clock.systemUTC().getClass();
        this.changes = runtime.changes();
        this.applications = new ApplicationPool(
                applicationType,
                configuration.modules(),
                configuration.applicationHandlersManagedOnly(),
                applicationState,
                classLoader,
                this,
                runtime.executor());
        this.compiler = compiler;
        this.traces = new TraceStore(TraceSettings.of(configuration.forPath("/")));
        this.featureView = runtime.featureView().apply(this);
    }

    @Override
    public TraceStore traces() {
        return traces;
    }

    /**
     * What a site runs with, from its host.
     *
     * @param executor where requests run when they may block (virtual threads)
     * @param responseBufferLimit the bytes a response buffers before it streams
     * @param clock the runtime's clock
     * @param featureView makes the public view of the site that features see ({@code FeatureSite})
     * @param changes the site watcher's file-change notifications (the runtime's, shared by every application)
     * @param pipelineMode the host's override of the site's pipeline mode, or null
     */
    public record Runtime(
            Executor executor,
            int responseBufferLimit,
            Clock clock,
            Function<? super SiteServices, ? extends FeatureSite> featureView,
            FileChanges changes,
            dev.conduit.config.@Nullable PipelineMode pipelineMode) {}

    /**
     * Loads the site at {@code root}: its {@code bin/*.jar} class loader and every web.config, checked.
     *
     * @throws dev.conduit.ConfigurationException listing every configuration problem
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static Site load(Path root, Runtime runtime) {
        Path siteRoot = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(siteRoot)) {
            throw new IllegalArgumentException("site folder does not exist: " + siteRoot);
        }
        var cache = compilationCache(siteRoot);
        var classpath = compileClasspath(siteRoot);
        var compiler = new SourceCompiler(cache, classpath);
        // App_Code first: its classes may be handler, module and application types named in configuration.
        Path appCode = AppCodeCompiler.compile(siteRoot, cache, classpath, compiler.counter());
        URLClassLoader loader = siteClassLoader(siteRoot, appCode);
        try {
            SiteConfiguration config =
                    SiteConfiguration.load(siteRoot, HandlerTypes.checker(loader), runtime.pipelineMode());
            var applicationType = GlobalAsax.applicationClass(siteRoot, loader);
            Site site = new Site(
                    runtime,
                    siteRoot,
                    loader,
                    config,
                    applicationType,
                    appCode == null ? compiler : compiler.withClasspath(appCode));
            site.applications.start();
            return site;
        } catch (RuntimeException | IOException e) {
            closeQuietly(loader);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The class loader over {@code bin/*.jar}, in name order, with the server's classes as parent. */
    public static URLClassLoader siteClassLoader(Path siteRoot) {
        return siteClassLoader(siteRoot, null);
    }

    /**
     * The site's class loader, as a running site has it: App_Code compiled (or taken from the cache), then the
     * compiled App_Code folder and {@code bin/*.jar} over the server's classes.
     *
     * @throws dev.conduit.ConfigurationException when App_Code does not compile, listing every error
     */
    public static URLClassLoader compileAndLoad(Path root) {
        Path siteRoot = root.toAbsolutePath().normalize();
        var cache = compilationCache(siteRoot);
        Path appCode = AppCodeCompiler.compile(siteRoot, cache, compileClasspath(siteRoot), new AtomicInteger());
        return siteClassLoader(siteRoot, appCode);
    }

    private static URLClassLoader siteClassLoader(Path siteRoot, @Nullable Path appCodeClasses) {
        List<URL> urls = new ArrayList<>();
        if (appCodeClasses != null) {
            try {
                urls.add(appCodeClasses.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        Path bin = siteRoot.resolve("bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> jars = Files.list(bin)) {
                for (Path jar :
                        jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + bin, e);
            }
        }
        return new URLClassLoader(
                "site:" + siteRoot.getFileName(), urls.toArray(URL[]::new), Site.class.getClassLoader());
    }

    /** Runs one exchange through the pipeline; the future completes when the response was handed to the host. */
    public CompletableFuture<Void> execute(HostExchange exchange) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        start(new RequestExecution(this, exchange, done));
        return done;
    }

    /** Runs one exchange through the pipeline, for a host that needs not know when it ends (nothing is made for that). */
    public void dispatch(HostExchange exchange) {
        start(new RequestExecution(this, exchange, null));
    }

    private void start(RequestExecution run) {
        inFlight.incrementAndGet();
        Executor loop = run.exchange().eventLoop();
        if (loop != null) {
            run.runOnLoop(loop); // the caller is that network thread: the request starts here, now
        } else {
            executor.execute(run);
        }
    }

    /**
     * Retires this site after a recycle: it takes no new requests (the runtime routes them to its successor) and
     * closes (application end, class loader) once the requests in flight have finished.
     */
    public void retire() {
        retiring = true;
        if (inFlight.get() == 0) {
            closeOnce();
        }
    }

    /** A request of this site ended (its execution calls this once, last). */
    void requestEnded() {
        if (inFlight.decrementAndGet() == 0 && retiring) {
            closeOnce();
        }
    }

    /** The number of requests in flight. */
    public int inFlight() {
        return inFlight.get();
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    @Override
    public Path siteRoot() {
        return siteRoot;
    }

    @Override
    public Path realSiteRoot() {
        return realSiteRoot;
    }

    @Override
    public SiteConfiguration configuration() {
        return configuration;
    }

    @Override
    public ClassLoader classLoader() {
        return classLoader;
    }

    @Override
    public HttpApplicationState applicationState() {
        return applicationState;
    }

    @Override
    public SourceCompiler compiler() {
        return compiler;
    }

    /**
     * The compiler a site running from {@code root} would use (App_Code compiled, or taken from the cache, on its class
     * path), for tools that check a site without running it.
     */
    public static SourceCompiler compilerFor(Path root) {
        Path siteRoot = root.toAbsolutePath().normalize();
        var cache = compilationCache(siteRoot);
        var classpath = compileClasspath(siteRoot);
        var compiler = new SourceCompiler(cache, classpath);
        Path appCode = AppCodeCompiler.compile(siteRoot, cache, classpath, compiler.counter());
        return appCode == null ? compiler : compiler.withClasspath(appCode);
    }

    /**
     * Where compiled site sources are kept: a folder per site under the system's temporary folder (System.Web's
     * "Temporary ASP.NET Files"), or {@code conduit.compilation.cache} when set.
     */
    static Path compilationCache(Path siteRoot) {
        String base = System.getProperty("conduit.compilation.cache");
        Path root = base != null ? Path.of(base) : Path.of(System.getProperty("java.io.tmpdir"), "conduit-compiled");
        String id = Integer.toHexString(siteRoot.toString().hashCode()) + "-" + siteRoot.getFileName();
        return root.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** What site sources compile against: the API, its annotations, and the site's jars. */
    private static List<Path> compileClasspath(Path siteRoot) {
        List<Path> cp = new ArrayList<>(
                SourceCompiler.locationsOf(dev.conduit.HttpHandler.class, org.jspecify.annotations.Nullable.class));
        for (Path p : SourceCompiler.locationsOf(
                FeatureCatalog.installed().compileAgainst().toArray(Class<?>[]::new))) {
            if (!cp.contains(p)) {
                cp.add(p);
            }
        }
        Path bin = siteRoot.resolve("bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> jars = Files.list(bin)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(cp::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + bin, e);
            }
        }
        return cp;
    }

    /** The pool of application instances. */
    ApplicationPool applications() {
        return applications;
    }

    /** The MAP_HANDLER step. */
    HandlerMapper mapper() {
        return mapper;
    }

    /** The responses to requests that ended in error. */
    ErrorResponses errors() {
        return errors;
    }

    /** {@code <httpErrors>}: the pages that replace error responses at the end of a request. */
    HttpErrorPages errorPages() {
        return errorPages;
    }

    HandlerFactories factories() {
        return factories;
    }

    Executor executor() {
        return executor;
    }

    int responseBufferLimit() {
        return responseBufferLimit;
    }

    @Override
    public FeatureSite featureView() {
        return featureView;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * The time a request starts at, in epoch milliseconds: when the host received it, if the host says and this
     * site's clock is the system clock (one clock read per read of a pipelined burst rather than one per request:
     * 1.7 % of a pipelined profile), else the clock's time now.
     */
    long requestTime(HostExchange exchange) {
        long received = systemClock ? exchange.receivedAt() : 0;
        return received != 0 ? received : clock.millis();
    }

    @Override
    public FileChanges fileChanges() {
        return changes;
    }

    @Override
    public void withApplication(Consumer<dev.conduit.HttpApplication> action) {
        ApplicationInstance instance = applications.take();
        try {
            action.accept(instance.app);
        } finally {
            applications.give(instance);
        }
    }

    /** Runs synchronous handlers on virtual threads carried by the network thread, where it may. */
    LoopCarriedThreads loopCarried() {
        return loopCarried;
    }

    /** Times synchronous handlers against {@code executionTimeout}. */
    ExecutionTimeout timeouts() {
        return timeouts;
    }

    @Override
    public <T> T feature(Class<T> type, Function<? super SiteServices, ? extends T> create) {
        Object f = features.get(type);
        if (f == null) {
            // Not computeIfAbsent: a feature may ask for another one while it is created, which that method forbids.
            // Not a monitor either: a virtual thread carried by a network thread may wait for that thread to run it
            // while it owns or is about to own the monitor, and the network thread must not block on it (IdleStack).
            featureLock.lock();
            try {
                f = features.get(type);
                if (f == null) {
                    f = Objects.requireNonNull(create.apply(this), "feature " + type.getName());
                    features.put(type, f);
                }
            } finally {
                featureLock.unlock();
            }
        }
        return type.cast(f);
    }

    @Override
    public @Nullable HandlerMapping map(String verb, String filePath) {
        return configuration.forPath(filePath).handlers().find(verb, filePath, resources);
    }

    @Override
    public List<String> allowedVerbs(String filePath) {
        return HandlerTypes.allowedVerbs(configuration.forPath(filePath).handlers(), filePath, resources);
    }

    /**
     * What a file path names on disk, for integrated mode's {@code resourceType} entries: one {@code stat}, asked only
     * when a lookup reaches such an entry (the stock list's last, {@code StaticFile}).
     */
    ResourceProbe resources() {
        return resources;
    }

    private ResourceProbe.Kind probe(String filePath) {
        try {
            Path p = filePath.length() <= 1 ? siteRoot : siteRoot.resolve(filePath.substring(1));
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isDirectory() ? ResourceProbe.Kind.DIRECTORY : ResourceProbe.Kind.FILE;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return ResourceProbe.Kind.MISSING;
        }
    }

    @Override
    public void close() {
        closeOnce();
    }

    private void doClose() {
        for (Object f : features.values()) {
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.getLogger("dev.conduit.runtime")
                            .log(
                                    System.Logger.Level.WARNING,
                                    "closing " + f.getClass().getName() + " failed",
                                    e);
                }
            }
        }
        features.clear();
        applications.close();
        timeouts.close();
        closeQuietly(classLoader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Nothing left to do with a loader that cannot close its jars.
        }
    }
}
