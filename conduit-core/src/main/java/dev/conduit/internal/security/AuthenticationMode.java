package dev.conduit.internal.security;

/** {@code <authentication mode>}. */
public enum AuthenticationMode {
    /** No authentication module acts: every request is anonymous unless a site module sets a user. */
    NONE,
    /** Tickets in a cookie, issued by {@code FormsAuthentication.signIn}. */
    FORMS,
    /**
     * Accepted so that ASP.NET web.configs load, but Conduit has no Windows authentication: it acts as {@link #NONE}.
     * Every request stays anonymous, so rules that deny {@code ?} still deny (fail closed).
     */
    WINDOWS
}
