package dev.conduit.internal.security;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpCookie;
import dev.conduit.internal.config.RawElement;
import dev.conduit.internal.config.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks {@code <authentication>}, {@code <authorization>}, {@code <machineKey>} and {@code <roleManager>}.
 *
 * <p>The same readers serve both moments: when a web.config loads, each occurrence is read on its own and every error
 * becomes a {@link Problem} with file and line (the {@code check*} methods, registered in {@code SectionReaders});
 * when the site starts, the application-level occurrences are merged (later ones override attributes of earlier
 * ones) into typed settings. Unknown elements and attributes are errors. Error messages never repeat a key's value.
 */
public final class SecuritySections {
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

    private static final Set<String> MACHINE_KEY_ATTRIBUTES = Set.of(
            "validationKey",
            "decryptionKey",
            "validation",
            "decryption",
            "compatibilityMode",
            "applicationName",
            "dataProtectorType");

    private static final Set<String> VALIDATION_ALGORITHMS =
            Set.of("SHA1", "MD5", "3DES", "AES", "HMACSHA256", "HMACSHA384", "HMACSHA512");

    /** ASP.NET's role-cookie attributes: accepted so that existing files load; Conduit keeps no role cookie. */
    private static final Set<String> ROLE_MANAGER_IGNORED = Set.of(
            "cacheRolesInCookie",
            "cookieName",
            "cookieTimeout",
            "cookiePath",
            "cookieRequireSSL",
            "cookieSlidingExpiration",
            "cookieProtection",
            "createPersistentCookie",
            "domain",
            "maxCachedResults");

    private static final int MAX_TIMEOUT_MINUTES = 525_600;
    private static final int KEY_HEX_DIGITS = 64;

    private SecuritySections() {}

    // ---- <authentication> ---------------------------------------------------------------------------------------

    /**
     * The merged {@code <authentication>} settings.
     *
     * @param mode the mode
     * @param forms the {@code <forms>} settings (the defaults when there is no {@code <forms>})
     */
    public record Authentication(AuthenticationMode mode, FormsSettings forms) {}

