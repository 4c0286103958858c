package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Section;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The effective {@code <customErrors>} of a path (spec §5.6): who sees error details and where errors go.
 *
 * <pre>{@code
 * <customErrors mode="RemoteOnly" defaultRedirect="~/error.html" redirectMode="ResponseRewrite">
 *   <error statusCode="404" redirect="~/not-found.html"/>
 * </customErrors>
 * }</pre>
 *
 * @param mode {@code On} (everyone gets the custom or generic page), {@code Off} (everyone gets details) or {@code
 *     RemoteOnly} (the default: details to local requests only)
 * @param defaultRedirect where errors without their own entry go, or {@code null}
 * @param rewrite true for {@code ResponseRewrite} (serve the page in place, keeping the status), false for {@code
 *     ResponseRedirect} (a 302 to it, as System.Web's default)
 * @param redirects per-status pages
 */
public record CustomErrorsSettings(
        String mode, @Nullable String defaultRedirect, boolean rewrite, Map<Integer, String> redirects) {

    /** No configuration: RemoteOnly, no pages. */
    public static final CustomErrorsSettings DEFAULTS = new CustomErrorsSettings("RemoteOnly", null, false, Map.of());

    private static final Set<String> MODES = Set.of("On", "Off", "RemoteOnly");
    private static final Set<String> REDIRECT_MODES = Set.of("ResponseRedirect", "ResponseRewrite");

    /** Copies the map. */
    public CustomErrorsSettings {
        redirects = Map.copyOf(redirects);
    }

    /** Tells whether a request from {@code local} (or not) gets the custom or generic page rather than details. */
    public boolean customFor(boolean local) {
        return mode.equals("On") || (mode.equals("RemoteOnly") && !local);
    }

    /** The page for {@code status}, or {@code null}. */
    public @Nullable String pageFor(int status) {
        String page = redirects.get(status);
        return page != null ? page : defaultRedirect;
    }

    /** {@code <system.web><customErrors>}, at any level: each level's attributes and redirects over the inherited. */
    public static final Section<CustomErrorsSettings> SECTION = Section.builder(
                    "system.web/customErrors", CustomErrorsSettings::merge)
            .check(CustomErrorsSettings::check)
            .inert("", "allowNestedErrors")
            .build();

    /** The settings that apply to {@code config}'s path. */
    public static CustomErrorsSettings of(FolderConfig config) {
        return config.get(SECTION);
    }

    /** Merges every level's {@code <customErrors>} that applies, outermost first. */
    static CustomErrorsSettings merge(List<ConfigElement> levels) {
        if (levels.isEmpty()) {
            return DEFAULTS;
        }
        String mode = DEFAULTS.mode();
        String defaultRedirect = null;
        boolean rewrite = false;
        Map<Integer, String> redirects = new HashMap<>();
        for (ConfigElement e : levels) {
            mode = e.attributes().getOrDefault("mode", mode);
            defaultRedirect = e.attributes().getOrDefault("defaultRedirect", defaultRedirect);
            String rm = e.attr("redirectMode");
            if (rm != null) {
                rewrite = rm.equals("ResponseRewrite");
            }
            for (ConfigElement c : e.children()) {
                switch (c.name()) {
                    case "clear" -> redirects.clear();
                    case "remove" -> redirects.remove(Integer.parseInt(c.attr("statusCode")));
                    default -> redirects.put(Integer.parseInt(c.attr("statusCode")), c.attr("redirect"));
                }
            }
        }
        return new CustomErrorsSettings(mode, defaultRedirect, rewrite, redirects);
    }

    /** Checks one {@code <customErrors>} element when the site loads. */
    static void check(ConfigElement e, List<Problem> problems) {
        for (String a : e.attributes().keySet()) {
            if (!Set.of("mode", "defaultRedirect", "redirectMode").contains(a)) {
                add(problems, e, "unknown attribute '" + a + "' on <customErrors>");
            }
        }
        String mode = e.attr("mode");
        if (mode != null && !MODES.contains(mode)) {
            add(problems, e, "mode must be On, Off or RemoteOnly: '" + mode + "'");
        }
        String rm = e.attr("redirectMode");
        if (rm != null && !REDIRECT_MODES.contains(rm)) {
            add(problems, e, "redirectMode must be ResponseRedirect or ResponseRewrite: '" + rm + "'");
        }
        checkUrl(problems, e, e.attr("defaultRedirect"));
        for (ConfigElement c : e.children()) {
            switch (c.name()) {
                case "error", "remove" -> {
                    Set<String> allowed =
                            c.name().equals("error") ? Set.of("statusCode", "redirect") : Set.of("statusCode");
                    for (String a : c.attributes().keySet()) {
                        if (!allowed.contains(a)) {
                            add(problems, c, "unknown attribute '" + a + "' on <" + c.name() + ">");
                        }
                    }
                    String code = c.attr("statusCode");
                    if (code == null || !code.matches("[45][0-9][0-9]")) {
                        add(problems, c, "statusCode must be an error status from 400 to 599: '" + code + "'");
                    }
                    if (c.name().equals("error")) {
                        if (c.attr("redirect") == null) {
                            add(problems, c, "<error> needs the attribute 'redirect'");
                        }
                        checkUrl(problems, c, c.attr("redirect"));
                    }
                }
                case "clear" -> {
                    if (!c.attributes().isEmpty()) {
                        add(problems, c, "<clear/> takes no attributes");
                    }
                }
                default -> add(problems, c, "unknown element <" + c.name() + "> in <customErrors>");
            }
        }
    }

    private static void checkUrl(List<Problem> problems, ConfigElement e, @Nullable String url) {
        if (url == null) {
            return;
        }
        if (url.isEmpty() || url.chars().anyMatch(ch -> ch < 0x20)) {
            add(problems, e, "the error page URL must be a non-empty path: '" + url + "'");
        }
    }

    private static void add(List<Problem> problems, ConfigElement e, String message) {
        problems.add(new Problem(e.source().file(), e.source().line(), e.name(), message));
    }
}
