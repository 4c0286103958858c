package dev.conduit.feature;

import dev.conduit.HttpContext;
import dev.conduit.config.Section;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * What a running site offers a feature's handlers, factories and modules: its folder, class loader, configuration,
 * compiler, clock and keys, and a place for the feature's per-site state. Obtained from a request's context with
 * {@link #of(HttpContext)}; every method is thread-safe.
 *
 * <p>The rest a feature needs is the handler model's own: {@code context.trace()} writes to the request's trace
 * (trace.axd); an {@link dev.conduit.HttpException} (or a {@link CompilationException}) thrown from a handler,
 * factory or module is answered with the site's error page as {@code <customErrors>} says; {@link FileDependencies}
 * tells when the files something was built from have changed.
 */
public interface FeatureSite {

    /**
     * The site of the request {@code context} serves.
     *
     * @throws IllegalArgumentException when {@code context} is not one the Conduit runtime created (a test double)
     */
    static FeatureSite of(HttpContext context) {
        if (context instanceof Provider provider) {
            return provider.featureSite();
        }
        throw new IllegalArgumentException(
                "not a context of the Conduit runtime: " + context.getClass().getName());
    }

    /** Implemented by the runtime's contexts; features have no reason to implement it. */
    interface Provider {
        /** The site the context belongs to. */
        FeatureSite featureSite();
    }

    /** The site's root folder (absolute, normalized). */
    Path root();

    /** The site's class loader: App_Code and {@code bin/*.jar} over the server's classes. */
    ClassLoader classLoader();

    /**
     * The merged value of {@code section} for {@code path}, an app-absolute file or folder path ({@code /shop/} or
     * {@code /shop/cart.aspx}); the value is computed once per configuration path and cached.
     */
    <T> T section(Section<T> section, String path);

    /**
     * The verbs among the common ones (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS) that the merged {@code
     * <httpHandlers>} for {@code path} map to a handler that serves them, in that order: the value of an {@code Allow}
     * header (see {@link dev.conduit.MethodNotAllowedException}).
     */
    List<String> allowedVerbs(String path);

    /** The compiler for site code. */
    SiteCompiler compiler();

    /** The runtime's clock: a feature reads time from it, so tests can move it. */
    Clock clock();

    /**
     * A 256-bit key for {@code purpose} ({@code "pages:viewstate"}, say), derived with HKDF-SHA256 from {@code
     * <machineKey>}'s {@code validationKey} and {@code decryptionKey} together, whatever algorithms it names; a key
     * that is not configured is replaced by one generated once into {@code App_Data}. Different purposes get
     * independent keys; every server configured with the same two keys gets the same key for a purpose, and changing
     * either key changes every purpose's key. Name purposes after the feature ({@code "forms:ticket"} is taken).
     *
     * @throws IllegalArgumentException for a blank purpose
     */
    byte[] key(String purpose);

    /**
     * The site's one instance of {@code type}, created by {@code create} on first use and kept until the site stops
     * (when it is {@link AutoCloseable} it is closed then). Concurrent first uses create it once; if {@code create}
     * throws, nothing is kept and a later call tries again.
     */
    <T> T state(Class<T> type, Function<? super FeatureSite, ? extends T> create);
}
