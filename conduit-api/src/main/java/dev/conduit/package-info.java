/**
 * The handler model: what a site's code implements and calls.
 *
 * <p>Start with {@link dev.conduit.HttpHandler} (a synchronous handler that may block), {@link
 * dev.conduit.HttpAsyncHandler} (completes a {@link java.util.concurrent.CompletionStage} and holds no thread
 * while it waits), {@link dev.conduit.HttpHandlerFactory} (picks a handler per request), and {@link
 * dev.conduit.HttpContext}, which gives a handler its {@link dev.conduit.HttpRequest} and {@link
 * dev.conduit.HttpResponse}.
 *
 * <p>The semantics mirror System.Web's {@code IHttpHandler}, {@code IHttpAsyncHandler} and {@code
 * IHttpHandlerFactory}; where Conduit differs on purpose, the type's Javadoc says so.
 */
@NullMarked
package dev.conduit;

import org.jspecify.annotations.NullMarked;
