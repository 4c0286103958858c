/**
 * For host and store implementers: how a server hands one HTTP exchange to the runtime, and where session state
 * lives.
 *
 * <p>{@link dev.conduit.spi.HostExchange} is the Java counterpart of System.Web's {@code HttpWorkerRequest}: the
 * embedded Netty server, the in-memory test host and any later host adapt their exchange to it, so that the same
 * site runs on all of them. {@link dev.conduit.spi.ResponseHead} is what the runtime sends back before the body.
 *
 * <p>{@link dev.conduit.spi.SessionStore} is the counterpart of {@code SessionStateStoreProviderBase}: the built-in
 * in-process store implements it, and so can a Redis or SQL store named in {@code <sessionState mode="Custom">}. It
 * keeps {@link dev.conduit.spi.SessionData} and answers lookups with a {@link dev.conduit.spi.SessionLookup}.
 */
@NullMarked
package dev.conduit.spi;

import org.jspecify.annotations.NullMarked;
