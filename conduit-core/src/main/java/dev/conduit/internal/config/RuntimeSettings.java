package dev.conduit.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The effective {@code <httpRuntime>} limits of a folder.
 *
 * @param maxRequestLengthKb the largest request body, in KB (System.Web's unit); default 4096
 * @param maxUrlLength the longest {@code Request.Path}; default 260, as System.Web
 * @param maxQueryStringLength the longest query string; default 2048
 * @param executionTimeout how long a synchronous handler may run (0: no limit); default 110 s
 * @param enableVersionHeader whether responses carry {@code X-Conduit-Version}; default false (System.Web sends
 *     {@code X-AspNet-Version} by default; Conduit does not advertise its version unless asked)
 */
public record RuntimeSettings(
        long maxRequestLengthKb,
        int maxUrlLength,
        int maxQueryStringLength,
        Duration executionTimeout,
        boolean enableVersionHeader) {

    /** The attributes that must be whole numbers. */
    static final List<String> NUMERIC_ATTRIBUTES =
            List.of("maxRequestLength", "maxUrlLength", "maxQueryStringLength", "executionTimeout");

    /** System.Web's defaults. */
    public static final RuntimeSettings DEFAULTS = new RuntimeSettings(4096, 260, 2048, Duration.ofSeconds(110), false);

    /** The request body limit in bytes. */
    public long maxRequestLengthBytes() {
        return maxRequestLengthKb * 1024L;
    }

    /** These settings with the attributes of one level applied over them. */
    RuntimeSettings with(Map<String, ConfigBody.Setting> attributes) {
        RuntimeSettings r = this;
        for (var e : attributes.entrySet()) {
            String v = e.getValue().value();
            r = switch (e.getKey()) {
                case "maxRequestLength" ->
                    new RuntimeSettings(
                            parseNonNegative(v),
                            r.maxUrlLength,
                            r.maxQueryStringLength,
                            r.executionTimeout,
                            r.enableVersionHeader);
                case "maxUrlLength" ->
                    new RuntimeSettings(
                            r.maxRequestLengthKb,
                            (int) Math.min(Integer.MAX_VALUE, parseNonNegative(v)),
                            r.maxQueryStringLength,
                            r.executionTimeout,
                            r.enableVersionHeader);
                case "maxQueryStringLength" ->
                    new RuntimeSettings(
                            r.maxRequestLengthKb,
                            r.maxUrlLength,
                            (int) Math.min(Integer.MAX_VALUE, parseNonNegative(v)),
                            r.executionTimeout,
                            r.enableVersionHeader);
                case "executionTimeout" ->
                    new RuntimeSettings(
                            r.maxRequestLengthKb,
                            r.maxUrlLength,
                            r.maxQueryStringLength,
                            Duration.ofSeconds(parseNonNegative(v)),
                            r.enableVersionHeader);
                case "enableVersionHeader" ->
                    new RuntimeSettings(
                            r.maxRequestLengthKb,
                            r.maxUrlLength,
                            r.maxQueryStringLength,
                            r.executionTimeout,
                            Boolean.parseBoolean(v));
                default -> r;
            };
        }
        return r;
    }

    /** The value as a non-negative long, or -1 when it is not one. */
    static long parseNonNegative(String text) {
        try {
            long v = Long.parseLong(text.trim());
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
