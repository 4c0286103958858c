package dev.conduit.internal.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one configuration level: a web.config file's top level, or one {@code <location>} block.
 *
 * @param handlers the {@code <httpHandlers>} lines in document order (empty when the section is absent)
 * @param httpRuntime the {@code <httpRuntime>} attributes that were set, by name
 * @param appSettings the {@code <appSettings>} lines
 * @param connectionStrings the {@code <connectionStrings>} lines
 * @param defaultDocuments the {@code <system.webServer><defaultDocument><files>} lines
 * @param defaultDocumentEnabled {@code <defaultDocument enabled>}, when set
 * @param mimeMaps the {@code <system.webServer><staticContent>} MIME lines (key: extension, value: type)
 * @param clientCache the {@code <staticContent><clientCache>} attributes that were set
 * @param modules the {@code <httpModules>} lines (key: name, value: type); read from application-level files only
 * @param raw the sections kept as parsed XML for the features that read their own ({@link SectionReaders})
 * @param sections every section this level declares, by name, where it starts: used for {@code allowOverride}
 */
public record ConfigBody(
        List<HandlerAction> handlers,
        Map<String, Setting> httpRuntime,
        List<KeyedAction> appSettings,
        List<KeyedAction> connectionStrings,
        List<KeyedAction> defaultDocuments,
        @Nullable Setting defaultDocumentEnabled,
        List<KeyedAction> mimeMaps,
        Map<String, Setting> clientCache,
        List<KeyedAction> modules,
        List<RawElement> raw,
        Map<String, Source> sections) {

    /** An attribute value with where it was set; an absent one has a null value. */
    public record Setting(String value, Source source) {}

    /** Copies every collection. */
    public ConfigBody {
        handlers = List.copyOf(handlers);
        httpRuntime = Map.copyOf(httpRuntime);
        appSettings = List.copyOf(appSettings);
        connectionStrings = List.copyOf(connectionStrings);
        defaultDocuments = List.copyOf(defaultDocuments);
        mimeMaps = List.copyOf(mimeMaps);
        clientCache = Map.copyOf(clientCache);
        modules = List.copyOf(modules);
        raw = List.copyOf(raw);
        sections = Map.copyOf(sections);
    }
}
