package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code <system.webServer><httpErrors>}: IIS's custom error pages, read in both pipeline modes. At the end of a
 * request whose status is 400 or more, while the response is still only buffered, the page configured for the status
 * replaces the body (the status stays): a file of the site ({@code responseMode="File"}), the response of a URL of
 * the site run as a child request ({@code ExecuteURL}), or a 302 to a URL ({@code Redirect}).
 *
 * <p>{@code errorMode}: {@code DetailedLocalOnly} (the default) replaces only for requests from other machines,
 * {@code Custom} for all, {@code Detailed} for none. {@code existingResponse}: {@code Auto} (the default) replaces
 * unless the handler set {@code trySkipIisCustomErrors}, {@code Replace} always, {@code PassThrough} never. A status
 * without an {@code <error>} uses {@code defaultPath} (with {@code defaultResponseMode}) when it is set. {@code
 * <error>} entries are keyed by {@code statusCode} and {@code subStatusCode} ({@code -1}, any); Conduit sends no
 * sub-status, so an entry for a specific one never applies. Levels merge by key; adding a key present already is an
 * error, as on IIS.
 *
 * @param errorMode when pages replace responses
 * @param existingResponse what happens to a response the handler wrote
 * @param defaultPage the page for statuses without an entry, or null
 * @param pages the page for each status (sub-status -1 entries only)
 */
