/**
 * For host implementers: how a server hands one HTTP exchange to the runtime.
 *
 * <p>{@link dev.conduit.spi.HostExchange} is the Java counterpart of System.Web's {@code HttpWorkerRequest}: the
 * embedded Netty server, the in-memory test host and any later host adapt their exchange to it, so that the same
 * site runs on all of them. {@link dev.conduit.spi.ResponseHead} is what the runtime sends back before the body.
 */
@NullMarked
package dev.conduit.spi;

import org.jspecify.annotations.NullMarked;
