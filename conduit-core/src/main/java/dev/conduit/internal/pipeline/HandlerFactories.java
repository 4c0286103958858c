package dev.conduit.internal.pipeline;

import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.internal.mapping.HandlerMapping;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One factory per handler type string, for the life of the application, as System.Web's {@code _handlerFactories}
 * (keyed by the type text exactly as written): a factory type is created once; a handler type gets a {@link
 * PooledHandlerFactory}.
 */
final class HandlerFactories {
    private final ClassLoader loader;
    private final ConcurrentHashMap<String, HttpHandlerFactory> factories = new ConcurrentHashMap<>();
    /**
     * What {@link #forMapping} answered last. Plain: a {@link Last} is immutable (final fields), so a thread that sees
     * another's sees it whole, and one that sees an older one or none only looks in the map.
     */
    private @Nullable Last last;

    HandlerFactories(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The factory for {@code mapping}'s type.
     *
     * @throws IllegalStateException naming the entry's file and line when the type cannot be used (possible only
     *     for {@code validate="false"} entries; the others were checked at start)
     */
    HttpHandlerFactory forMapping(HandlerMapping mapping) {
        Last last = this.last;
        if (last != null && last.type == mapping.type()) {
            return last.factory; // most requests of a site map to the type the one before mapped to
        }
        HttpHandlerFactory f = factories.get(mapping.type());
        if (f == null) {
            f = factories.computeIfAbsent(mapping.type(), t -> create(mapping));
        }
        this.last = new Last(mapping.type(), f);
        return f;
    }

    /** The type (the mapping's own string, compared by identity) and factory {@link #forMapping} last answered. */
    private record Last(String type, HttpHandlerFactory factory) {}

    @SuppressWarnings("unchecked")
    private HttpHandlerFactory create(HandlerMapping mapping) {
        Class<?> c;
        try {
            c = HandlerTypes.load(mapping.type(), loader);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Configuration error at " + mapping.source() + ": " + e.getMessage(), e);
        }
        if (HttpHandlerFactory.class.isAssignableFrom(c)) {
            try {
                return (HttpHandlerFactory) c.getConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(
                        "handler factory " + c.getName() + " failed in its constructor: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create handler factory " + c.getName() + ": " + e, e);
            }
        }
        return new PooledHandlerFactory((Class<? extends HttpHandler>) c);
    }
}
