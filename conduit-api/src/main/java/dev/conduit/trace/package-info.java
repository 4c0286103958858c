/**
 * Request tracing, as System.Web's {@code Trace}: {@link dev.conduit.trace.TraceContext} is what handlers and
 * modules write to; the runtime keeps the records of recent requests for {@code trace.axd}.
 */
@NullMarked
package dev.conduit.trace;

import org.jspecify.annotations.NullMarked;
