package dev.conduit.runtime;

import dev.conduit.ConfigurationException;
import dev.conduit.internal.pipeline.Site;
import dev.conduit.spi.HostExchange;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A running site, the Java form of System.Web's {@code HttpRuntime}: hosts hand it exchanges.
 *
 * <p>{@link #start} loads the site and checks every web.config, failing early with every problem listed, so a
 * broken site never serves. {@link #execute} may be called from any thread, concurrently; it returns at once and
 * runs the request on the runtime's executor (virtual threads by default), so a network event loop can call it.
 */
public final class HttpRuntime implements AutoCloseable {
    private final Site site;
    private final @Nullable ExecutorService ownedExecutor;

    private HttpRuntime(Site site, @Nullable ExecutorService ownedExecutor) {
        this.site = site;
        this.ownedExecutor = ownedExecutor;
    }

    /**
     * Loads and checks the site.
     *
     * @throws ConfigurationException listing every configuration problem of every file
     * @throws IllegalArgumentException when the site folder does not exist
     */
    public static HttpRuntime start(RuntimeOptions options) {
        ExecutorService owned = options.executor() == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        try {
            Site site = Site.load(
                    options.siteRoot(),
                    owned != null ? owned : options.executor(),
                    options.responseBufferLimit(),
                    options.clock());
            return new HttpRuntime(site, owned);
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

    /**
     * Runs one exchange through the pipeline. Returns at once; the future completes when the response has been
     * handed to the host (sent or aborted) and the request's handlers released. It completes exceptionally only
     * when the runtime itself failed, after aborting the exchange.
     */
    public CompletableFuture<Void> execute(HostExchange exchange) {
        return site.execute(exchange);
    }

    /** The site folder. */
    public Path siteRoot() {
        return site.siteRoot();
    }

    /** Configuration that is valid but has no effect, as {@code file:line: warning: message}. */
    public List<String> configurationWarnings() {
        return site.configuration().warnings();
    }

    /** How many times this runtime ran the compiler on site sources (cache hits do not count); for diagnostics. */
    public int compilationCount() {
        return site.compiler().compilations();
    }

    /** Stops the runtime's own executor (if it made one) and closes the site class loader. */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        site.close();
    }
}
