package dev.conduit.state;

/** Overrides the handler's session markers for one request ({@code HttpContext.setSessionStateBehavior}). */
public enum SessionStateBehavior {
    /** Use the handler's marker interfaces. */
    DEFAULT,
    /** Read/write session, locked. */
    REQUIRED,
    /** Read-only session, not locked. */
    READ_ONLY,
    /** No session. */
    DISABLED
}
