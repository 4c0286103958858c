package dev.conduit.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a piece of configuration came from: a web.config file and line, or a line of a built-in configuration (the
 * root configuration, or a feature's part of it).
 *
 * @param file the web.config file, or {@code null} for a built-in configuration
 * @param line the 1-based line of the element
 * @param builtIn the name of the built-in configuration when {@code file} is null ({@code built-in root web.config}
 *     for core's own)
 */
public record Source(@Nullable Path file, int line, String builtIn) {
    /** The name core's built-in root configuration goes by in messages. */
    public static final String ROOT = "built-in root web.config";

    /** A line of {@code file}, or of core's built-in root configuration when {@code file} is null. */
    public Source(@Nullable Path file, int line) {
        this(file, line, ROOT);
    }

    /** {@code file:line}, or {@code <built-in root web.config>:line}. */
    @Override
    public String toString() {
        return (file == null ? "<" + builtIn + ">" : file.toString()) + ":" + line;
    }
}