public record HttpErrorsSettings(
        ErrorMode errorMode, ExistingResponse existingResponse, @Nullable Page defaultPage, Map<Integer, Page> pages) {

    /** {@code errorMode}. */
    public enum ErrorMode {
        /** Pages for remote requests only (the default). */
        DETAILED_LOCAL_ONLY,
        /** Pages for every request. */
        CUSTOM,
        /** Never. */
        DETAILED
    }

    /** {@code existingResponse}. */
    public enum ExistingResponse {
        /** Replace unless the handler asked not to (the default). */
        AUTO,
        /** Always replace. */
        REPLACE,
        /** Never replace. */
        PASS_THROUGH
    }

    /** {@code responseMode}. */
    public enum ResponseMode {
        /** A file of the site, sent under the original status. */
        FILE,
        /** A URL of the site run as a child request; its body is sent under the original status. */
        EXECUTE_URL,
        /** A 302 to the path. */
        REDIRECT
    }

    /**
     * One error page.
     *
     * @param path the file (relative to the site folder, with {@code /}), the site URL or the redirect target
     * @param mode how it is served
     * @param source where it was configured
     */
    public record Page(String path, ResponseMode mode, Source source) {}

    /** Nothing configured: no response is replaced. */
    public static final HttpErrorsSettings NONE =
            new HttpErrorsSettings(ErrorMode.DETAILED_LOCAL_ONLY, ExistingResponse.AUTO, null, Map.of());

    private static final KeyedCollection.Policy POLICY = new KeyedCollection.Policy(
            "error page",
            HttpErrorsSettings::key,
            KeyedCollection.Order.INHERITED_FIRST,
            KeyedCollection.Duplicate.ERROR,
            false,
            true,
            "error");

    /** The section. */
    public static final Section<HttpErrorsSettings> SECTION = Section.builder(
                    "system.webServer/httpErrors", HttpErrorsSettings::merge)
            .check(HttpErrorsSettings::check)
            .advice((e, warnings) -> {
                for (String a : List.of("detailedMoreInformationLink", "allowAbsolutePathsWhenDelegated")) {
                    if (e.attr(a) != null) {
                        warnings.add("<httpErrors " + a + "> has no effect in Conduit");
                    }
                }
                for (ConfigElement error : e.children("error")) {
                    if (error.attr("prefixLanguageFilePath") != null) {
                        warnings.add("<error prefixLanguageFilePath> (line "
                                + error.source().line()
                                + ") has no effect in Conduit: the path is taken relative to the site folder");
                    }
                }
            })
            .siteCheck((site, problems) -> {
                List<Problem> found = new ArrayList<>();
                for (List<ConfigElement> chain : site.levelChains()) {
                    KeyedCollection.merge(POLICY, chain, found);
                }
                Set<String> seen = new java.util.HashSet<>();
                for (Problem p : found) {
                    if (seen.add(p.toString())) {
                        problems.add(p);
                    }
                }
            })
            .build();

    /** {@code 404}, or {@code 404.7} for an entry of one sub-status; null without a status. */
    private static @Nullable String key(ConfigElement e) {
        String status = e.attr("statusCode");
        if (status == null) {
            return null;
        }
        String sub = e.attributes().getOrDefault("subStatusCode", "-1").trim();
        return status.trim() + (sub.equals("-1") ? "" : "." + sub);
    }

    /** The page that replaces a response with {@code status}, or null. */
    public @Nullable Page pageFor(int status) {
        Page p = pages.get(status);
        return p != null ? p : defaultPage;
    }

    private static final Set<String> SECTION_ATTRIBUTES = Set.of(
            "errorMode",
            "existingResponse",
            "defaultResponseMode",
            "defaultPath",
            "detailedMoreInformationLink",
            "allowAbsolutePathsWhenDelegated");

    private static void check(ConfigElement e, List<Problem> problems) {
        ElementChecks.attributes(e, SECTION_ATTRIBUTES, problems);
        String mode = e.attr("errorMode");
        if (mode != null && errorMode(mode) == null) {
            problems.add(e.problem("errorMode must be DetailedLocalOnly, Custom or Detailed: '" + mode + "'"));
        }
        String existing = e.attr("existingResponse");
        if (existing != null && existingResponse(existing) == null) {
            problems.add(e.problem("existingResponse must be Auto, Replace or PassThrough: '" + existing + "'"));
        }
        String defaultMode = e.attr("defaultResponseMode");
        if (defaultMode != null && responseMode(defaultMode) == null) {
            problems.add(e.problem("defaultResponseMode must be File, ExecuteURL or Redirect: '" + defaultMode + "'"));
        }
        ResponseMode dm = defaultMode == null ? ResponseMode.FILE : responseMode(defaultMode);
        String defaultPath = e.attr("defaultPath");
        if (defaultPath != null && !defaultPath.isEmpty() && dm != null) {
            checkPath(e, defaultPath, dm, problems);
        }
        ElementChecks.bool(e, "allowAbsolutePathsWhenDelegated", false, problems);
        for (ConfigElement line : e.children()) {
            switch (line.name()) {
                case "error" -> {
                    ElementChecks.attributes(
                            line,
                            Set.of("statusCode", "subStatusCode", "path", "responseMode", "prefixLanguageFilePath"),
                            problems);
                    statusCode(line, problems);
                    subStatusCode(line, problems);
                    String rm = line.attr("responseMode");
                    ResponseMode m = rm == null ? dm : responseMode(rm);
                    if (rm != null && m == null) {
                        problems.add(line.problem("responseMode must be File, ExecuteURL or Redirect: '" + rm + "'"));
                    }
                    String path = ElementChecks.requiredNonEmpty(line, "path", problems);
                    if (path != null && m != null) {
                        checkPath(line, path, m, problems);
                    }
                }
                case "remove" -> {
                    ElementChecks.attributes(line, Set.of("statusCode", "subStatusCode"), problems);
                    statusCode(line, problems);
                    subStatusCode(line, problems);
                }
                case "clear" -> ElementChecks.noAttributes(line, problems);
                default -> problems.add(line.problem("unknown element <" + line.name() + "> in <httpErrors>"));
            }
            ElementChecks.noChildren(line, problems);
        }
    }

    private static void statusCode(ConfigElement line, List<Problem> problems) {
        String code = ElementChecks.requiredNonEmpty(line, "statusCode", problems);
        if (code != null && !code.trim().matches("[1-9][0-9]{2}")) {
            problems.add(line.problem("statusCode must be a status from 100 to 999: '" + code + "'"));
        }
    }

    private static void subStatusCode(ConfigElement line, List<Problem> problems) {
        String sub = line.attr("subStatusCode");
        if (sub != null && !sub.trim().matches("-1|[0-9]{1,3}")) {
            problems.add(line.problem("subStatusCode must be -1 (any) or a number up to 999: '" + sub + "'"));
        }
    }

    private static void checkPath(ConfigElement e, String path, ResponseMode mode, List<Problem> problems) {
        switch (mode) {
            case FILE -> {
                String p = path.replace('\\', '/');
                if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("%")) {
                    problems.add(e.problem("a File error page must be a path relative to the site folder"
                            + " (IIS refuses absolute ones in a site's web.config): '" + path + "'"));
                } else if (("/" + p + "/").contains("/../")) {
                    problems.add(e.problem("a File error page must stay inside the site folder: '" + path + "'"));
                }
            }
            case EXECUTE_URL -> {
                if (!path.startsWith("/")) {
                    problems.add(e.problem(
                            "an ExecuteURL error page must be a URL of the site starting with '/': '" + path + "'"));
                }
            }
            case REDIRECT -> {}
        }
    }

    private static @Nullable ErrorMode errorMode(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "detailedlocalonly" -> ErrorMode.DETAILED_LOCAL_ONLY;
            case "custom" -> ErrorMode.CUSTOM;
            case "detailed" -> ErrorMode.DETAILED;
            default -> null;
        };
    }

    private static @Nullable ExistingResponse existingResponse(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> ExistingResponse.AUTO;
            case "replace" -> ExistingResponse.REPLACE;
            case "passthrough" -> ExistingResponse.PASS_THROUGH;
            default -> null;
        };
    }

    private static @Nullable ResponseMode responseMode(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "file" -> ResponseMode.FILE;
            case "executeurl" -> ResponseMode.EXECUTE_URL;
            case "redirect" -> ResponseMode.REDIRECT;
            default -> null;
        };
    }

    private static HttpErrorsSettings merge(List<ConfigElement> levels) {
        if (levels.isEmpty()) {
            return NONE;
        }
        ErrorMode mode = ErrorMode.DETAILED_LOCAL_ONLY;
        ExistingResponse existing = ExistingResponse.AUTO;
        ResponseMode defaultMode = ResponseMode.FILE;
        String defaultPath = null;
        Source defaultSource = null;
        for (ConfigElement e : levels) {
            ErrorMode m = e.attr("errorMode") == null ? null : errorMode(e.attr("errorMode"));
            mode = m == null ? mode : m;
            ExistingResponse x =
                    e.attr("existingResponse") == null ? null : existingResponse(e.attr("existingResponse"));
            existing = x == null ? existing : x;
            ResponseMode d = e.attr("defaultResponseMode") == null ? null : responseMode(e.attr("defaultResponseMode"));
            defaultMode = d == null ? defaultMode : d;
            if (e.attr("defaultPath") != null) {
                defaultPath = e.attr("defaultPath");
                defaultSource = e.source();
            }
        }
        Map<Integer, Page> pages = new HashMap<>();
        for (ConfigElement error : KeyedCollection.merge(POLICY, levels, new ArrayList<>())) {
            String sub = error.attributes().getOrDefault("subStatusCode", "-1").trim();
            if (!sub.equals("-1")) {
                continue;
            }
            String rm = error.attr("responseMode");
            ResponseMode m = rm == null ? defaultMode : responseMode(rm);
            pages.put(
                    Integer.parseInt(
                            error.attributes().getOrDefault("statusCode", "0").trim()),
                    new Page(normalize(error.attributes().getOrDefault("path", ""), m), m, error.source()));
        }
        Page defaultPage = defaultPath == null || defaultPath.isEmpty() || defaultSource == null
                ? null
                : new Page(normalize(defaultPath, defaultMode), defaultMode, defaultSource);
        return new HttpErrorsSettings(mode, existing, defaultPage, Map.copyOf(pages));
    }

    private static String normalize(String path, @Nullable ResponseMode mode) {
        return mode == ResponseMode.FILE ? path.replace('\\', '/') : path;
    }
}
