package dev.conduit.internal.pipeline;

import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.spi.HostExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** One running site: its configuration, class loader and handler factories. Shared by all requests; thread-safe. */
public final class Site implements SiteServices, AutoCloseable {
    private final Path siteRoot;
    private final Path realSiteRoot;
    private final URLClassLoader classLoader;
    private final SiteConfiguration configuration;
    private final HandlerFactories factories;
    private final dev.conduit.state.HttpApplicationState applicationState =
            new dev.conduit.state.HttpApplicationState();
    private final ApplicationPool applications;
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> features =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Executor executor;
    private final int responseBufferLimit;
    private final Clock clock;
    private final java.util.concurrent.ScheduledExecutorService watchdog =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "conduit-execution-timeout");
                t.setDaemon(true);
                return t;
            });

    private Site(
            Path siteRoot,
            Path realSiteRoot,
            URLClassLoader classLoader,
            SiteConfiguration configuration,
            Executor executor,
            int responseBufferLimit,
            Clock clock,
            Class<? extends dev.conduit.HttpApplication> applicationType) {
        this.siteRoot = siteRoot;
        this.realSiteRoot = realSiteRoot;
        this.classLoader = classLoader;
        this.configuration = configuration;
        this.factories = new HandlerFactories(classLoader);
        this.executor = executor;
        this.responseBufferLimit = responseBufferLimit;
        this.clock = clock;
        this.applications =
                new ApplicationPool(applicationType, configuration.modules(), applicationState, classLoader, this);
    }

    /**
     * Loads the site at {@code root}: its {@code bin/*.jar} class loader and every web.config, checked.
     *
     * @throws dev.conduit.ConfigurationException listing every configuration problem
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static Site load(Path root, Executor executor, int responseBufferLimit, Clock clock) {
        Path siteRoot = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(siteRoot)) {
            throw new IllegalArgumentException("site folder does not exist: " + siteRoot);
        }
        URLClassLoader loader = siteClassLoader(siteRoot);
        try {
            SiteConfiguration config = SiteConfiguration.load(
                    siteRoot, type -> HandlerTypes.check(type, loader), type -> HandlerTypes.checkModule(type, loader));
            var applicationType = GlobalAsax.applicationClass(siteRoot, loader);
            Site site = new Site(
                    siteRoot,
                    siteRoot.toRealPath(),
                    loader,
                    config,
                    executor,
                    responseBufferLimit,
                    clock,
                    applicationType);
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
        List<URL> urls = new ArrayList<>();
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
        RequestExecution run = new RequestExecution(this, exchange);
        executor.execute(run);
        return run.done();
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
    public dev.conduit.state.HttpApplicationState applicationState() {
        return applicationState;
    }

    /** The pool of application instances. */
    ApplicationPool applications() {
        return applications;
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

    Clock clock() {
        return clock;
    }

    /** Times synchronous handlers against {@code executionTimeout}. */
    java.util.concurrent.ScheduledExecutorService watchdog() {
        return watchdog;
    }

    @Override
    public <T> T feature(Class<T> type, java.util.function.Function<? super SiteServices, ? extends T> create) {
        Object f = features.get(type);
        if (f == null) {
            // Not computeIfAbsent: a feature may ask for another one while it is created, which that method forbids.
            synchronized (features) {
                f = features.get(type);
                if (f == null) {
                    f = java.util.Objects.requireNonNull(create.apply(this), "feature " + type.getName());
                    features.put(type, f);
                }
            }
        }
        return type.cast(f);
    }

    @Override
    public @Nullable HandlerMapping map(String verb, String filePath) {
        return configuration.forPath(filePath).handlers().find(verb, filePath);
    }

    @Override
    public List<String> allowedVerbs(String filePath) {
        return HandlerTypes.allowedVerbs(configuration.forPath(filePath).handlers(), filePath);
    }

    @Override
    public void close() {
        applications.close();
        watchdog.shutdownNow();
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
