package dev.conduit.internal.pipeline;

import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.HandlerMapping;
import java.nio.file.Path;
import java.util.List;

/** What the runtime offers built-in handlers beyond the public API. */
public interface SiteServices {

    /** The site's root folder (absolute, normalized). */
    Path siteRoot();

    /** The real path of the site's root folder (symbolic links resolved), for containment checks. */
    Path realSiteRoot();

    /** The site's configuration. */
    SiteConfiguration configuration();

    /** The application state shared by every request. */
    dev.conduit.state.HttpApplicationState applicationState();

    /** The site's class loader ({@code bin/*.jar} over the server's classes). */
    ClassLoader classLoader();

    /**
     * The verbs among the common ones (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS) that map {@code filePath} to
     * a handler that can serve them, for the {@code Allow} header of a 405.
     */
    List<String> allowedVerbs(String filePath);

    /**
     * The site's single instance of a built-in feature's state (its settings, keys, providers), created by {@code
     * create} on first use and kept for the site's lifetime. Thread-safe; a lookup after the first does not allocate.
     * {@code create} runs under the features' lock and may itself ask for other features.
     */
    <T> T feature(Class<T> type, java.util.function.Function<? super SiteServices, ? extends T> create);

    /** The entry that maps {@code verb} on {@code filePath}, or null. */
    @org.jspecify.annotations.Nullable
    HandlerMapping map(String verb, String filePath);
}
