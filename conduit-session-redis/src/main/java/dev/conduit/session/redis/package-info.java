/**
 * Session state in Redis: {@link dev.conduit.session.redis.RedisSessionStore}, a {@link dev.conduit.spi.SessionStore}
 * with ASP.NET's exclusive locking for sites that run on several instances.
 */
@NullMarked
package dev.conduit.session.redis;

import org.jspecify.annotations.NullMarked;
