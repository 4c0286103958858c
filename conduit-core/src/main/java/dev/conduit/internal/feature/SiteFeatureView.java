package dev.conduit.internal.feature;

import dev.conduit.config.Section;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCompiler;
import dev.conduit.internal.compilation.CompiledClassLoader;
import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.internal.security.SiteKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** A site as features see it: the public {@link FeatureSite} over the runtime's {@link SiteServices}. */
public final class SiteFeatureView implements FeatureSite {
    private final SiteServices site;
    private final SiteCompiler compiler;

    /** The view of {@code site}; made once per site. */
    public SiteFeatureView(SiteServices site) {
        this.site = site;
        this.compiler = (List<SiteCompiler.Source> sources) ->
                new CompiledClassLoader(site.compiler().compile(sources), site.classLoader());
    }

    @Override
    public Path root() {
        return site.siteRoot();
    }

    @Override
    public ClassLoader classLoader() {
        return site.classLoader();
    }

    @Override
    public <T> T section(Section<T> section, String path) {
        return site.configuration().forPath(path).get(section);
    }

    @Override
    public List<String> allowedVerbs(String path) {
        return site.allowedVerbs(path);
    }

    @Override
    public SiteCompiler compiler() {
        return compiler;
    }

    @Override
    public Clock clock() {
        return site.clock();
    }

    @Override
    public <T> T state(Class<T> type, Function<? super FeatureSite, ? extends T> create) {
        return site.feature(type, ignored -> create.apply(this));
    }

    /** The site's key for {@code purpose}, by the one rule of {@link SiteKeys}. */
    @Override
    public byte[] key(String purpose) {
        return SiteKeys.of(site).key(purpose);
    }
}
