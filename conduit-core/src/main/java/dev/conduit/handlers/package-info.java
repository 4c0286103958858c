/**
 * Conduit's built-in handlers that are written against the public API alone (the build checks it), mapped by the
 * built-in root configuration and usable by name in any web.config: {@link dev.conduit.handlers.ForbiddenHandler}
 * (for extensions that must never be served), {@link dev.conduit.handlers.NotFoundHandler}, {@link
 * dev.conduit.handlers.MethodNotAllowedHandler} and {@link dev.conduit.handlers.NotImplementedHandler}. Each accepts
 * its System.Web name as an alias (for example {@code System.Web.HttpForbiddenHandler}). The static file handler,
 * the {@code .ashx} factory and trace.axd are the runtime's own ({@code dev.conduit.internal.handlers}), named by
 * their System.Web names.
 */
@NullMarked
package dev.conduit.handlers;

import org.jspecify.annotations.NullMarked;
