/**
 * Conduit's built-in handlers, mapped by the built-in root configuration and usable by name in any web.config.
 *
 * <p>Start with {@link dev.conduit.handlers.StaticFileHandler} (files with conditional GET, ranges and ETags),
 * {@link dev.conduit.handlers.SimpleHandlerFactory} ({@code .ashx} files) and {@link
 * dev.conduit.handlers.ForbiddenHandler} (for extensions that must never be served). Each accepts its System.Web
 * name as an alias (for example {@code System.Web.HttpForbiddenHandler}).
 */
@NullMarked
package dev.conduit.handlers;

import org.jspecify.annotations.NullMarked;
