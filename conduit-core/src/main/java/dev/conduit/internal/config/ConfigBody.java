package dev.conduit.internal.config;

import dev.conduit.config.ConfigElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sections of one configuration level: a web.config file's top level, or one {@code <location>} block.
 *
 * @param sections each section the level declares, by section path ({@code system.web/httpHandlers}), in document
 *     order
 */
public record ConfigBody(Map<String, ConfigElement> sections) {

    /** Copies the map, keeping its order. */
    public ConfigBody {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }
}
