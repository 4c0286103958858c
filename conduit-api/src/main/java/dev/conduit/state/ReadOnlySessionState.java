package dev.conduit.state;

/**
 * Marks a handler that only reads session state, as System.Web's {@code IReadOnlySessionState}: it takes no lock,
 * runs alongside other read-only requests of the session, waits behind a writer, and its changes are not saved.
 */
public interface ReadOnlySessionState extends RequiresSessionState {}