    /** Checks one {@code <authentication>} occurrence. */
    public static void checkAuthentication(RawElement element, List<Problem> problems) {
        readAuthentication(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list gives mode None. */
    public static Authentication readAuthentication(List<RawElement> occurrences, List<Problem> problems) {
        AuthenticationMode mode = AuthenticationMode.NONE;
        Map<String, Attribute> forms = new LinkedHashMap<>();
        for (RawElement e : occurrences) {
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
            for (RawElement child : e.children()) {
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
                for (RawElement inner : child.children()) {
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

    // ---- <machineKey> -------------------------------------------------------------------------------------------

    /**
     * The merged {@code <machineKey>} settings.
     *
     * @param decryptionKey the configured 256-bit key, or {@code null} for a generated one ({@code AutoGenerate}, or
     *     no {@code decryptionKey})
     */
    public record MachineKey(byte @Nullable [] decryptionKey) {}

    /** Checks one {@code <machineKey>} occurrence. */
    public static void checkMachineKey(RawElement element, List<Problem> problems) {
        readMachineKey(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list means a generated key. */
    public static MachineKey readMachineKey(List<RawElement> occurrences, List<Problem> problems) {
        byte[] key = null;
        for (RawElement e : occurrences) {
            checkAttributes(e, MACHINE_KEY_ATTRIBUTES, problems);
            noChildren(e, problems);
            String dk = e.attr("decryptionKey");
            if (dk != null) {
                key = null;
                if (!isAutoGenerate(dk)) {
                    if (dk.length() == KEY_HEX_DIGITS && isHex(dk)) {
                        key = HexFormat.of().parseHex(dk);
                    } else {
                        // Never echo the value: it may be a real key with a typo.
                        problem(
                                problems,
                                e,
                                "decryptionKey must be AutoGenerate or " + KEY_HEX_DIGITS
                                        + " hex digits (a 256-bit AES key); it has " + dk.length() + " characters"
                                        + (isHex(dk) ? "" : ", not all hex digits"));
                    }
                }
            }
            String vk = e.attr("validationKey");
            if (vk != null && !isAutoGenerate(vk) && !(isHex(vk) && vk.length() % 2 == 0 && !vk.isEmpty())) {
                problem(problems, e, "validationKey must be AutoGenerate or an even number of hex digits");
            }
            checkFixed(
                    attribute(e, "decryption"),
                    Set.of("Auto", "AES"),
                    problems,
                    v -> Set.of("DES", "3DES").contains(v)
                            ? "decryption=\"" + v + "\" is not supported: Conduit encrypts with AES-256-GCM"
                            : "decryption must be Auto or AES: '" + v + "'");
            checkFixed(
                    attribute(e, "validation"),
                    VALIDATION_ALGORITHMS,
                    problems,
                    v -> "validation must be one of "
                            + String.join(
                                    ", ",
                                    VALIDATION_ALGORITHMS.stream().sorted().toList()) + ": '" + v + "'");
            checkFixed(
                    attribute(e, "compatibilityMode"),
                    Set.of("Framework20SP1", "Framework20SP2", "Framework45"),
                    problems,
                    v -> "compatibilityMode must be Framework20SP1, Framework20SP2 or Framework45: '" + v + "'");
            if (e.attr("dataProtectorType") != null) {
                problem(problems, e, "dataProtectorType is not supported");
            }
        }
        return new MachineKey(key);
    }

    private static boolean isAutoGenerate(String value) {
        String[] parts = value.split(",", -1);
        if (!parts[0].trim().equals("AutoGenerate")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i].trim();
            if (!modifier.equals("IsolateApps") && !modifier.equals("IsolateByAppId")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    // ---- <roleManager> ------------------------------------------------------------------------------------------

    /**
     * A {@code <roleManager><providers><add>}.
     *
     * @param name the provider's name
     * @param type the class name
     * @param settings every other attribute
     * @param source where the line is
     */
    public record ProviderEntry(String name, String type, Map<String, String> settings, Source source) {}

    /**
     * The merged {@code <roleManager>} settings.
     *
     * @param enabled whether roles are looked up at all ({@code enabled}, default false)
     * @param defaultProvider the provider's name, or {@code null} for the built-in one reading {@code <roles>}
     * @param providers the declared providers by name, in order
     * @param rolesByUser the {@code <roles>} list turned around: user name in lower case to role names
     * @param source where the last occurrence starts, or {@code null} when there is none
     */
    public record RoleManager(
            boolean enabled,
            @Nullable String defaultProvider,
            Map<String, ProviderEntry> providers,
            Map<String, Set<String>> rolesByUser,
            @Nullable Source source) {}

    /** Checks one {@code <roleManager>} occurrence. */
    public static void checkRoleManager(RawElement element, List<Problem> problems) {
        readRoleManager(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list means disabled. */
    public static RoleManager readRoleManager(List<RawElement> occurrences, List<Problem> problems) {
        boolean enabled = false;
        String defaultProvider = null;
        Source source = null;
        Map<String, ProviderEntry> providers = new LinkedHashMap<>();
        Map<String, Set<String>> rolesByUser = new LinkedHashMap<>();
        Set<String> allowed = new LinkedHashSet<>(ROLE_MANAGER_IGNORED);
        allowed.add("enabled");
        allowed.add("defaultProvider");
        for (RawElement e : occurrences) {
            source = e.source();
            checkAttributes(e, allowed, problems);
            enabled = bool(attribute(e, "enabled"), "enabled", enabled, problems);
            String dp = e.attr("defaultProvider");
            if (dp != null) {
                if (dp.isBlank()) {
                    problem(problems, e, "defaultProvider must not be empty");
                } else {
                    defaultProvider = dp.trim();
                }
            }
            for (RawElement child : e.children()) {
                switch (child.name()) {
                    case "providers" -> providers(child, providers, problems);
                    case "roles" -> roles(child, rolesByUser, problems);
                    default -> problem(problems, child, "unknown element <" + child.name() + "> in <roleManager>");
                }
            }
        }
        return new RoleManager(enabled, defaultProvider, providers, rolesByUser, source);
    }

    private static void providers(RawElement list, Map<String, ProviderEntry> into, List<Problem> problems) {
        checkAttributes(list, Set.of(), problems);
        for (RawElement line : list.children()) {
            switch (line.name()) {
                case "clear" -> {
                    checkAttributes(line, Set.of(), problems);
                    into.clear();
                }
                case "remove" -> {
                    checkAttributes(line, Set.of("name"), problems);
                    String name = requiredName(line, "name", problems);
                    if (name != null) {
                        into.remove(name.toLowerCase(Locale.ROOT));
                    }
                }
                case "add" -> {
                    String name = requiredName(line, "name", problems);
                    String type = requiredName(line, "type", problems);
                    if (name == null || type == null) {
                        continue;
                    }
                    Map<String, String> settings = new LinkedHashMap<>(line.attributes());
                    settings.remove("name");
                    settings.remove("type");
                    ProviderEntry entry = new ProviderEntry(name, type, Map.copyOf(settings), line.source());
                    ProviderEntry before = into.putIfAbsent(name.toLowerCase(Locale.ROOT), entry);
                    if (before != null) {
                        problem(
                                problems,
                                line,
                                "the provider '" + name + "' has already been added (at " + before.source()
                                        + "); <remove> it first to replace it");
                    }
                }
                default -> problem(problems, line, "unknown element <" + line.name() + "> in <providers>");
            }
        }
    }

    private static void roles(RawElement list, Map<String, Set<String>> rolesByUser, List<Problem> problems) {
        checkAttributes(list, Set.of(), problems);
        for (RawElement line : list.children()) {
            if (!line.name().equals("add")) {
                problem(problems, line, "unknown element <" + line.name() + "> in <roles>; use <add name users>");
                continue;
            }
            checkAttributes(line, Set.of("name", "users"), problems);
            String role = requiredName(line, "name", problems);
            Attribute users = attribute(line, "users");
            if (users == null) {
                problem(problems, line, "<add> needs the attribute 'users'");
                continue;
            }
            List<String> names = names(users, problems);
            for (String user : names) {
                if (user.equals("*") || user.equals("?")) {
                    problem(problems, line, "users of a role must be user names, not '" + user + "'");
                } else if (role != null) {
                    rolesByUser
                            .computeIfAbsent(user.toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
                            .add(role);
                }
            }
        }
    }

    // ---- <authorization> ----------------------------------------------------------------------------------------

    /** Checks one {@code <authorization>} occurrence. */
    public static void checkAuthorization(RawElement element, List<Problem> problems) {
        readAuthorization(element, problems);
    }

    /** The rules of one occurrence, in document order. */
    public static List<AuthorizationRule> readAuthorization(RawElement element, List<Problem> problems) {
        checkAttributes(element, Set.of(), problems);
        List<AuthorizationRule> rules = new ArrayList<>();
        for (RawElement line : element.children()) {
            boolean allow = line.name().equals("allow");
            if (!allow && !line.name().equals("deny")) {
                problem(
                        problems,
                        line,
                        "unknown element <" + line.name() + "> in <authorization>; use <allow> or" + " <deny>");
                continue;
            }
            checkAttributes(line, Set.of("users", "roles", "verbs"), problems);
            Attribute users = attribute(line, "users");
            Attribute roles = attribute(line, "roles");
            Attribute verbs = attribute(line, "verbs");
            if (users == null && roles == null) {
                problem(problems, line, "<" + line.name() + "> needs 'users' or 'roles'");
                continue;
            }
            List<String> userNames = users == null ? List.of() : names(users, problems);
            List<String> roleNames = roles == null ? List.of() : names(roles, problems);
            List<String> verbNames = verbs == null ? List.of() : names(verbs, problems);
            int before = problems.size();
            for (String u : userNames) {
                if (!u.equals("*") && !u.equals("?") && (u.contains("*") || u.contains("?"))) {
                    problem(problems, line, "'*' and '?' stand alone in users: '" + u + "'");
                }
            }
            for (String r : roleNames) {
                if (r.contains("*") || r.contains("?")) {
                    problem(
                            problems,
                            line,
                            "roles cannot use '*' or '?' (that is what users=\"*\" and users=\"?\"" + " are for): '" + r
                                    + "'");
                }
            }
            for (String v : verbNames) {
                if (!isCookieName(v)) {
                    problem(problems, line, "verbs must be HTTP method names: '" + v + "'");
                }
            }
            if (problems.size() == before) {
                rules.add(AuthorizationRule.of(allow, userNames, roleNames, verbNames, line.source()));
            }
        }
        return rules;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** An attribute's value and the element that carries it (for the line of an error). */
    private record Attribute(String value, RawElement element) {}

    private static @Nullable Attribute attribute(RawElement e, String name) {
        String v = e.attr(name);
        return v == null ? null : new Attribute(v, e);
    }

    /** A comma-separated list, trimmed; an empty entry is an error. */
    private static List<String> names(Attribute list, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        for (String part : list.value().split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                problem(problems, list.element(), "empty name in the list '" + list.value() + "'");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static @Nullable String requiredName(RawElement e, String attribute, List<Problem> problems) {
        String v = e.attr(attribute);
        if (v == null || v.isBlank()) {
            problem(problems, e, "<" + e.name() + "> needs a non-empty '" + attribute + "'");
            return null;
        }
        return v.trim();
    }

    private static void checkAttributes(RawElement e, Set<String> allowed, List<Problem> problems) {
        for (String name : e.attributes().keySet()) {
            if (!allowed.contains(name) && !name.startsWith("xmlns")) {
                problem(problems, e, "unknown attribute '" + name + "' on <" + e.name() + ">");
            }
        }
    }

    private static void noChildren(RawElement e, List<Problem> problems) {
        for (RawElement c : e.children()) {
            problem(problems, c, "unknown element <" + c.name() + "> in <" + e.name() + ">");
        }
    }

    private static boolean bool(@Nullable Attribute a, String name, boolean dflt, List<Problem> problems) {
        if (a == null) {
            return dflt;
        }
        if (a.value().equalsIgnoreCase("true")) {
            return true;
        }
        if (a.value().equalsIgnoreCase("false")) {
            return false;
        }
        problem(problems, a.element(), name + " must be true or false: '" + a.value() + "'");
        return dflt;
    }

    private static void checkFixed(
            @Nullable Attribute a,
            Set<String> accepted,
            List<Problem> problems,
            java.util.function.Function<String, String> message) {
        if (a != null && !accepted.contains(a.value())) {
            problem(problems, a.element(), message.apply(a.value()));
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isCookieName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            HttpCookie.of(s, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCookieAttribute(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c == ',') {
                return false;
            }
        }
        return true;
    }

    private static void problem(List<Problem> problems, RawElement e, String message) {
        problems.add(new Problem(e.source().file(), e.source().line(), e.name(), message));
    }
}
