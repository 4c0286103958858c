package dev.conduit.internal.security;

import static dev.conduit.internal.security.SectionChecks.bool;
import static dev.conduit.internal.security.SectionChecks.checkAttributes;
import static dev.conduit.internal.security.SectionChecks.checkFixed;
import static dev.conduit.internal.security.SectionChecks.isCookieAttribute;
import static dev.conduit.internal.security.SectionChecks.isCookieName;
import static dev.conduit.internal.security.SectionChecks.parseInt;
import static dev.conduit.internal.security.SectionChecks.problem;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Section;
import dev.conduit.internal.security.SectionChecks.Attribute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks {@code <authentication>} and its {@code <forms>}: once per occurrence when a web.config loads
 * (every error a {@link Problem} with file and line), and merged (later occurrences override attributes) when the
 * site starts. Unknown elements and attributes are errors.
 */
public final class AuthenticationSection {
    private static final Set<String> FORMS_ATTRIBUTES = Set.of(
            "name",
            "loginUrl",
            "defaultUrl",
            "timeout",
            "slidingExpiration",
            "requireSSL",
            "path",
            "domain",
            "cookieSameSite",
            "cookieless",
            "protection",
            "enableCrossAppRedirects",
            "ticketCompatibilityMode");

    private static final int MAX_TIMEOUT_MINUTES = 525_600;

    private AuthenticationSection() {}

    /**
     * The merged {@code <authentication>} settings.
     *
     * @param mode the mode
     * @param forms the {@code <forms>} settings (the defaults when there is no {@code <forms>})
     */
    public record Authentication(AuthenticationMode mode, FormsSettings forms) {}

    /** {@code <system.web><authentication>}: application-wide (System.Web's MachineToApplication). */
    public static final Section<Authentication> SECTION = Section.builder(
                    "system.web/authentication", levels -> read(levels, new ArrayList<>()))
            .scope(Section.Scope.APPLICATION)
            .check(AuthenticationSection::check)
            .build();

