package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.Section;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The attributes Conduit acts on. */
    private static final Set<String> ATTRIBUTES = Set.of(
            "maxRequestLength", "maxUrlLength", "maxQueryStringLength", "executionTimeout", "enableVersionHeader");

    /** The {@code <httpRuntime>} attributes that must be true or false (System.Web refuses anything else). */
    private static final List<String> BOOLEAN_ATTRIBUTES = List.of("enableVersionHeader");

    /** {@code <system.web><httpRuntime>}: each level's attributes override the inherited ones. */
    public static final Section<RuntimeSettings> SECTION = Section.builder("system.web/httpRuntime", levels -> {
                RuntimeSettings r = DEFAULTS;
                for (ConfigElement level : levels) {
                    r = r.with(level.attributes());
                }
                return r;
            })
            .check(RuntimeSettings::check)
            // The rest of .NET 4.8's <httpRuntime>: thread pool, request validation, encoding, file change
            // notification and shutdown settings belong to IIS and the CLR, which Conduit is not.
            .inert(
                    "",
                    "asyncPreloadMode",
                    "requestLengthDiskThreshold",
                    "useFullyQualifiedRedirectUrl",
                    "minFreeThreads",
                    "minLocalRequestFreeThreads",
                    "appRequestQueueLimit",
                    "enableKernelOutputCache",
                    "requireRootedSaveAsPath",
                    "enable",
                    "defaultRegexMatchTimeout",
                    "shutdownTimeout",
                    "delayNotificationTimeout",
                    "waitChangeNotification",
                    "maxWaitChangeNotification",
                    "enableHeaderChecking",
                    "sendCacheControlHeader",
                    "apartmentThreading",
                    "encoderType",
                    "requestValidationMode",
                    "requestValidationType",
                    "requestPathInvalidCharacters",
                    "relaxedUrlToFileSystemMapping",
                    "allowDynamicModuleRegistration",
                    "fcnMode",
                    "targetFramework")
            .build();

    private static void check(ConfigElement e, List<Problem> problems) {
        ElementChecks.attributes(e, ATTRIBUTES, problems);
        for (String numeric : NUMERIC_ATTRIBUTES) {
            String value = e.attr(numeric);
            if (value != null && parseNonNegative(value) < 0) {
                problems.add(e.problem(numeric + " must be a whole number >= 0: '" + value + "'"));
            }
        }
        for (String flag : BOOLEAN_ATTRIBUTES) {
            ElementChecks.bool(e, flag, false, problems);
        }
        ElementChecks.noChildren(e, problems);
    }

    /** The request body limit in bytes. */
    public long maxRequestLengthBytes() {
        return maxRequestLengthKb * 1024L;
    }

    /** These settings with the attributes of one level applied over them. */
    RuntimeSettings with(Map<String, String> attributes) {
        RuntimeSettings r = this;
        for (var e : attributes.entrySet()) {
            String v = e.getValue();
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
