package dev.conduit.internal.trace;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Section;
import dev.conduit.internal.config.FolderConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's {@code <trace>} settings (spec §7.1), with System.Web's defaults.
 *
 * @param enabled collect traces of requests (default false)
 * @param requestLimit how many requests to keep (default 10, capped at 10000)
 * @param pageOutput append the trace to every HTML page (default false)
 * @param sortByCategory order trace messages by category instead of time ({@code traceMode="SortByCategory"})
 * @param localOnly trace.axd and page output for local requests only (default true)
 * @param mostRecent keep the most recent requests (true) or stop after the first {@code requestLimit} (false)
 * @param writeToDiagnosticsTrace also send messages to the server log
 */
public record TraceSettings(
        boolean enabled,
        int requestLimit,
        boolean pageOutput,
        boolean sortByCategory,
        boolean localOnly,
        boolean mostRecent,
        boolean writeToDiagnosticsTrace) {

    /** System.Web's defaults: tracing off. */
    public static final TraceSettings DEFAULTS = new TraceSettings(false, 10, false, false, true, false, false);

    private static final Set<String> BOOLEANS =
            Set.of("enabled", "pageOutput", "localOnly", "mostRecent", "writeToDiagnosticsTrace");

    /** The settings of the application (the site root's configuration; {@code <trace>} is application-level). */
    public static TraceSettings of(FolderConfig root) {
        return root.get(SECTION);
    }

    /** {@code <system.web><trace>}: each level's attributes over the inherited ones; read at the site root. */
    public static final Section<TraceSettings> SECTION = Section.builder("system.web/trace", TraceSettings::merge)
            .check(TraceSettings::check)
            .build();

    private static TraceSettings merge(List<ConfigElement> levels) {
        if (levels.isEmpty()) {
            return DEFAULTS;
        }
        Map<String, String> a = new HashMap<>();
        for (ConfigElement e : levels) {
            a.putAll(e.attributes());
        }
        return new TraceSettings(
                Boolean.parseBoolean(a.getOrDefault("enabled", "false")),
                Math.min(10000, Integer.parseInt(a.getOrDefault("requestLimit", "10"))),
                Boolean.parseBoolean(a.getOrDefault("pageOutput", "false")),
                a.getOrDefault("traceMode", "SortByTime").equals("SortByCategory"),
                Boolean.parseBoolean(a.getOrDefault("localOnly", "true")),
                Boolean.parseBoolean(a.getOrDefault("mostRecent", "false")),
                Boolean.parseBoolean(a.getOrDefault("writeToDiagnosticsTrace", "false")));
    }

    /** Checks a {@code <trace>} element when the site loads. */
    public static void check(ConfigElement e, List<Problem> problems) {
        for (var attr : e.attributes().entrySet()) {
            String name = attr.getKey();
            String v = attr.getValue();
            if (BOOLEANS.contains(name)) {
                if (!v.equals("true") && !v.equals("false")) {
                    add(problems, e, name + " must be true or false: '" + v + "'");
                }
            } else if (name.equals("requestLimit")) {
                if (!v.matches("[0-9]{1,9}")) {
                    add(problems, e, "requestLimit must be a whole number >= 0: '" + v + "'");
                }
            } else if (name.equals("traceMode")) {
                if (!v.equals("SortByTime") && !v.equals("SortByCategory")) {
                    add(problems, e, "traceMode must be SortByTime or SortByCategory: '" + v + "'");
                }
            } else {
                add(problems, e, "unknown attribute '" + name + "' on <trace>");
            }
        }
        for (ConfigElement c : e.children()) {
            add(problems, c, "<trace> takes no child elements, found <" + c.name() + ">");
        }
    }

    private static void add(List<Problem> problems, ConfigElement e, String message) {
        problems.add(new Problem(e.source().file(), e.source().line(), e.name(), message));
    }
}
