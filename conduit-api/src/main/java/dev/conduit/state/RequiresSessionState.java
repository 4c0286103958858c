package dev.conduit.state;

/**
 * Marks a handler that reads and writes session state, as System.Web's {@code IRequiresSessionState}. Requests of
 * one session to such handlers run one at a time: the session is locked from AcquireRequestState to
 * ReleaseRequestState. A handler without this marker (or {@link ReadOnlySessionState}) gets no session.
 */
public interface RequiresSessionState {}
