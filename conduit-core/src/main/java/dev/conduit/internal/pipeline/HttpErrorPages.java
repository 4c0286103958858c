package dev.conduit.internal.pipeline;

import dev.conduit.internal.config.HttpErrorsSettings;
import dev.conduit.internal.config.HttpErrorsSettings.Page;
import dev.conduit.internal.config.MimeTypes;
import dev.conduit.spi.ResponseHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * {@code <system.webServer><httpErrors>} at the end of a request (after customErrors made its page): replaces the
 * body of a response whose status is 400 or more with the configured page, keeping the status (see {@link
 * HttpErrorsSettings} for when). A page that cannot be served (a missing file, a child request that fails or answers
 * 500 or more) leaves the response as it was, with a warning in the log. Costs one comparison per request for a
 * site that configures no {@code <httpErrors>}.
 */
final class HttpErrorPages {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    /** How long a child request for an error page may take. */
    private static final long CHILD_SECONDS = 30;

    private final Site site;
    private final boolean configured;

    HttpErrorPages(Site site) {
        this.site = site;
        this.configured = site.configuration().declares(HttpErrorsSettings.SECTION);
    }

    /** The page that will replace this request's response, or null. */
    @Nullable
    Page pageFor(ConduitContext c) {
        if (!configured) {
            return null;
        }
        ConduitResponse response = c.response();
        int status = response.statusCode();
        if (status < 400 || !response.canReplace() || c.request().exchange() instanceof ChildExchange) {
            return null;
        }
        HttpErrorsSettings s = c.config().get(HttpErrorsSettings.SECTION);
        boolean applies =
                switch (s.errorMode()) {
                    case DETAILED -> false;
                    case DETAILED_LOCAL_ONLY -> !c.request().isLocal();
                    case CUSTOM -> true;
                };
        if (!applies) {
            return null;
        }
        boolean replace =
                switch (s.existingResponse()) {
                    case PASS_THROUGH -> false;
                    case REPLACE -> true;
                    case AUTO -> !response.trySkipIisCustomErrors();
                };
        return replace ? s.pageFor(status) : null;
    }

    /** Whether this request's page runs a child request (which must not start on a network thread). */
    boolean executes(ConduitContext c) {
        Page p = pageFor(c);
        return p != null && p.mode() == HttpErrorsSettings.ResponseMode.EXECUTE_URL;
    }

    /** Replaces the response with its page, when one applies. */
    void apply(ConduitContext c) {
        Page page = pageFor(c);
        if (page == null) {
            return;
        }
        ConduitResponse response = c.response();
        int status = response.statusCode();
        switch (page.mode()) {
            case REDIRECT -> {
                response.reopen();
                response.clear();
                response.redirect(page.path(), false);
            }
            case FILE -> {
                Path file = file(page.path());
                if (file == null) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            () -> page.source() + ": the error page file " + page.path()
                                    + " does not exist in the site folder; the response is left as it was");
                    return;
                }
                replace(response, status);
                response.setContentType(MimeTypes.lookup(
                        c.config().staticContent().mimeTypes(),
                        file.getFileName().toString()));
                response.transmitFile(file);
            }
            case EXECUTE_URL -> execute(c, page, status);
        }
    }

    private void execute(ConduitContext c, Page page, int status) {
        ChildExchange child = new ChildExchange(c.request(), page.path());
        try {
            site.execute(child);
            child.done.get(CHILD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, page.source() + ": the error page " + page.path() + " failed", e);
            return;
        }
        ResponseHead head = child.head();
        if (head == null || head.status() >= 500) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    () -> page.source() + ": the error page " + page.path() + " answered "
                            + (head == null ? "nothing" : head.status()) + "; the response is left as it was");
            return;
        }
        ConduitResponse response = c.response();
        replace(response, status);
        String type = head.headers().getFirst("Content-Type");
        if (type != null) {
            response.setContentType(type);
        }
        response.write(child.body());
    }

    private static void replace(ConduitResponse response, int status) {
        response.reopen();
        response.clear();
        response.setStatusCode(status);
        response.setCharset(null);
        response.setHeader("Cache-Control", "private, no-store");
    }

    /** The site file {@code relative} names, when it exists inside the site folder. */
    private @Nullable Path file(String relative) {
        try {
            Path f = site.siteRoot().resolve(relative).normalize();
            if (!Files.isRegularFile(f) || !f.toRealPath().startsWith(site.realSiteRoot())) {
                return null;
            }
            return f;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
