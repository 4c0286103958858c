package dev.conduit.trace;

import org.jspecify.annotations.Nullable;

/**
 * Messages about one request for the trace viewer ({@code trace.axd}): the Java form of System.Web's {@code
 * TraceContext} ({@code context.Trace}).
 *
 * <p>When tracing is off for the request every method returns at once and nothing is kept, so handlers may trace
 * freely. Each message records when it was written: the trace shows seconds from the first message and from the
 * previous one. A {@code null} category or message is written as an empty string; an exception adds its type, message
 * and stack below the text. Everything is HTML-encoded when shown.
 */
public interface TraceContext {

    /** Tells whether this request is traced (the application's {@code <trace enabled>} unless set). */
    boolean isEnabled();

    /** Turns tracing on or off for this request. */
    void setEnabled(boolean enabled);

    /** Writes a message. */
    default void write(@Nullable String message) {
        write("", message, null);
    }

    /** Writes a message in a category. */
    default void write(@Nullable String category, @Nullable String message) {
        write(category, message, null);
    }

    /** Writes a message in a category, with an exception. */
    void write(@Nullable String category, @Nullable String message, @Nullable Throwable error);

    /** Writes a warning (shown in red). */
    default void warn(@Nullable String message) {
        warn("", message, null);
    }

    /** Writes a warning in a category. */
    default void warn(@Nullable String category, @Nullable String message) {
        warn(category, message, null);
    }

    /** Writes a warning in a category, with an exception. */
    void warn(@Nullable String category, @Nullable String message, @Nullable Throwable error);
}
