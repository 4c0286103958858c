package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.PooledHandlerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves {@code .ashx} files, as System.Web's {@code SimpleHandlerFactory}.
 *
 * <p>The file starts with a {@code <%@ WebHandler Class="pkg.Name" %>} directive (see {@link WebHandlerDirective}).
 * This version runs the "code-behind" form: the class comes from the site's {@code bin/*.jar} and the rest of the
 * file is empty. Inline Java source after the directive is compiled from issue #5 on; until then such a file
 * answers 500 with a message that says so. A changed file is parsed again on the next request.
 *
 * <p>Unlike System.Web, which creates a new instance for every request, the class's {@link HttpHandler#isReusable()}
 * is honoured: reusable instances are pooled, one request at a time each (a deliberate difference).
 */
public final class SimpleHandlerFactory implements HttpHandlerFactory {
    private record Parsed(long modified, long size, Class<? extends HttpHandler> type) {}

    private final Map<String, Parsed> files = new ConcurrentHashMap<>();
    private final Map<Class<?>, PooledHandlerFactory> pools = new ConcurrentHashMap<>();

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception {
        Class<? extends HttpHandler> type = typeOf((ConduitContext) context, url, Path.of(physicalPath));
        return pools.computeIfAbsent(type, PooledHandlerFactory::of).getHandler(context, verb, url, physicalPath);
    }

    @Override
    public void releaseHandler(HttpHandler handler) {
        PooledHandlerFactory pool = pools.get(handler.getClass());
        if (pool != null) {
            pool.releaseHandler(handler);
        }
    }

    private Class<? extends HttpHandler> typeOf(ConduitContext context, String url, Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new java.nio.file.NoSuchFileException(url);
        }
        long modified = attrs.lastModifiedTime().toMillis();
        Parsed p = files.get(url);
        if (p != null && p.modified() == modified && p.size() == attrs.size()) {
            return p.type();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        WebHandlerDirective directive = WebHandlerDirective.parse(url, text);
        if (!directive.source().isBlank()) {
            throw new HttpException(
                    500,
                    "Compiling inline Java source in " + url + " is not available in this version of Conduit; compile"
                            + " the class " + directive.className() + " into a jar in bin/ and leave only the"
                            + " directive in the file.");
        }
        Class<?> c;
        try {
            c = HandlerTypes.load(directive.className(), context.site().classLoader());
        } catch (IllegalArgumentException e) {
            throw new HttpException(500, "Parser error in " + url + ": " + e.getMessage(), e);
        }
        if (!HttpHandler.class.isAssignableFrom(c)) {
            throw new HttpException(
                    500,
                    "Parser error in " + url + ": " + c.getName() + " does not implement"
                            + " dev.conduit.HttpHandler.");
        }
        @SuppressWarnings("unchecked")
        Class<? extends HttpHandler> type = (Class<? extends HttpHandler>) c;
        files.put(url, new Parsed(modified, attrs.size(), type));
        return type;
    }
}
