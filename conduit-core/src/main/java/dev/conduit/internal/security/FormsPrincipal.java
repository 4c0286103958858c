package dev.conduit.internal.security;

import dev.conduit.UserPrincipal;
import dev.conduit.security.RoleProvider;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user signed in with a Forms ticket. Roles come from the site's {@link RoleProvider}, asked at most once, on the
 * first {@link #isInRole} (as System.Web's {@code RolePrincipal}, which also loads roles lazily); without an enabled
 * role manager the user has none.
 *
 * <p>Used by the one request it was made for, on that request's thread, so the role cache needs no locking.
 */
public final class FormsPrincipal implements UserPrincipal {
    private final FormsTicket ticket;
    private final @Nullable RoleProvider roleProvider;
    private @Nullable Set<String> roles;

    FormsPrincipal(FormsTicket ticket, @Nullable RoleProvider roleProvider) {
        this.ticket = ticket;
        this.roleProvider = roleProvider;
    }

    /** The ticket the user signed in with. */
    public FormsTicket ticket() {
        return ticket;
    }

    @Override
    public String getName() {
        return ticket.userName();
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public String authenticationType() {
        return "Forms";
    }

    @Override
    public boolean isInRole(String role) {
        for (String r : roles()) {
            if (r.equalsIgnoreCase(role)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #roles()} may still call site code that can block (a role provider of the site's own). */
    public boolean rolesMayBlock() {
        return roles == null && roleProvider != null && !(roleProvider instanceof ConfigRoleProvider);
    }

    /** The user's roles, asked of the provider on first use. */
    public Set<String> roles() {
        Set<String> r = roles;
        if (r == null) {
            RoleProvider p = roleProvider;
            if (p == null) {
                r = Set.of();
            } else {
                Set<String> given = p.rolesForUser(ticket.userName());
                if (given == null) {
                    throw new IllegalStateException(
                            "role provider " + p.getClass().getName() + " returned null for a user");
                }
                r = Set.copyOf(given);
            }
            roles = r;
        }
        return r;
    }

    @Override
    public String toString() {
        return "FormsPrincipal[" + ticket.userName() + "]";
    }
}
