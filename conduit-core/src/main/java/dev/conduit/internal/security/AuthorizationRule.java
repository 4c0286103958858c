package dev.conduit.internal.security;

import dev.conduit.UserPrincipal;
import dev.conduit.config.Source;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code <allow>} or {@code <deny>} line of {@code <authorization>}.
 *
 * <p>A rule matches a request when its verb is listed (or the rule lists no verbs) and the user is among its users or
 * has one of its roles. {@code *} in users is everyone, {@code ?} is the anonymous user; other names and roles compare
 * ignoring case, as in System.Web. Verbs compare ignoring case too, unlike handler mapping: a rule that denies {@code
 * POST} must not be sidestepped by a request whose method is {@code post} reaching a handler mapped for {@code *}.
 *
 * @param allow whether the rule allows (else denies)
 * @param everyone whether users has {@code *}
 * @param anonymous whether users has {@code ?}
 * @param users the named users
 * @param roles the roles
 * @param verbs the verbs; empty for every verb
 * @param source where the line is
 */
public record AuthorizationRule(
        boolean allow,
        boolean everyone,
        boolean anonymous,
        List<String> users,
        List<String> roles,
        List<String> verbs,
        Source source) {

    /** Copies the lists. */
    public AuthorizationRule {
        users = List.copyOf(users);
        roles = List.copyOf(roles);
        verbs = List.copyOf(verbs);
    }

    /** A rule from the lists as written ({@code *} and {@code ?} among the users). */
    static AuthorizationRule of(
            boolean allow, List<String> users, List<String> roles, List<String> verbs, Source source) {
        List<String> named = new ArrayList<>();
        boolean everyone = false;
        boolean anonymous = false;
        for (String u : users) {
            switch (u) {
                case "*" -> everyone = true;
                case "?" -> anonymous = true;
                default -> named.add(u);
            }
        }
        return new AuthorizationRule(allow, everyone, anonymous, named, roles, verbs, source);
    }

    /** Tells whether this rule matches every user and every verb: nothing after it can ever be reached. */
    boolean matchesEveryone() {
        return everyone && verbs.isEmpty();
    }

    /**
     * Tells whether this rule applies to {@code user} making a {@code verb} request. Allocates nothing unless a role
     * has to be looked up.
     */
    boolean matches(@Nullable Principal user, boolean authenticated, String verb) {
        if (!verbs.isEmpty() && !containsIgnoringCase(verbs, verb)) {
            return false;
        }
        if (everyone) {
            return true;
        }
        if (!authenticated) {
            return anonymous;
        }
        if (user != null && containsIgnoringCase(users, user.getName())) {
            return true;
        }
        if (!roles.isEmpty() && user instanceof UserPrincipal up) {
            for (int i = 0; i < roles.size(); i++) {
                if (up.isInRole(roles.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsIgnoringCase(List<String> list, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** The rule as written, for diagnostics. */
    @Override
    public String toString() {
        List<String> u = new ArrayList<>();
        if (everyone) {
            u.add("*");
        }
        if (anonymous) {
            u.add("?");
        }
        u.addAll(users);
        StringBuilder sb = new StringBuilder("<").append(allow ? "allow" : "deny");
        if (!u.isEmpty()) {
            sb.append(" users=\"").append(String.join(",", u)).append('"');
        }
        if (!roles.isEmpty()) {
            sb.append(" roles=\"").append(String.join(",", roles)).append('"');
        }
        if (!verbs.isEmpty()) {
            sb.append(" verbs=\"").append(String.join(",", verbs)).append('"');
        }
        return sb.append("/> at ").append(source).toString();
    }
}
