package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import dev.conduit.config.TypeChecker;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The effective {@code <system.web><sessionState>} of the application (spec §6.1).
 *
 * <p>Session state is application-wide, as System.Web's {@code allowDefinition="MachineToApplication"}: the
 * section may appear in the site root's web.config (or a {@code <location path=".">} there) only; {@link
 * SiteConfiguration} reports it anywhere else. Levels merge attribute by attribute, later ones winning; {@code
 * <providers>} merges by name with {@code <add>}, {@code <remove>} and {@code <clear/>}.
 *
 * <p>Supported: {@code mode} Off, InProc (default) and Custom; {@code timeout} in minutes (default 20, at most
 * 525600); {@code cookieName} (default {@code ASP.NET_SessionId}); {@code cookieSameSite} (Lax by default, Strict or
 * None); {@code customProvider} naming a {@code <providers><add name type/>} whose type implements {@link
 * SessionStore}. {@code regenerateExpiredSessionId} is accepted, but an unknown or expired id is never adopted
 * whatever its value (a deliberate difference: adopting a client's id invites session fixation). StateServer and
 * SQLServer modes, cookieless ids, {@code sessionIDManagerType} and {@code partitionResolverType} are configuration
 * errors; the attributes that only configure those modes are accepted and ignored.
 *
 * @param mode the session mode
 * @param timeout the idle time after which a session expires
 * @param cookieName the session cookie's name
 * @param cookieSameSite the cookie's SameSite attribute
 * @param customProvider the provider used in Custom mode, or an empty string
 * @param providers the providers by name, in order
 */
public record SessionStateSettings(
        Mode mode,
        Duration timeout,
        String cookieName,
        String cookieSameSite,
        String customProvider,
        Map<String, Provider> providers) {

    /** {@code <sessionState mode>}. */
    public enum Mode {
        OFF,
        IN_PROC,
        CUSTOM
    }

    /**
     * One {@code <providers><add>}.
     *
     * @param name the provider's name
     * @param type the class implementing {@link SessionStore}
     * @param attributes the other attributes, in order
     * @param source where the {@code <add>} is
     */
    public record Provider(String name, String type, Map<String, String> attributes, Source source) {
        /** Copies the attributes. */
        public Provider {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /** Copies the providers. */
    public SessionStateSettings {
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** The provider named {@code name}, compared ignoring case as the collection's keys are; or {@code null}. */
    public @Nullable Provider provider(String name) {
        for (Provider p : providers.values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** System.Web's defaults: InProc, 20 minutes, {@code ASP.NET_SessionId}, SameSite=Lax. */
    public static final SessionStateSettings DEFAULTS =
            new SessionStateSettings(Mode.IN_PROC, Duration.ofMinutes(20), "ASP.NET_SessionId", "Lax", "", Map.of());

    private static final Set<String> SUPPORTED = Set.of(
            "mode",
            "timeout",
            "cookieName",
            "cookieSameSite",
            "cookieless",
            "regenerateExpiredSessionId",
            "customProvider",
            "sessionIDManagerType",
            "partitionResolverType");

    /** Attributes of the StateServer and SQLServer modes and of IIS hosting: accepted, no effect. */
    private static final Set<String> IGNORED = Set.of(
            "stateConnectionString",
            "stateNetworkTimeout",
            "sqlConnectionString",
            "sqlCommandTimeout",
            "sqlConnectionRetryInterval",
            "allowCustomSqlDatabase",
            "useHostingIdentity",
            "compressionEnabled",
            "lockAttributes",
            "lockAllAttributesExcept",
            "lockElements",
            "lockAllElementsExcept",
            "lockItem");

    /** Checks one {@code <sessionState>} element on its own, adding a problem per error. */
    static void check(ConfigElement e, List<Problem> problems) {
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String name = a.getKey();
            String v = a.getValue();
            if (!SUPPORTED.contains(name) && !IGNORED.contains(name)) {
                add(problems, e.source(), e.name(), "unknown attribute '" + name + "' on <sessionState>");
                continue;
            }
            String error = checkAttribute(name, v);
            if (error != null) {
                add(problems, e.source(), e.name(), error);
            }
        }
        if ("Custom".equals(e.attr("mode")) && isBlank(e.attr("customProvider"))) {
            add(
                    problems,
                    e.source(),
                    e.name(),
                    "mode=\"Custom\" needs a customProvider attribute naming one of <providers>");
        }
        for (ConfigElement child : e.children()) {
            if (!child.name().equals("providers")) {
                add(problems, child.source(), child.name(), "unknown element <" + child.name() + "> in <sessionState>");
                continue;
            }
            if (!child.attributes().isEmpty()) {
                add(problems, child.source(), child.name(), "<providers> takes no attributes");
            }
            for (ConfigElement line : child.children()) {
                checkProviderLine(line, problems);
            }
        }
    }

    private static @Nullable String checkAttribute(String name, String v) {
        return switch (name) {
            case "mode" ->
                switch (v) {
                    case "Off", "InProc", "Custom" -> null;
                    case "StateServer", "SQLServer" ->
                        "mode=\"" + v + "\" is not supported: use mode=\"Custom\" with a SessionStore in"
                                + " <providers> (Redis and SQL stores come as add-ons)";
                    default -> "mode must be Off, InProc, StateServer, SQLServer or Custom: '" + v + "'";
                };
            case "timeout" -> {
                long minutes = RuntimeSettings.parseNonNegative(v);
                yield minutes < 1 || minutes > SessionData.MAX_TIMEOUT.toMinutes()
                        ? "timeout must be a whole number of minutes from 1 to 525600: '" + v + "'"
                        : null;
            }
            case "cookieName" ->
                isToken(v)
                        ? null
                        : "cookieName must be a valid cookie name (letters, digits, '_', '.', '-'): '" + v + "'";
            case "cookieSameSite" ->
                Set.of("Lax", "Strict", "None").contains(v)
                        ? null
                        : "cookieSameSite must be Lax, Strict or None: '" + v + "'";
            case "cookieless" ->
                v.equals("UseCookies") || v.equals("false")
                        ? null
                        : "cookieless=\"" + v + "\" is not supported: Conduit carries session ids in cookies only"
                                + " (UseCookies)";
            case "regenerateExpiredSessionId" ->
                v.equals("true") || v.equals("false")
                        ? null
                        : "regenerateExpiredSessionId must be true or false: '" + v + "'";
            case "sessionIDManagerType", "partitionResolverType" ->
                isBlank(v) ? null : name + " is not supported: session ids are always 120 random bits in a cookie";
            default -> null;
        };
    }

    private static void checkProviderLine(ConfigElement line, List<Problem> problems) {
        switch (line.name()) {
            case "add" -> {
                if (isBlank(line.attr("name"))) {
                    add(problems, line.source(), "add", "<providers><add> needs a name");
                }
                if (isBlank(line.attr("type"))) {
                    add(
                            problems,
                            line.source(),
                            "add",
                            "<providers><add> needs a type implementing " + SessionStore.class.getName());
                }
            }
            case "remove" -> {
                if (isBlank(line.attr("name"))) {
                    add(problems, line.source(), "remove", "<providers><remove> needs a name");
                }
            }
            case "clear" -> {}
            default ->
                add(problems, line.source(), line.name(), "unknown element <" + line.name() + "> in <providers>");
        }
        if (!line.children().isEmpty()) {
            add(problems, line.source(), line.name(), "<" + line.name() + "> takes no child elements");
        }
    }

    /**
     * Checks the merged levels as a whole, once at load: the custom provider exists and every provider's type is a
     * {@link SessionStore} ({@code types} says why not, or {@code null}).
     */
    static void checkEffective(List<ConfigElement> levels, TypeChecker types, List<Problem> problems) {
        mergeProviders(levels, problems); // duplicates across levels (a merge of checked levels reports nothing)
        SessionStateSettings s = merge(levels);
        for (Provider p : s.providers().values()) {
            String verdict = types.check(p.type(), SessionStore.class);
            if (verdict != null) {
                add(problems, p.source(), "add", verdict);
            }
        }
        if (s.mode() == Mode.CUSTOM && !s.customProvider().isEmpty() && s.provider(s.customProvider()) == null) {
            ConfigElement where = levels.get(levels.size() - 1);
            for (ConfigElement e : levels) {
                if (e.attr("customProvider") != null) {
                    where = e;
                }
            }
            add(
                    problems,
                    where.source(),
                    "sessionState",
                    "customProvider '" + s.customProvider() + "' is not one of <sessionState><providers>"
                            + (s.providers().isEmpty()
                                    ? " (there are none)"
                                    : " " + s.providers().keySet()));
        }
    }

    /** {@code <system.web><sessionState>}: application-wide (System.Web's MachineToApplication). */
    public static final Section<SessionStateSettings> SECTION = Section.builder(
                    "system.web/sessionState", SessionStateSettings::merge)
            .scope(Section.Scope.APPLICATION)
            .check(SessionStateSettings::check)
            .siteCheck((site, problems) -> {
                if (!site.applicationLevels().isEmpty()) {
                    checkEffective(site.applicationLevels(), site.types(), problems);
                }
            })
            .build();

    /** The effective settings of the levels, outermost first; assumes they passed {@link #check}. */
    public static SessionStateSettings merge(List<ConfigElement> levels) {
        Mode mode = DEFAULTS.mode;
        Duration timeout = DEFAULTS.timeout;
        String cookieName = DEFAULTS.cookieName;
        String sameSite = DEFAULTS.cookieSameSite;
        String customProvider = DEFAULTS.customProvider;
        for (ConfigElement e : levels) {
            String m = e.attr("mode");
            if (m != null) {
                mode = switch (m) {
                    case "Off" -> Mode.OFF;
                    case "Custom" -> Mode.CUSTOM;
                    default -> Mode.IN_PROC;
                };
            }
            String t = e.attr("timeout");
            if (t != null && RuntimeSettings.parseNonNegative(t) >= 1) {
                timeout = Duration.ofMinutes(Math.min(RuntimeSettings.parseNonNegative(t), 525_600));
            }
            cookieName = valueOr(e.attr("cookieName"), cookieName);
            sameSite = valueOr(e.attr("cookieSameSite"), sameSite);
            customProvider = valueOr(e.attr("customProvider"), customProvider);
        }
        return new SessionStateSettings(
                mode, timeout, cookieName, sameSite, customProvider, mergeProviders(levels, new ArrayList<>()));
    }

    /**
     * The providers of every level's {@code <providers>}, merged as {@link KeyedCollection#PROVIDERS}, by name as
     * written; {@code problems} receives duplicates (at load), or nothing (at a merge of checked levels).
     */
    static Map<String, Provider> mergeProviders(List<ConfigElement> levels, List<Problem> problems) {
        List<ConfigElement> lists = new ArrayList<>();
        for (ConfigElement level : levels) {
            ConfigElement list = level.child("providers");
            if (list != null) {
                lists.add(list);
            }
        }
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ConfigElement add : KeyedCollection.merge(KeyedCollection.PROVIDERS, lists, problems)) {
            String name = add.attr("name");
            String type = add.attr("type");
            if (name != null && type != null) {
                Map<String, String> rest = new LinkedHashMap<>(add.attributes());
                rest.remove("name");
                rest.remove("type");
                providers.put(name, new Provider(name, type, rest, add.source()));
            }
        }
        return providers;
    }

    private static String valueOr(@Nullable String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void add(List<Problem> problems, Source at, String element, String message) {
        problems.add(new Problem(at.file(), at.line(), element, message));
    }
}
