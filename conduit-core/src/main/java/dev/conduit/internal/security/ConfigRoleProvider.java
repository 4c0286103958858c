package dev.conduit.internal.security;

import dev.conduit.security.RoleProvider;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in role provider: the roles listed in {@code <roleManager><roles>}, as {@code <add name="admin"
 * users="alice,bob"/>}. User names compare ignoring case. Immutable.
 */
final class ConfigRoleProvider implements RoleProvider {
    private final Map<String, Set<String>> rolesByUser;

    /** A provider over {@code rolesByUser}: user name in lower case to its roles. */
    ConfigRoleProvider(Map<String, Set<String>> rolesByUser) {
        Map<String, Set<String>> copy = new HashMap<>();
        rolesByUser.forEach((user, roles) -> copy.put(user, Set.copyOf(roles)));
        this.rolesByUser = Map.copyOf(copy);
    }

    @Override
    public Set<String> rolesForUser(String userName) {
        return rolesByUser.getOrDefault(userName.toLowerCase(Locale.ROOT), Set.of());
    }
}
