package dev.conduit.internal.security;

import static dev.conduit.internal.security.SectionChecks.attribute;
import static dev.conduit.internal.security.SectionChecks.checkAttributes;
import static dev.conduit.internal.security.SectionChecks.isCookieName;
import static dev.conduit.internal.security.SectionChecks.names;
import static dev.conduit.internal.security.SectionChecks.problem;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.internal.security.SectionChecks.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and checks {@code <authorization>}: {@code <allow>} and {@code <deny>} lines with users, roles and verbs. */
public final class AuthorizationSection {
    private AuthorizationSection() {}

    /** Checks one {@code <authorization>} occurrence. */
    public static void check(ConfigElement element, List<Problem> problems) {
        read(element, problems);
    }

    /** The rules of one occurrence, in document order. */
    public static List<AuthorizationRule> read(ConfigElement element, List<Problem> problems) {
        checkAttributes(element, Set.of(), problems);
        List<AuthorizationRule> rules = new ArrayList<>();
        for (ConfigElement line : element.children()) {
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
}
