package dev.conduit.internal.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.feature.SimpleHandlerFile;
import dev.conduit.internal.compilation.CompiledClassLoader;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.FileChanges;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.IdleHandlers;
import dev.conduit.internal.pipeline.PooledHandlerFactory;
import dev.conduit.internal.pipeline.SiteServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code .ashx} files, as System.Web's {@code SimpleHandlerFactory}.
 *
 * <p>The file starts with a {@code <%@ WebHandler Class="pkg.Name" %>} directive (see {@link dev.conduit.feature.SimpleHandlerFile}).
 * Java source after it is compiled on the first request (see {@link
 * dev.conduit.internal.compilation.SourceCompiler}: in memory, cached on disk by content, so a restart does not
 * compile again); with only the directive, the class comes from the site's {@code bin/*.jar} ("code-behind").
 *
 * <p><b>Changes.</b> A changed file is parsed and compiled again, under a new class loader, and the next request uses
 * the new class while requests in flight finish on the old one. Where the site watcher reports changes to the file
 * ({@link FileChanges#covers}), a request costs no file access at all, as a compiled handler's does, and mapping to an
 * asynchronous {@code .ashx} stays on the network thread; elsewhere each request checks the file's modification
 * time and size. Concurrent first requests for one file compile it once: the others wait for that compilation.
 *
 * <p>Unlike System.Web, which creates a new instance for every request, the class's {@link
 * HttpHandler#isReusable()} is honoured: reusable instances are pooled, one request at a time each (a deliberate
 * difference).
 */
public final class SimpleHandlerFactory implements HttpHandlerFactory, IdleHandlers {
    /**
     * The pool of each compiled class, kept in the class itself (a {@link ClassValue}): when a changed file's new class
     * replaces the old one, nothing here keeps the old class, its pool or its class loader alive once the last request
     * in flight on it has released its handler. (A map keyed by class kept every class ever compiled.)
     */
    private final ClassValue<PooledHandlerFactory> pools = new ClassValue<>() {
        @Override
        protected PooledHandlerFactory computeValue(Class<?> type) {
            return PooledHandlerFactory.of(type);
        }
    };

    /** The files of the site last served (see {@link #compiledFiles}); plain, as a {@link SiteFiles} is immutable. */
    private @Nullable SiteFiles last;

    /**
     * On a network thread: an instance for a file already compiled whose changes are reported (an idle one, or a new
     * one of an asynchronous class); null when anything else is needed (reading, compiling, a synchronous handler's
     * constructor), and the request moves to a thread that may block.
     */
    @Override
    public @Nullable HttpHandler takeWithoutBlocking(ConduitContext c) throws Exception {
        Parsed p = compiledFiles(c.site()).get(c.request().filePath());
        if (p == null || !p.notified()) {
            return null;
        }
        return pools.get(p.type()).takeWithoutBlocking(c);
    }

    @Override
    public @Nullable Class<?> handlerType(ConduitContext c) {
        Parsed p = compiledFiles(c.site()).get(c.request().filePath());
        return p == null || !p.notified() ? null : p.type();
    }

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception {
        Class<? extends HttpHandler> type = typeOf(ConduitContext.of(context), url, physicalPath);
        return pools.get(type).getHandler(context, verb, url, physicalPath);
    }

    @Override
    public void releaseHandler(HttpHandler handler) {
        pools.get(handler.getClass()).releaseHandler(handler);
    }

    @Override
    public PooledHandlerFactory poolOf(HttpHandler handler) {
        return pools.get(handler.getClass());
    }

    /**
     * The site's compiled files: looked up in the site's features once, then kept (a factory serves one site, and the
     * lookup was a map read on every request).
     */
    private CompiledFiles compiledFiles(SiteServices site) {
        SiteFiles last = this.last;
        if (last != null && last.site() == site) {
            return last.files();
        }
        CompiledFiles files = CompiledFiles.of(site);
        this.last = new SiteFiles(site, files);
        return files;
    }

    /** A site and its compiled files: immutable, so that a thread that reads {@link #last} sees both. */
    private record SiteFiles(SiteServices site, CompiledFiles files) {}

    private Class<? extends HttpHandler> typeOf(ConduitContext context, String url, String physicalPath)
            throws IOException {
        CompiledFiles known = compiledFiles(context.site());
        Parsed p = known.get(url);
        if (p != null && p.notified()) {
            return p.type();
        }
        Path file = Path.of(physicalPath);
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new NoSuchFileException(url);
        }
        if (p != null && !p.covered() && p.matches(attrs)) {
            return p.type(); // not watched: the stat decides, as on every request
        }
        ReentrantLock lock = known.locks.computeIfAbsent(url, k -> new ReentrantLock());
        lock.lock();
        try {
            long seen = known.changes.count();
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
            p = known.get(url);
            if (p != null && (p.notified() || !p.covered() && p.matches(attrs))) {
                return p.type();
            }
            // A first request, or a change was reported: the content decides (an edit may keep size and time).
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Class<? extends HttpHandler> type =
                    p != null && p.text().equals(text) ? p.type() : load(context, url, text);
            known.put(
                    url,
                    new Parsed(file, attrs.lastModifiedTime().toMillis(), attrs.size(), text, type, false, false),
                    seen);
            return type;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One compiled file.
     *
     * @param text the file as compiled: after a reported change, an unchanged text keeps the class
     * @param covered whether the file's changes are reported ({@link FileChanges#covers})
     * @param notified whether the entry is current without a check: covered, and no change reported since it was made
     */
    private record Parsed(
            Path file,
            long modified,
            long size,
            String text,
            Class<? extends HttpHandler> type,
            boolean covered,
            boolean notified) {
        boolean matches(BasicFileAttributes attrs) {
            return attrs.lastModifiedTime().toMillis() == modified && attrs.size() == size;
        }

        Parsed notified(boolean on) {
            return new Parsed(file, modified, size, text, type, covered, on);
        }
    }

    /**
     * The site's compiled {@code .ashx} files by URL, kept current by change notifications: a site feature, so that it
     * stops listening when the site stops.
     */
    private static final class CompiledFiles implements AutoCloseable {
        private final Map<String, Parsed> files = new ConcurrentHashMap<>();
        private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        private final FileChanges changes;
        private final Consumer<Path> onChange = this::changed;

        private CompiledFiles(FileChanges changes) {
            this.changes = changes;
            changes.subscribe(onChange);
        }

        static CompiledFiles of(SiteServices site) {
            return site.feature(CompiledFiles.class, s -> new CompiledFiles(s.fileChanges()));
        }

        @Nullable
        Parsed get(String url) {
            return files.get(url);
        }

        /**
         * Stores a file just compiled; it is trusted without checks only when its changes are reported and none was
         * reported since {@code seen} (one might have been about this file, before the entry existed).
         */
        void put(String url, Parsed p, long seen) {
            boolean covered = changes.covers(p.file());
            files.put(url, new Parsed(p.file(), p.modified(), p.size(), p.text(), p.type(), covered, covered));
            if (covered && changes.count() != seen) {
                files.computeIfPresent(url, (k, v) -> v.notified(false));
            }
        }

        /** The watcher's thread: the entries of a changed file (or of every file under a changed folder) are checked. */
        private void changed(Path changed) {
            files.replaceAll((url, p) -> p.notified() && p.file().startsWith(changed) ? p.notified(false) : p);
        }

        @Override
        public void close() {
            changes.unsubscribe(onChange);
        }
    }

    private static Class<? extends HttpHandler> load(ConduitContext context, String url, String text) {
        SimpleHandlerFile directive = SimpleHandlerFile.parse(url, text, "WebHandler");
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
