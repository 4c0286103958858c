package dev.conduit.internal.config;

import dev.conduit.config.ConfigElement;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import dev.conduit.internal.mapping.HttpHandlersSection;
import dev.conduit.internal.mapping.IntegratedHandlersSection;
import dev.conduit.internal.mapping.MappingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The effective configuration of one configuration path (a folder, or a file a {@code <location>} targets): the
 * levels that apply, outermost first, and each section's value merged from them on first read. Immutable in effect
 * (merged values are computed once and cached); cached by {@link SiteConfiguration}.
 *
 * <p>A section whose scope is not {@link Section.Scope#EVERYWHERE} is read at the application level, whatever path
 * asks for it.
 */
public final class FolderConfig {
    private final List<ConfigBody> bodies;
    private final List<Source> sources;
    /** The site root's configuration, for application-level sections; null when this is it. */
    private final @Nullable FolderConfig application;
    /** Merged values by {@link Section#id()}. */
    private final AtomicReferenceArray<@Nullable Object> merged;

    private final PipelineMode mode;

    private volatile @Nullable StaticContentSettings staticContent;

    FolderConfig(List<ConfigBody> bodies, List<Source> sources, @Nullable FolderConfig application, PipelineMode mode) {
        this.bodies = List.copyOf(bodies);
        this.sources = List.copyOf(sources);
        this.application = application;
        this.mode = mode;
        this.merged = new AtomicReferenceArray<>(Section.count());
    }

    /**
     * The occurrences of {@code section} in the levels that apply here, outermost first; a feature that merges its
     * own levels (per request, say) reads them here.
     */
    public List<ConfigElement> levels(Section<?> section) {
        if (application != null && section.scope() != Section.Scope.EVERYWHERE) {
            return application.levels(section);
        }
        List<ConfigElement> out = new ArrayList<>(2);
        for (ConfigBody body : bodies) {
            ConfigElement e = body.sections().get(section.path());
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The section at {@code path} ({@code log4net}, {@code applicationSettings/My.Settings}) as written at the
     * nearest level that has it (System.Configuration's rule for sections without a handler), or {@code null}.
     */
    public @Nullable ConfigElement nearest(String path) {
        for (int i = bodies.size() - 1; i >= 0; i--) {
            ConfigElement e = bodies.get(i).sections().get(path);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** The merged value of {@code section} here; computed on first read, then cached. */
    @SuppressWarnings("unchecked")
    public <T> T get(Section<T> section) {
        if (application != null && section.scope() != Section.Scope.EVERYWHERE) {
            return application.get(section);
        }
        int id = section.id();
        if (id >= merged.length()) {
            return section.merge(levels(section)); // defined after this configuration was computed: not cached
        }
        Object value = merged.get(id);
        if (value == null) {
            value = section.merge(levels(section));
            if (!merged.compareAndSet(id, null, value)) {
                value = merged.get(id);
            }
        }
        return (T) value;
    }

    /**
     * The ordered handler list of the site's pipeline mode: {@code <system.web><httpHandlers>} in classic mode, {@code
     * <system.webServer><handlers>} in integrated mode.
     */
    public MappingTable handlers() {
        return mode == PipelineMode.CLASSIC ? get(HttpHandlersSection.SECTION) : get(IntegratedHandlersSection.SECTION);
    }

    /** The site's pipeline mode (the same for every path). */
    public PipelineMode pipelineMode() {
        return mode;
    }

    /** The {@code <httpRuntime>} limits. */
    public RuntimeSettings runtime() {
        return get(RuntimeSettings.SECTION);
    }

    /** The {@code <appSettings>} values by key (keys compared as written). */
    public Map<String, String> appSettings() {
        return get(AppSettings.APP_SETTINGS);
    }

    /** The {@code <connectionStrings>} entries by name. */
    public Map<String, ConnectionString> connectionStrings() {
        return get(AppSettings.CONNECTION_STRINGS);
    }

    /** The static-file settings ({@code <defaultDocument>} and {@code <staticContent>}). */
    public StaticContentSettings staticContent() {
        StaticContentSettings s = staticContent;
        if (s == null) {
            s = StaticContentSettings.of(
                    get(StaticContentSettings.DEFAULT_DOCUMENT), get(StaticContentSettings.SECTION));
            staticContent = s;
        }
        return s;
    }

    /** Where each level that contributed came from, outermost first (for {@code conduit explain}). */
    public List<Source> levels() {
        return sources;
    }

    /**
     * A {@code <connectionStrings><add>}.
     *
     * @param name the name
     * @param connectionString the connection string (a JDBC URL for Conduit's data access)
     * @param providerName the provider name, or an empty string
     */
    public record ConnectionString(String name, String connectionString, String providerName) {}
}
