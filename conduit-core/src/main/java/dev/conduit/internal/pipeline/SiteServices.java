package dev.conduit.internal.pipeline;

import dev.conduit.feature.FeatureSite;
import dev.conduit.internal.compilation.SourceCompiler;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.trace.TraceStore;
import dev.conduit.state.HttpApplicationState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the runtime offers built-in handlers beyond the public API. */
public interface SiteServices {

    /** The site's root folder (absolute, normalized). */
    Path siteRoot();

    /** The real path of the site's root folder (symbolic links resolved), for containment checks. */
    Path realSiteRoot();

    /** The site's configuration. */
    SiteConfiguration configuration();

    /** The application state shared by every request. */
    HttpApplicationState applicationState();

    /** Compiles site sources ({@code .ashx}), with a disk cache. */
    SourceCompiler compiler();

    /** The traced requests, for trace.axd. */
    TraceStore traces();

    /** The site's class loader ({@code bin/*.jar} over the server's classes). */
    ClassLoader classLoader();

    /**
     * The verbs among the common ones (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS) that map {@code filePath} to
     * a handler that can serve them, for the {@code Allow} header of a 405.
     */
    List<String> allowedVerbs(String filePath);

    /** The runtime's clock (injected through {@code RuntimeOptions}): every feature reads time from it. */
    Clock clock();

    /** The site watcher's file-change notifications, for caches that would otherwise check a file per hit. */
    FileChanges fileChanges();

    /**
     * The site's one instance of a feature (the session state runtime, say), created by {@code create} on first use
     * and kept until the site stops; when it is {@link AutoCloseable} it is closed then, before the application's
     * instances. Thread-safe: concurrent first uses create it once.
     *
     * @throws RuntimeException whatever {@code create} throws; nothing is kept then, and a later call tries again
     */
    <T> T feature(Class<T> type, Function<? super SiteServices, ? extends T> create);

    /**
     * Runs {@code action} on an application instance borrowed from the pool, outside any request (its {@code
     * context()} throws), then gives the instance back: for the application's own events that no request raises, such
     * as {@code Session_End}. The instance is used by nobody else meanwhile. May block while {@code action} runs; an
     * exception from {@code action} propagates after the instance is given back.
     */
    void withApplication(Consumer<dev.conduit.HttpApplication> action);

    /** The site as features see it, through the public seam. */
    FeatureSite featureView();

    /** The entry that maps {@code verb} on {@code filePath}, or null. */
    @org.jspecify.annotations.Nullable
    HandlerMapping map(String verb, String filePath);
}
