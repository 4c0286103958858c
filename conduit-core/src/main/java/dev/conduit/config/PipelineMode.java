package dev.conduit.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a site's handlers and modules are configured, as the IIS application pool's {@code managedPipelineMode}: the
 * site's choice, in {@code <conduit pipelineMode="…"/>} at its root, which {@code conduit run --pipeline-mode}
 * overrides.
 */
public enum PipelineMode {
    /**
     * System.Web's own configuration (the default): handlers in {@code <system.web><httpHandlers>}, modules in {@code
     * <httpModules>}; every module runs for every request.
     */
    CLASSIC("Classic"),
    /**
     * IIS 7+ integrated mode: handlers in {@code <system.webServer><handlers>} (named, with preconditions and resource
     * types), modules in {@code <system.webServer><modules>} (a {@code managedHandler} module runs only for requests
     * mapped to a managed handler); {@code <httpHandlers>} and {@code <httpModules>} are not read.
     */
    INTEGRATED("Integrated");

    private final String text;

    PipelineMode(String text) {
        this.text = text;
    }

    /** The value as web.config and the command line spell it: {@code Classic}, {@code Integrated}. */
    public String text() {
        return text;
    }

    /** The mode {@code value} names, ignoring case; null when it names none. */
    public static @Nullable PipelineMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "classic" -> CLASSIC;
            case "integrated" -> INTEGRATED;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
