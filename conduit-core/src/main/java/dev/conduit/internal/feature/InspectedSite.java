package dev.conduit.internal.feature;

import dev.conduit.config.Section;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCompiler;
import dev.conduit.internal.compilation.CompiledClassLoader;
import dev.conduit.internal.compilation.SourceCompiler;
import dev.conduit.internal.config.SiteConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A site as a feature's {@link dev.conduit.feature.SiteCheck} sees it while {@code conduit check} inspects it without
 * running it: its folder, class loader, configuration and compiler; no application, no request, no keys (a check has
 * no reason to sign anything, and generating a key into App_Data would be a side effect of checking).
 */
public final class InspectedSite implements FeatureSite {
    private final Path root;
    private final ClassLoader loader;
    private final SiteConfiguration config;
    private final SiteCompiler compiler;
    private final Map<Class<?>, Object> states = new ConcurrentHashMap<>();

    /** The view of a site loaded for inspection. */
    public InspectedSite(Path root, ClassLoader loader, SiteConfiguration config, SourceCompiler compiler) {
        this.root = root.toAbsolutePath().normalize();
        this.loader = loader;
        this.config = config;
        this.compiler =
                (List<SiteCompiler.Source> sources) -> new CompiledClassLoader(compiler.compile(sources), loader);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public ClassLoader classLoader() {
        return loader;
    }

    @Override
    public <T> T section(Section<T> section, String path) {
        return config.forPath(path).get(section);
    }

    @Override
    public List<String> allowedVerbs(String path) {
        return List.of();
    }

    @Override
    public SiteCompiler compiler() {
        return compiler;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public byte[] key(String purpose) {
        throw new UnsupportedOperationException("a site being checked has no keys");
    }

    @Override
    public <T> T state(Class<T> type, Function<? super FeatureSite, ? extends T> create) {
        return type.cast(states.computeIfAbsent(type, t -> create.apply(this)));
    }
}
