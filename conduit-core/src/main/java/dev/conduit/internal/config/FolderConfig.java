package dev.conduit.internal.config;

import dev.conduit.internal.mapping.MappingTable;
import java.util.List;
import java.util.Map;

/**
 * The effective, merged configuration of one configuration path (a folder, or a file a {@code <location>}
 * targets). Immutable; cached by {@link SiteConfiguration}.
 *
 * @param handlers the ordered handler list
 * @param runtime the {@code <httpRuntime>} limits
 * @param appSettings the {@code <appSettings>} values by key (keys compared as written)
 * @param connectionStrings the {@code <connectionStrings>} entries by name
 * @param staticContent the static-file settings
 * @param raw the raw sections of every level, outermost first (see {@link #sections})
 * @param levels where each level that contributed came from, outermost first (for {@code conduit explain})
 */
public record FolderConfig(
        MappingTable handlers,
        RuntimeSettings runtime,
        Map<String, String> appSettings,
        Map<String, ConnectionString> connectionStrings,
        StaticContentSettings staticContent,
        List<RawElement> raw,
        List<Source> levels) {

    /** Copies the lists. */
    public FolderConfig {
        raw = List.copyOf(raw);
        levels = List.copyOf(levels);
    }

    /**
     * Every occurrence of the raw section {@code name} that applies here, outermost level first; a feature merges
     * them (later levels override earlier ones).
     */
    public List<RawElement> sections(String name) {
        List<RawElement> out = new java.util.ArrayList<>(2);
        for (RawElement r : raw) {
            if (r.name().equals(name)) {
                out.add(r);
            }
        }
        return out;
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
