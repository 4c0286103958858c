package dev.conduit.internal.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a piece of configuration came from.
 *
 * @param file the web.config file, or {@code null} for the built-in root configuration
 * @param line the 1-based line of the element
 */
public record Source(@Nullable Path file, int line) {
    /** {@code file:line}, or {@code <built-in root web.config>:line}. */
    @Override
    public String toString() {
        return (file == null ? "<built-in root web.config>" : file.toString()) + ":" + line;
    }
}
