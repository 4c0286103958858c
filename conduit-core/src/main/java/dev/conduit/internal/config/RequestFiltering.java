package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpException;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code <system.webServer><security><requestFiltering>}, IIS's request filtering, read in both pipeline modes: request
 * limits ({@code maxAllowedContentLength}, {@code maxUrl}, {@code maxQueryString}: the smaller of these and {@code
 * <httpRuntime>}'s applies), file extensions, hidden segments, verbs and URL sequences to deny. A request it refuses is
 * a 404 (IIS's 404.5 to 404.8 sub-statuses are said in the message), a body over the limit a 413, before any module
 * sees the request. Levels merge as IIS's collections do: {@code <add>}, {@code <remove>} and {@code <clear/>} by key.
 *
 * @param maxAllowedContentLength the longest body, in bytes; unbounded unless set (IIS's default, 30,000,000, is not
 *     applied: {@code <httpRuntime maxRequestLength>} bounds every body already, and a site that raised it for
 *     uploads would otherwise be capped by a limit it never wrote)
 * @param maxUrl the longest path, in characters; unbounded unless set (httpRuntime's 260 applies)
 * @param maxQueryString the longest query string; unbounded unless set (httpRuntime's 2048 applies)
 * @param allowUnlistedExtensions whether an extension not listed passes
 * @param extensions listed extensions (lower case, with the dot) and whether each is allowed
 * @param hiddenSegments path segments never served, lower case
 * @param allowUnlistedVerbs whether a verb not listed passes
 * @param verbs listed verbs (upper case) and whether each is allowed
 * @param denyUrlSequences substrings a path may not contain
 */
public record RequestFiltering(
        long maxAllowedContentLength,
        int maxUrl,
        int maxQueryString,
        boolean allowUnlistedExtensions,
        Map<String, Boolean> extensions,
        Set<String> hiddenSegments,
        boolean allowUnlistedVerbs,
        Map<String, Boolean> verbs,
        List<String> denyUrlSequences) {

    /** Nothing listed, no limit of its own. */
    public static final RequestFiltering DEFAULTS = new RequestFiltering(
            Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, true, Map.of(), Set.of(), true, Map.of(), List.of());

    private static final Set<String> INERT_CHILDREN = Set.of(
            "filteringRules",
            "alwaysAllowedUrls",
            "alwaysAllowedQueryStrings",
            "denyQueryStringSequences",
            "headerLimits");

    /** The section. */
    public static final Section<RequestFiltering> SECTION = Section.builder(
                    "system.webServer/security/requestFiltering", RequestFiltering::merge)
            .check(RequestFiltering::check)
            .advice((e, warnings) -> {
                for (String a : e.attributes().keySet()) {
                    warnings.add(e.where() + ": <requestFiltering " + a + "> has no effect in Conduit");
                }
                for (ConfigElement child : e.children()) {
                    if (INERT_CHILDREN.contains(child.name())) {
                        warnings.add(child.where() + ": <requestFiltering><" + child.name() + "> has no effect in"
                                + " Conduit");
                    }
                }
            })
            .build();

    private static KeyedCollection.Policy policy(String noun, String key) {
        return KeyedCollection.Policy.of(
                noun,
                key,
                KeyedCollection.Order.INHERITED_FIRST,
                KeyedCollection.Duplicate.REPLACE_IN_PLACE,
                false,
                true);
    }

    private static void check(ConfigElement e, List<Problem> problems) {
        ElementChecks.attributes(
                e,
                Set.of("allowDoubleEscaping", "allowHighBitCharacters", "removeServerHeader", "unescapeQueryString"),
                problems);
        for (ConfigElement child : e.children()) {
            switch (child.name()) {
                case "requestLimits" -> {
                    ElementChecks.attributes(
                            child, Set.of("maxAllowedContentLength", "maxUrl", "maxQueryString"), problems);
                    for (String a : List.of("maxAllowedContentLength", "maxUrl", "maxQueryString")) {
                        String v = child.attr(a);
                        if (v != null && parse(v) < 0) {
                            problems.add(child.problem(a + " must be a number of 0 or more: '" + v + "'"));
                        }
                    }
                }
                case "fileExtensions" -> {
                    ElementChecks.attributes(child, Set.of("allowUnlisted", "applyToWebDAV"), problems);
                    ElementChecks.bool(child, "allowUnlisted", true, problems);
                    ElementChecks.keyedLines(child, "fileExtension", List.of(), List.of("allowed"), problems);
                }
                case "hiddenSegments" -> {
                    ElementChecks.attributes(child, Set.of("applyToWebDAV"), problems);
                    ElementChecks.keyedLines(child, "segment", List.of(), List.of(), problems);
                }
                case "verbs" -> {
                    ElementChecks.attributes(child, Set.of("allowUnlisted", "applyToWebDAV"), problems);
                    ElementChecks.bool(child, "allowUnlisted", true, problems);
                    ElementChecks.keyedLines(child, "verb", List.of(), List.of("allowed"), problems);
                }
                case "denyUrlSequences" -> ElementChecks.keyedLines(child, "sequence", List.of(), List.of(), problems);
                default -> {
                    if (!INERT_CHILDREN.contains(child.name())) {
                        problems.add(child.problem("unknown element <" + child.name() + "> in <requestFiltering>"));
                    }
                }
            }
        }
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static RequestFiltering merge(List<ConfigElement> levels) {
        long maxContent = DEFAULTS.maxAllowedContentLength();
        int maxUrl = DEFAULTS.maxUrl();
        int maxQuery = DEFAULTS.maxQueryString();
        boolean unlistedExtensions = true;
        boolean unlistedVerbs = true;
        Map<String, List<ConfigElement>> collections = new LinkedHashMap<>();
        for (ConfigElement level : levels) {
            ConfigElement limits = level.child("requestLimits");
            if (limits != null) {
                maxContent = limits.attr("maxAllowedContentLength") == null
                        ? maxContent
                        : parse(limits.attr("maxAllowedContentLength"));
                maxUrl = limits.attr("maxUrl") == null
                        ? maxUrl
                        : (int) Math.min(Integer.MAX_VALUE, parse(limits.attr("maxUrl")));
                maxQuery = limits.attr("maxQueryString") == null
                        ? maxQuery
                        : (int) Math.min(Integer.MAX_VALUE, parse(limits.attr("maxQueryString")));
            }
            for (String name : List.of("fileExtensions", "hiddenSegments", "verbs", "denyUrlSequences")) {
                ConfigElement c = level.child(name);
                if (c != null) {
                    collections.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
                    String unlisted = c.attr("allowUnlisted");
                    if (unlisted != null && name.equals("fileExtensions")) {
                        unlistedExtensions = Boolean.parseBoolean(unlisted.trim());
                    } else if (unlisted != null && name.equals("verbs")) {
                        unlistedVerbs = Boolean.parseBoolean(unlisted.trim());
                    }
                }
            }
        }
        Map<String, Boolean> extensions = new LinkedHashMap<>();
        for (ConfigElement add : KeyedCollection.merge(
                policy("file extension", "fileExtension"),
                collections.getOrDefault("fileExtensions", List.of()),
                new ArrayList<>())) {
            String ext = add.attr("fileExtension").trim().toLowerCase(Locale.ROOT);
            extensions.put(ext.startsWith(".") ? ext : "." + ext, !"false".equalsIgnoreCase(add.attr("allowed")));
        }
        Set<String> segments = new LinkedHashSet<>();
        for (ConfigElement add : KeyedCollection.merge(
                policy("hidden segment", "segment"),
                collections.getOrDefault("hiddenSegments", List.of()),
                new ArrayList<>())) {
            segments.add(add.attr("segment").trim().toLowerCase(Locale.ROOT));
        }
        Map<String, Boolean> verbs = new LinkedHashMap<>();
        for (ConfigElement add : KeyedCollection.merge(
                policy("verb", "verb"), collections.getOrDefault("verbs", List.of()), new ArrayList<>())) {
            verbs.put(add.attr("verb").trim().toUpperCase(Locale.ROOT), !"false".equalsIgnoreCase(add.attr("allowed")));
        }
        List<String> sequences = new ArrayList<>();
        for (ConfigElement add : KeyedCollection.merge(
                policy("URL sequence", "sequence"),
                collections.getOrDefault("denyUrlSequences", List.of()),
                new ArrayList<>())) {
            sequences.add(add.attr("sequence"));
        }
        return new RequestFiltering(
                maxContent,
                maxUrl,
                maxQuery,
                unlistedExtensions,
                Map.copyOf(extensions),
                Set.copyOf(segments),
                unlistedVerbs,
                Map.copyOf(verbs),
                List.copyOf(sequences));
    }

    /** Whether anything is listed (a request then has its path checked). */
    private boolean lists() {
        return !extensions.isEmpty()
                || !hiddenSegments.isEmpty()
                || !verbs.isEmpty()
                || !denyUrlSequences.isEmpty()
                || !allowUnlistedExtensions
                || !allowUnlistedVerbs;
    }

    /**
     * The 404 for a request these rules deny ({@code verb} on {@code path}, the decoded path), or null when it passes.
     */
    public @Nullable HttpException deny(String verb, String path) {
        if (!lists()) {
            return null;
        }
        for (String sequence : denyUrlSequences) {
            if (path.contains(sequence)) {
                return notFound("404.5", "the URL contains a denied sequence");
            }
        }
        Boolean verbAllowed = verbs.get(verb.toUpperCase(Locale.ROOT));
        if (verbAllowed != null ? !verbAllowed : !allowUnlistedVerbs) {
            return notFound("404.6", "the verb " + verb + " is denied");
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start
                    && hiddenSegments.contains(path.substring(start, end).toLowerCase(Locale.ROOT))) {
                return notFound("404.8", "the URL contains a hidden segment");
            }
            start = end + 1;
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        if (dot >= 0 || !allowUnlistedExtensions) {
            String ext = dot < 0 ? "." : file.substring(dot).toLowerCase(Locale.ROOT);
            Boolean allowed = extensions.get(ext);
            if (allowed != null ? !allowed : !allowUnlistedExtensions) {
                return notFound("404.7", "the file extension is denied");
            }
        }
        return null;
    }

    private static HttpException notFound(String subStatus, String why) {
        return new HttpException(
                404,
                "The resource cannot be found: request filtering refused it (" + why + ", IIS's " + subStatus + ").");
    }
}
