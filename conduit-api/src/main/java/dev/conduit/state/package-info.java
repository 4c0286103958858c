/**
 * Application and session state. Start with {@link dev.conduit.state.HttpApplicationState} (one per application,
 * {@code Application[...]}), {@link dev.conduit.state.HttpSessionState} (one per user session) and the marker
 * interfaces {@link dev.conduit.state.RequiresSessionState} and {@link dev.conduit.state.ReadOnlySessionState} that
 * ask for a session.
 */
@NullMarked
package dev.conduit.state;

import org.jspecify.annotations.NullMarked;
