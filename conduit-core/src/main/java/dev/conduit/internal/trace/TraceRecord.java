package dev.conduit.internal.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One traced request, as trace.axd shows it (spec §7.3), plus the duration of every pipeline step for the waterfall.
 *
 * @param time when the request arrived
 * @param verb the request type
 * @param path the path (without query string)
 * @param status the response status
 * @param sessionId the session id, or an empty string
 * @param requestEncoding the request's charset
 * @param responseEncoding the response's charset
 * @param messages the trace messages in the order written
 * @param steps the pipeline steps with their offsets and durations
 * @param sessionState the session's values (type and text), or empty
 * @param applicationState the application's values
 * @param requestCookies name/value pairs
 * @param responseCookies name/value pairs
 * @param headers request headers
 * @param responseHeaders response headers
 * @param form form fields
 * @param queryString query-string parameters
 * @param serverVariables server variables (REMOTE_ADDR, SERVER_PROTOCOL, ...)
 */
public record TraceRecord(
        Instant time,
        String verb,
        String path,
        int status,
        String sessionId,
        String requestEncoding,
        String responseEncoding,
        List<Message> messages,
        List<StepTiming> steps,
        List<Entry> sessionState,
        List<Entry> applicationState,
        List<Entry> requestCookies,
        List<Entry> responseCookies,
        List<Entry> headers,
        List<Entry> responseHeaders,
        List<Entry> form,
        List<Entry> queryString,
        List<Entry> serverVariables) {

    /**
     * A trace message.
     *
     * @param category the category
     * @param text the message
     * @param warning whether it was written with warn
     * @param error the exception's type, message and stack, or an empty string
     * @param nanos when it was written, from the request's start
     */
    public record Message(String category, String text, boolean warning, String error, long nanos) {}

    /**
     * One pipeline step.
     *
     * @param name the event or the runtime's step ({@code BEGIN_REQUEST (MyModule)}, {@code Handler}, ...)
     * @param startNanos when it started, from the request's start
     * @param durationNanos how long it took (an async step: until its stage completed)
     */
    public record StepTiming(String name, long startNanos, long durationNanos) {}

    /**
     * A name, a value and (for state) the value's type.
     *
     * @param name the name
     * @param type the value's type, or an empty string
     * @param value the value as text
     */
    public record Entry(String name, String type, String value) {}

    /** The entries of a map, each value shown with its type. */
    static List<Entry> typed(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> new Entry(
                        e.getKey(),
                        e.getValue() == null ? "" : e.getValue().getClass().getName(),
                        String.valueOf(e.getValue())))
                .toList();
    }
}
