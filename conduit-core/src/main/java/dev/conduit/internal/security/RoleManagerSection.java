package dev.conduit.internal.security;

import static dev.conduit.internal.security.SectionChecks.attribute;
import static dev.conduit.internal.security.SectionChecks.bool;
import static dev.conduit.internal.security.SectionChecks.checkAttributes;
import static dev.conduit.internal.security.SectionChecks.names;
import static dev.conduit.internal.security.SectionChecks.problem;
import static dev.conduit.internal.security.SectionChecks.requiredName;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import dev.conduit.internal.security.SectionChecks.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks {@code <roleManager>}: {@code enabled}, {@code defaultProvider}, the {@code <providers>} list
 * (add, remove, clear) and the built-in provider's {@code <roles>} list.
 */
public final class RoleManagerSection {
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

    private RoleManagerSection() {}

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

    /** {@code <system.web><roleManager>}: application-wide (System.Web's MachineToApplication). */
    public static final Section<RoleManager> SECTION = Section.builder(
                    "system.web/roleManager", levels -> read(levels, new ArrayList<>()))
            .scope(Section.Scope.APPLICATION)
            .check(RoleManagerSection::check)
            .build();

    /** Checks one {@code <roleManager>} occurrence. */
    public static void check(ConfigElement element, List<Problem> problems) {
        read(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list means disabled. */
    public static RoleManager read(List<ConfigElement> occurrences, List<Problem> problems) {
        boolean enabled = false;
        String defaultProvider = null;
        Source source = null;
        List<ConfigElement> providerLists = new ArrayList<>();
        Map<String, Set<String>> rolesByUser = new LinkedHashMap<>();
        Set<String> allowed = new LinkedHashSet<>(ROLE_MANAGER_IGNORED);
        allowed.add("enabled");
        allowed.add("defaultProvider");
        for (ConfigElement e : occurrences) {
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
            for (ConfigElement child : e.children()) {
                switch (child.name()) {
                    case "providers" -> {
                        checkProviders(child, problems);
                        providerLists.add(child);
                    }
                    case "roles" -> roles(child, rolesByUser, problems);
                    default -> problem(problems, child, "unknown element <" + child.name() + "> in <roleManager>");
                }
            }
        }
        Map<String, ProviderEntry> providers = mergeProviders(providerLists, problems);
        return new RoleManager(enabled, defaultProvider, providers, rolesByUser, source);
    }

    /** Checks the lines of one {@code <providers>}; they merge later, across levels. */
    private static void checkProviders(ConfigElement list, List<Problem> problems) {
        checkAttributes(list, Set.of(), problems);
        for (ConfigElement line : list.children()) {
            switch (line.name()) {
                case "clear" -> checkAttributes(line, Set.of(), problems);
                case "remove" -> {
                    checkAttributes(line, Set.of("name"), problems);
                    requiredName(line, "name", problems);
                }
                case "add" -> {
                    requiredName(line, "name", problems);
                    requiredName(line, "type", problems);
                }
                default -> problem(problems, line, "unknown element <" + line.name() + "> in <providers>");
            }
        }
    }

    /** The providers of every level's {@code <providers>}, merged as {@link KeyedCollection#PROVIDERS}, by lower-case name. */
    private static Map<String, ProviderEntry> mergeProviders(List<ConfigElement> lists, List<Problem> problems) {
        Map<String, ProviderEntry> out = new LinkedHashMap<>();
        for (ConfigElement add : KeyedCollection.merge(KeyedCollection.PROVIDERS, lists, problems)) {
            String name = add.attr("name");
            String type = add.attr("type");
            if (name == null || name.isBlank() || type == null || type.isBlank()) {
                continue; // reported by checkProviders
            }
            Map<String, String> settings = new LinkedHashMap<>(add.attributes());
            settings.remove("name");
            settings.remove("type");
            out.put(
                    name.trim().toLowerCase(Locale.ROOT),
                    new ProviderEntry(name.trim(), type.trim(), Map.copyOf(settings), add.source()));
        }
        return out;
    }

    private static void roles(ConfigElement list, Map<String, Set<String>> rolesByUser, List<Problem> problems) {
        checkAttributes(list, Set.of(), problems);
        for (ConfigElement line : list.children()) {
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
}
