package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.config.PipelineMode;
import dev.conduit.internal.mapping.AccessPolicy;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.MappingTable;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The MAP_HANDLER step (spec §2.4, §5.4): a handler set with {@code remapHandler} wins; else a folder request is given
 * its default document; then the first mapping entry that matches the verb and file path names a type, whose factory
 * hands out the handler.
 *
 * <p>On the network thread the step runs only as far as it cannot block: finding a default document reads the
 * folder, and a factory may be the site's own (or construct a synchronous handler; an idle pooled instance is taken
 * here, {@link IdleHandlers}). When it gets there it says so ({@link #map} returns false) and the runner moves the
 * request to a thread that may block ({@link #typeToConstruct} says for which handler class, when that is all that is
 * left), where the step runs again from the start: a table lookup, repeated cheaply, instead of state kept between
 * the two runs.
 */
final class HandlerMapper {
    private final Site site;

    HandlerMapper(Site site) {
        this.site = site;
    }

    /**
     * Maps the request to its handler and records where it came from in {@code obtained}.
     *
     * @param mayBlock whether this thread may block
     * @return false when the step needs a thread that may block and did nothing (only when {@code mayBlock} is false)
     * @throws HttpException 404 for a hidden segment or a missing file a factory reports, 500 when nothing maps
     */
    boolean map(ConduitContext c, boolean mayBlock, ObtainedHandlers obtained) throws Exception {
        ConduitRequest r = c.request();
        if (RequestPaths.hasHiddenSegment(r.path())) {
            throw new HttpException(404, "The resource cannot be found.");
        }
        HttpHandler remapped = c.remappedHandler();
        if (remapped != null) {
            c.setHandler(remapped);
            return true;
        }
        if (wantsDefaultDocument(c)) {
            if (!mayBlock) {
                return false;
            }
            applyDefaultDocument(c);
        }
        String verb = r.requestType();
        String filePath = r.filePath();
        MappingTable table = c.config().handlers();
        HandlerMapping mapping = table.find(verb, filePath, site.resources());
        if (mapping == null) {
            if (c.config().pipelineMode() == PipelineMode.INTEGRATED) {
                // IIS: nothing maps the request (typically a StaticFile entry with resourceType and no such file).
                throw new HttpException(404, "The resource cannot be found.");
            }
            throw new HttpException(
                    500, "No http handler was found for request type '" + verb + "' and path '" + filePath + "'.");
        }
        if (mapping.requireAccess() != AccessPolicy.Access.NONE) {
            String denied = table.accessPolicy().denial(mapping.requireAccess(), r.isLocal());
            if (denied != null) {
                throw new HttpException(403, denied);
            }
        }
        HttpHandlerFactory factory = site.factories().forMapping(mapping);
        if (!mayBlock && factory instanceof IdleHandlers pool) {
            // An idle instance (of a synchronous handler too) is taken here; only running it may need to move.
            HttpHandler h = pool.takeWithoutBlocking(c);
            if (h == null) {
                return false;
            }
            obtained.add(factory, h);
            c.setHandler(h);
            return true;
        }
        if (!mayBlock && !(factory instanceof NonBlocking nb && !nb.mayBlock(c.handle()))) {
            return false;
        }
        HttpHandler handler;
        try {
            // The runtime's own pool needs no physical path: not building one saves a Path per request.
            handler = factory instanceof PooledHandlerFactory pooled
                    ? pooled.take(c)
                    : factory.getHandler(c.handle(), verb, filePath, r.physicalPath());
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new HttpException(404, "The resource cannot be found.", e);
        }
        if (handler != null) {
            obtained.add(factory, handler);
        }
        c.setHandler(handler);
        return true;
    }

    /**
     * After {@link #map} said it needs a thread that may block: the class of the handler it would construct, when that
     * is all it needs (no folder to read, no file to compile), else null.
     */
    @Nullable
    Class<?> typeToConstruct(ConduitContext c) {
        if (c.remappedHandler() != null || wantsDefaultDocument(c)) {
            return null;
        }
        ConduitRequest r = c.request();
        HandlerMapping mapping = c.config().handlers().find(r.requestType(), r.filePath(), site.resources());
        if (mapping == null) {
            return null;
        }
        return site.factories().forMapping(mapping) instanceof IdleHandlers pool ? pool.handlerType(c) : null;
    }

    /**
     * Whether the request maps to a managed handler (integrated mode runs {@code managedHandler} modules only then): a
     * remapped handler or a folder's default document counts as one (the document is mapped after the modules ran,
     * and IIS runs them for it too, in its child request); otherwise the entry the request maps to now says.
     */
    boolean mapsToManagedHandler(ConduitContext c) {
        if (c.remappedHandler() != null || wantsDefaultDocument(c)) {
            return true;
        }
        ConduitRequest r = c.request();
        HandlerMapping m = c.config().handlers().find(r.requestType(), r.filePath(), site.resources());
        return m != null && m.managed();
    }

    private static boolean wantsDefaultDocument(ConduitContext c) {
        ConduitRequest r = c.request();
        return r.filePath().endsWith("/")
                && r.pathInfo().isEmpty()
                && c.config().staticContent().defaultDocumentsEnabled();
    }

    /** A request for a folder (ending in '/') is served its first existing default document, as IIS does. */
    private static void applyDefaultDocument(ConduitContext c) {
        ConduitRequest r = c.request();
        Path folder = r.physicalFile();
        for (String doc : c.config().staticContent().defaultDocuments()) {
            if (Files.isRegularFile(folder.resolve(doc))) {
                r.rewriteFilePath(r.filePath() + doc);
                c.resetConfig();
                return;
            }
        }
    }
}
