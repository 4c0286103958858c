/**
 * The request pipeline: the context, request and response implementations and the step runner.
 *
 * <p>Start with {@link dev.conduit.internal.pipeline.RequestExecution} (runs the steps of one request, pausing
 * without a thread while an async handler is pending), {@link dev.conduit.internal.pipeline.ConduitContext}, {@link
 * dev.conduit.internal.pipeline.ConduitResponse} (buffering, streaming past the buffer limit, HEAD) and {@link
 * dev.conduit.internal.pipeline.RequestTarget} (strict path decoding and normalization).
 */
@NullMarked
package dev.conduit.internal.pipeline;

import org.jspecify.annotations.NullMarked;
