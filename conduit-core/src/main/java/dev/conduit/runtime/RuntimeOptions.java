package dev.conduit.runtime;

import dev.conduit.config.PipelineMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * What a host may tune when it starts a site.
 *
 * @param siteRoot the site folder
 * @param executor runs request steps that may block; {@code null} for a new virtual thread per task
 * @param responseBufferLimit how many bytes a buffered response holds before it starts streaming
 * @param clock the time source for timestamps and file dates
 * @param watchForChanges whether a change to web.config, Global.asax, App_Code or bin recycles the application
 * @param pipelineMode the pipeline mode to run the site in whatever its configuration says ({@code conduit run
 *     --pipeline-mode}), or null for the site's own choice
 */
public record RuntimeOptions(
        Path siteRoot,
        @Nullable Executor executor,
        int responseBufferLimit,
        Clock clock,
        boolean watchForChanges,
        @Nullable PipelineMode pipelineMode) {
    /** The default buffer limit: 256 KiB. */
    public static final int DEFAULT_RESPONSE_BUFFER_LIMIT = 256 * 1024;

    /** Validates the limit. */
    public RuntimeOptions {
        if (responseBufferLimit < 1) {
            throw new IllegalArgumentException("responseBufferLimit must be >= 1: " + responseBufferLimit);
        }
    }

    /** Defaults for {@code siteRoot}: virtual threads, a 256 KiB buffer, the system clock, watching for changes. */
    public static RuntimeOptions of(Path siteRoot) {
        return new RuntimeOptions(siteRoot, null, DEFAULT_RESPONSE_BUFFER_LIMIT, Clock.systemUTC(), true, null);
    }

    /** A copy with another executor. */
    public RuntimeOptions withExecutor(@Nullable Executor newExecutor) {
        return new RuntimeOptions(siteRoot, newExecutor, responseBufferLimit, clock, watchForChanges, pipelineMode);
    }

    /** A copy with another buffer limit. */
    public RuntimeOptions withResponseBufferLimit(int limit) {
        return new RuntimeOptions(siteRoot, executor, limit, clock, watchForChanges, pipelineMode);
    }

    /** A copy with another clock. */
    public RuntimeOptions withClock(Clock newClock) {
        return new RuntimeOptions(siteRoot, executor, responseBufferLimit, newClock, watchForChanges, pipelineMode);
    }

    /** A copy that does (or does not) recycle the application when the site changes. */
    public RuntimeOptions withWatchForChanges(boolean watch) {
        return new RuntimeOptions(siteRoot, executor, responseBufferLimit, clock, watch, pipelineMode);
    }

    /** A copy that runs the site in {@code mode} (null: the mode its configuration chooses). */
    public RuntimeOptions withPipelineMode(@Nullable PipelineMode mode) {
        return new RuntimeOptions(siteRoot, executor, responseBufferLimit, clock, watchForChanges, mode);
    }
}
