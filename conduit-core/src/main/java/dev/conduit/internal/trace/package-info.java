/**
 * Request tracing and the trace.axd viewer. Start with {@link dev.conduit.internal.trace.RequestTrace} (one
 * request's messages and step timings), {@link dev.conduit.internal.trace.TraceStore} (the recent requests, as
 * {@code requestLimit} and {@code mostRecent} say) and {@link dev.conduit.internal.trace.TracePages} (the HTML and
 * JSON views).
 */
@NullMarked
package dev.conduit.internal.trace;

import org.jspecify.annotations.NullMarked;
