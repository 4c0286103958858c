/**
 * Session state (spec §6): the per-request lock, wait and save logic, the in-process store, session ids.
 *
 * <p>Start with {@link dev.conduit.internal.session.SessionRequest} (one request's session from AcquireRequestState
 * to its release), {@link dev.conduit.internal.session.SessionStateRuntime} (one site's settings and store), {@link
 * dev.conduit.internal.session.InProcSessionStore} (the default store, with waiter queues and expiry) and {@link
 * dev.conduit.internal.session.SessionIds}. The module is {@link dev.conduit.internal.modules.SessionStateModule}; the public face is the
 * {@link dev.conduit.spi.SessionStore} SPI.
 */
@NullMarked
package dev.conduit.internal.session;

import org.jspecify.annotations.NullMarked;
