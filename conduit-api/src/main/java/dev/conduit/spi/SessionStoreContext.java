package dev.conduit.spi;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link SessionStore} is given when the site starts using it, as System.Web's {@code
 * ProviderBase.Initialize(name, config)}.
 *
 * @param name the provider's name in {@code <sessionState><providers><add name>}
 * @param attributes the other attributes of that {@code <add>} element (for example a connection string name), in
 *     document order; {@code name} and {@code type} are not among them
 * @param clock the runtime's clock: a store measures lock ages and expiry with it, so that tests can move time
 * @param classLoader the site class loader, to deserialize the site's own value types
 * @param where the file and line of that {@code <add>} ({@code /site/web.config:14}), for a store's messages about
 *     its attributes
 * @param connectionStrings the site's {@code <connectionStrings>}, name to connection string, for a store whose
 *     {@code connectionStringName} attribute names one
 */
public record SessionStoreContext(
        String name,
        Map<String, String> attributes,
        Clock clock,
        ClassLoader classLoader,
        String where,
        Map<String, String> connectionStrings) {
    /** Copies the maps. */
    public SessionStoreContext {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        connectionStrings = Collections.unmodifiableMap(new LinkedHashMap<>(connectionStrings));
    }

    /** A context without connection strings. */
    public SessionStoreContext(
            String name, Map<String, String> attributes, Clock clock, ClassLoader classLoader, String where) {
        this(name, attributes, clock, classLoader, where, Map.of());
    }
}
