package dev.conduit.internal.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.internal.compilation.CompiledClassLoader;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.PooledHandlerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves {@code .ashx} files, as System.Web's {@code SimpleHandlerFactory}.
 *
 * <p>The file starts with a {@code <%@ WebHandler Class="pkg.Name" %>} directive (see {@link WebHandlerDirective}).
 * Java source after it is compiled on the first request (see {@link
 * dev.conduit.internal.compilation.SourceCompiler}: in memory, cached on disk by content, so a restart does not
 * compile again); with only the directive, the class comes from the site's {@code bin/*.jar} ("code-behind").
 *
 * <p><b>Changes.</b> Each request checks the file's modification time and size; a changed file is parsed and
 * compiled again, under a new class loader, and the next request uses the new class while requests in flight finish
 * on the old one. Concurrent first requests for one file compile it once: the others wait for that compilation.
 *
 * <p>Unlike System.Web, which creates a new instance for every request, the class's {@link
 * HttpHandler#isReusable()} is honoured: reusable instances are pooled, one request at a time each (a deliberate
 * difference).
 */
public final class SimpleHandlerFactory implements HttpHandlerFactory {
    private record Parsed(long modified, long size, Class<? extends HttpHandler> type) {}

    private final Map<String, Parsed> files = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
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
            throw new NoSuchFileException(url);
        }
        Parsed p = files.get(url);
        if (p != null && p.modified() == attrs.lastModifiedTime().toMillis() && p.size() == attrs.size()) {
            return p.type();
        }
        ReentrantLock lock = locks.computeIfAbsent(url, k -> new ReentrantLock());
        lock.lock();
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().toMillis();
            p = files.get(url);
            if (p != null && p.modified() == modified && p.size() == attrs.size()) {
                return p.type();
            }
            Class<? extends HttpHandler> type = load(context, url, Files.readString(file, StandardCharsets.UTF_8));
            files.put(url, new Parsed(modified, attrs.size(), type));
            if (p != null && p.type() != type) {
                pools.remove(p.type()); // instances of the old class in flight are dropped on release
            }
            return type;
        } finally {
            lock.unlock();
        }
    }

    private static Class<? extends HttpHandler> load(ConduitContext context, String url, String text) {
        WebHandlerDirective directive = WebHandlerDirective.parse(url, text);
        ClassLoader loader = context.site().classLoader();
        if (!directive.source().isBlank()) {
            var compiled = context.site().compiler().compile(url, directive.source(), directive.sourceLine());
            loader = new CompiledClassLoader(compiled, loader);
        }
        Class<?> c;
        try {
            c = Class.forName(HandlerTypes.javaName(directive.className()), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new HttpException(
                    500,
                    "Parser error in " + url + ": the class '" + directive.className()
                            + "' named by the directive was not found"
                            + (directive.source().isBlank() ? " in bin/*.jar" : " in the file") + ".",
                    e);
        }
        if (!HttpHandler.class.isAssignableFrom(c)) {
            throw new HttpException(
                    500,
                    "Parser error in " + url + ": " + c.getName() + " does not implement"
                            + " dev.conduit.HttpHandler.");
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new HttpException(
                    500,
                    "Parser error in " + url + ": " + c.getName() + " needs a public constructor without parameters.");
        }
        @SuppressWarnings("unchecked")
        Class<? extends HttpHandler> type = (Class<? extends HttpHandler>) c;
        return type;
    }
}