    /** Checks one {@code <authentication>} occurrence. */
    public static void check(ConfigElement element, List<Problem> problems) {
        read(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list gives mode None. */
    public static Authentication read(List<ConfigElement> occurrences, List<Problem> problems) {
        AuthenticationMode mode = AuthenticationMode.NONE;
        Map<String, Attribute> forms = new LinkedHashMap<>();
        for (ConfigElement e : occurrences) {
            checkAttributes(e, Set.of("mode"), problems);
            String m = e.attr("mode");
            if (m != null) {
                mode = switch (m) {
                    case "None" -> AuthenticationMode.NONE;
                    case "Forms" -> AuthenticationMode.FORMS;
                    case "Windows" -> AuthenticationMode.WINDOWS;
                    case "Passport", "Federated" -> {
                        problem(
                                problems,
                                e,
                                m + " authentication is not supported; mode must be None, Forms or" + " Windows");
                        yield mode;
                    }
                    default -> {
                        problem(problems, e, "mode must be None, Forms or Windows: '" + m + "'");
                        yield mode;
                    }
                };
            }
            boolean seenForms = false;
            for (ConfigElement child : e.children()) {
                if (!child.name().equals("forms")) {
                    problem(problems, child, "unknown element <" + child.name() + "> in <authentication>");
                    continue;
                }
                if (seenForms) {
                    problem(problems, child, "<forms> appears twice in one <authentication>");
                }
                seenForms = true;
                checkAttributes(child, FORMS_ATTRIBUTES, problems);
                child.attributes().forEach((name, value) -> forms.put(name, new Attribute(value, child)));
                for (ConfigElement inner : child.children()) {
                    problem(
                            problems,
                            inner,
                            inner.name().equals("credentials")
                                    ? "<credentials> (passwords in web.config) is not supported; check passwords in"
                                            + " the login handler"
                                    : "unknown element <" + inner.name() + "> in <forms>");
                }
            }
        }
        return new Authentication(mode, readForms(forms, problems));
    }

    private static FormsSettings readForms(Map<String, Attribute> a, List<Problem> problems) {
        FormsSettings d = FormsSettings.DEFAULTS;
        String name = d.cookieName();
        Attribute n = a.get("name");
        if (n != null) {
            if (isCookieName(n.value())) {
                name = n.value();
            } else {
                problem(
                        problems,
                        n.element(),
                        "name must be a cookie name (letters, digits, '.', '-', '_'): '" + n.value() + "'");
            }
        }
        String loginUrl = url(a.get("loginUrl"), d.loginUrl(), problems);
        String defaultUrl = url(a.get("defaultUrl"), d.defaultUrl(), problems);
        Duration timeout = d.timeout();
        Attribute t = a.get("timeout");
        if (t != null) {
            int minutes = parseInt(t.value());
            if (minutes >= 1 && minutes <= MAX_TIMEOUT_MINUTES) {
                timeout = Duration.ofMinutes(minutes);
            } else {
                problem(
                        problems,
                        t.element(),
                        "timeout must be a whole number of minutes from 1 to " + MAX_TIMEOUT_MINUTES + ": '" + t.value()
                                + "'");
            }
        }
        boolean sliding = bool(a.get("slidingExpiration"), "slidingExpiration", d.slidingExpiration(), problems);
        boolean requireSsl = bool(a.get("requireSSL"), "requireSSL", d.requireSsl(), problems);
        String path = d.cookiePath();
        Attribute p = a.get("path");
        if (p != null) {
            if (p.value().startsWith("/") && isCookieAttribute(p.value())) {
                path = p.value();
            } else {
                problem(
                        problems,
                        p.element(),
                        "path must start with '/' and contain no ';', ',' or control" + " characters: '" + p.value()
                                + "'");
            }
        }
        String domain = null;
        Attribute dom = a.get("domain");
        if (dom != null) {
            if (dom.value().matches("[A-Za-z0-9.-]+")) {
                domain = dom.value();
            } else {
                problem(problems, dom.element(), "domain must be a host name: '" + dom.value() + "'");
            }
        }
        String sameSite = sameSite(a.get("cookieSameSite"), requireSsl, problems);
        checkFixed(
                a.get("cookieless"),
                Set.of("UseCookies", "UseDeviceProfile", "AutoDetect"),
                problems,
                v -> v.equals("UseUri")
                        ? "cookieless=\"UseUri\" (tickets in URLs) is not supported; Conduit always uses cookies"
                        : "cookieless must be UseCookies, UseDeviceProfile or AutoDetect: '" + v + "'");
        checkFixed(
                a.get("protection"),
                Set.of("All"),
                problems,
                v -> Set.of("None", "Encryption", "Validation").contains(v)
                        ? "protection must be All: Conduit always encrypts and authenticates tickets"
                        : "protection must be All: '" + v + "'");
        Attribute crossApp = a.get("enableCrossAppRedirects");
        if (crossApp != null && bool(crossApp, "enableCrossAppRedirects", false, problems)) {
            problem(
                    problems,
                    crossApp.element(),
                    "enableCrossAppRedirects=\"true\" is not supported: return URLs" + " are always local");
        }
        checkFixed(
                a.get("ticketCompatibilityMode"),
                Set.of("Framework20", "Framework40"),
                problems,
                v -> "ticketCompatibilityMode must be Framework20 or Framework40: '" + v + "'");
        return new FormsSettings(name, loginUrl, defaultUrl, timeout, sliding, requireSsl, path, domain, sameSite);
    }

    private static String sameSite(@Nullable Attribute s, boolean requireSsl, List<Problem> problems) {
        if (s == null) {
            return FormsSettings.DEFAULTS.sameSite();
        }
        switch (s.value()) {
            case "Lax", "Strict" -> {
                return s.value();
            }
            case "None" -> {
                if (!requireSsl) {
                    problem(
                            problems,
                            s.element(),
                            "cookieSameSite=\"None\" needs requireSSL=\"true\": browsers drop"
                                    + " SameSite=None cookies that are not Secure");
                }
                return "None";
            }
            default -> {
                problem(problems, s.element(), "cookieSameSite must be Lax, Strict or None: '" + s.value() + "'");
                return FormsSettings.DEFAULTS.sameSite();
            }
        }
    }

    /**
     * A configured URL made app-absolute: {@code ~/x}, {@code /x} and {@code x} all give {@code /x}; an absolute
     * {@code http(s)} URL is kept. Anything else (a scheme-relative {@code //host}, another scheme, backslashes,
     * control characters) is an error.
     */
    private static String url(@Nullable Attribute u, String dflt, List<Problem> problems) {
        if (u == null) {
            return dflt;
        }
        String v = u.value().trim();
        String resolved = resolveUrl(v);
        if (resolved == null) {
            problem(
                    problems,
                    u.element(),
                    "the attribute must be a path in this site ('~/login.ashx', '/login.ashx')"
                            + " or an absolute http(s) URL: '" + u.value() + "'");
            return dflt;
        }
        return resolved;
    }

    private static @Nullable String resolveUrl(String v) {
        if (v.isEmpty() || v.indexOf('\\') >= 0) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i)) || v.charAt(i) == ' ') {
                return null;
            }
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return v;
        }
        String path;
        if (v.equals("~")) {
            path = "/";
        } else if (v.startsWith("~/")) {
            path = v.substring(1);
        } else if (v.startsWith("/")) {
            path = v;
        } else if (v.startsWith("~")) {
            return null;
        } else {
            int colon = v.indexOf(':');
            int slash = v.indexOf('/');
            if (colon >= 0 && (slash < 0 || colon < slash)) {
                return null; // "javascript:..." or "ftp://..." is a scheme, not a file name
            }
            path = "/" + v;
        }
        return path.startsWith("//") ? null : path;
    }
}
