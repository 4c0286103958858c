package dev.conduit.internal.security;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.UserPrincipal;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Section;
import dev.conduit.internal.config.FolderConfig;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code <authorization>} rules that govern one configuration path, in evaluation order.
 *
 * <p><b>Order.</b> As System.Web merges {@code <authorization>}: the rules of the deepest level come first, then its
 * parent's, up to the site root (a {@code <location>} counts as the level just before the folder file it targets, so
 * a sub-folder's own web.config is read before a {@code <location>} in its parent aimed at it); within a level, in
 * document order. The first rule that matches the user and the verb decides; when none matches, the request is
 * allowed (System.Web's root web.config ends with {@code <allow users="*"/>}).
 */
public final class AuthorizationRules {
    /** No rules: everyone is allowed. */
    public static final AuthorizationRules NONE = new AuthorizationRules(new AuthorizationRule[0]);

    private final AuthorizationRule[] rules;
    private final boolean everyoneAllowed;

    private AuthorizationRules(AuthorizationRule[] rules) {
        this.rules = rules;
        this.everyoneAllowed = computeEveryoneAllowed(rules);
    }

    /** {@code <system.web><authorization>}, at any level: the rules of the deepest level are tried first. */
    public static final Section<AuthorizationRules> SECTION = Section.builder(
                    "system.web/authorization", AuthorizationRules::compile)
            .check(AuthorizationSection::check)
            .build();

    /** The rules that apply to {@code config}'s path. */
    public static AuthorizationRules compile(FolderConfig config) {
        return config.get(SECTION);
    }

    /** Compiles every {@code <authorization>} occurrence, deepest first. */
    private static AuthorizationRules compile(List<ConfigElement> levels) {
        if (levels.isEmpty()) {
            return NONE;
        }
        List<AuthorizationRule> ordered = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = levels.size() - 1; i >= 0; i--) {
            ordered.addAll(AuthorizationSection.read(levels.get(i), problems));
        }
        if (!problems.isEmpty()) {
            // Unreachable for a loaded site: every occurrence was checked when its file loaded.
            throw new ConfigurationException(problems);
        }
        return ordered.isEmpty() ? NONE : new AuthorizationRules(ordered.toArray(AuthorizationRule[]::new));
    }

    /** The rules in evaluation order. */
    public List<AuthorizationRule> rules() {
        return List.of(rules);
    }

    /** Tells whether there are no rules. */
    public boolean isEmpty() {
        return rules.length == 0;
    }

    /**
     * Tells whether every user is allowed whatever the verb: no deny rule can be reached before an {@code <allow
     * users="*"/>} without verbs. When false, what a response shows depends on who asked, so it must not be cached
     * by shared caches.
     */
    public boolean everyoneAllowed() {
        return everyoneAllowed;
    }

    /**
     * The rule that denies {@code user} a {@code verb} request, or {@code null} when the request is allowed (an allow
     * rule matched first, or no rule matched).
     */
    public @Nullable AuthorizationRule denying(@Nullable Principal user, String verb) {
        boolean authenticated = isAuthenticated(user);
        for (AuthorizationRule r : rules) {
            if (r.matches(user, authenticated, verb)) {
                return r.allow() ? null : r;
            }
        }
        return null;
    }

    /**
     * Tells whether {@code user} is a signed-in user: a {@link UserPrincipal} says so itself; any other principal
     * counts when it has a name.
     */
    public static boolean isAuthenticated(@Nullable Principal user) {
        if (user == null) {
            return false;
        }
        if (user instanceof UserPrincipal up) {
            return up.isAuthenticated();
        }
        String name = user.getName();
        return name != null && !name.isEmpty();
    }

    private static boolean computeEveryoneAllowed(AuthorizationRule[] rules) {
        for (AuthorizationRule r : rules) {
            if (!r.allow()) {
                return false;
            }
            if (r.matchesEveryone()) {
                return true;
            }
        }
        return true;
    }
}
