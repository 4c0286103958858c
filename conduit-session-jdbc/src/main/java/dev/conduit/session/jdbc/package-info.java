/**
 * Session state in PostgreSQL (or H2): {@link dev.conduit.session.jdbc.JdbcSessionStore}, a {@link
 * dev.conduit.spi.SessionStore} with ASP.NET SQL state's locking for sites that run on several instances.
 */
@NullMarked
package dev.conduit.session.jdbc;

import org.jspecify.annotations.NullMarked;
