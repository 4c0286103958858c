package dev.conduit;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user making a request, with roles: the Java form of System.Web's {@code IPrincipal} with its {@code
 * IIdentity}. After authentication has run, {@link HttpContext#user()} is never {@code null}: a request nobody
 * authenticated gets {@link #anonymous()}, as System.Web's DefaultAuthentication module arranges.
 */
public interface UserPrincipal extends Principal {

    /** Tells whether the user was authenticated (false for {@link #anonymous()}). */
    boolean isAuthenticated();

    /** How the user was authenticated, for example {@code Forms}; empty when anonymous. */
    String authenticationType();

    /** Tells whether the user has {@code role} (roles compare ignoring case). */
    boolean isInRole(String role);

    /** The anonymous user: empty name, not authenticated, no roles. */
    static UserPrincipal anonymous() {
        return Anonymous.INSTANCE;
    }

    /** An authenticated user with a fixed set of roles. */
    static UserPrincipal of(String name, String authenticationType, Set<String> roles) {
        return new Authenticated(name, authenticationType, Set.copyOf(roles));
    }

    /** The anonymous user. */
    enum Anonymous implements UserPrincipal {
        INSTANCE;

        @Override
        public String getName() {
            return "";
        }

        @Override
        public boolean isAuthenticated() {
            return false;
        }

        @Override
        public String authenticationType() {
            return "";
        }

        @Override
        public boolean isInRole(String role) {
            return false;
        }

        /** Reads {@code anonymous} in logs and string concatenations (the name itself is empty). */
        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /**
     * An authenticated user.
     *
     * @param name the user name
     * @param authenticationType how the user was authenticated
     * @param roles the user's roles
     */
    record Authenticated(String name, String authenticationType, Set<String> roles) implements UserPrincipal {
        /** Rejects an empty name: an authenticated user has one. */
        public Authenticated {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an authenticated user needs a name");
            }
            roles = Set.copyOf(roles);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isAuthenticated() {
            return true;
        }

        /** The name, then how the user signed in and the roles: {@code ada (Forms; roles: admin)}. */
        @Override
        public String toString() {
            return name + " (" + authenticationType
                    + (roles.isEmpty() ? "" : "; roles: " + String.join(", ", new TreeSet<>(roles))) + ")";
        }

        @Override
        public boolean isInRole(String role) {
            for (String r : roles) {
                if (r.equalsIgnoreCase(role)) {
                    return true;
                }
            }
            return false;
        }
    }
}
