package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpUtility;
import dev.conduit.MethodNotAllowedException;
import dev.conduit.feature.CompilationException;
import dev.conduit.internal.config.CustomErrorsSettings;
import dev.conduit.internal.config.MimeTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The response to a request that ended in error: a server error logged once, then the page {@code <customErrors>}
 * chooses (spec §5.6), or the built-in page, as System.Web's default error formatter.
 *
 * <p>The built-in page: local requests see the exception type, message and stack trace (for a 4xx {@link
 * HttpException} without a cause, just its message). Remote requests see the status and, for 4xx statuses of an
 * {@link HttpException}, its message (written for clients: "Maximum request length exceeded."); never a stack trace, a
 * type name or the message of an unexpected exception. Everything is HTML-encoded.
 */
final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private final Site site;

    ErrorResponses(Site site) {
        this.site = site;
    }

    /**
     * Replaces the response with the one for {@code error}, as {@code <customErrors>} says: details when custom
     * errors do not apply to this client (mode Off, or RemoteOnly and a local request); otherwise the configured page
     * for the status (a 302 to it with {@code ?aspxerrorpath=}, or with ResponseRewrite its content in place under the
     * original status), or the generic page when there is none, when the request already is an error-page request, or
     * when the page cannot be served. A 5xx is logged first, once.
     */
    void respond(ConduitContext c, Throwable error) {
        logIfServerError(c, error);
        ConduitResponse response = c.response();
        ConduitRequest request = c.request();
        CustomErrorsSettings settings = CustomErrorsSettings.of(c.config());
        if (!settings.customFor(request.isLocal())) {
            render(response, error, true);
            return;
        }
        int status = statusOf(error);
        String page = settings.pageFor(status);
        if (page == null || request.queryString().contains("aspxerrorpath")) {
            render(response, error, false);
            return;
        }
        String target = page.startsWith("~/") ? page.substring(1) : page;
        boolean absolute =
                target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
        if (!absolute && !target.startsWith("/")) {
            target = "/" + target;
        }
        if (!settings.rewrite() || absolute) {
            String location = target.indexOf('?') >= 0
                    ? target
                    : target + "?aspxerrorpath=" + HttpUtility.urlEncode(request.path());
            response.clear();
            response.redirect(location, false);
            return;
        }
        Path file = errorPageFile(target);
        if (file == null || target.equals(request.path())) {
            render(response, error, false);
            return;
        }
        response.clear();
        response.setStatusCode(status);
        response.setContentType(MimeTypes.lookup(
                c.config().staticContent().mimeTypes(), file.getFileName().toString()));
        response.setCharset(null);
        response.setHeader("Cache-Control", "private, no-store");
        response.transmitFile(file);
    }

    /** Logs a server error (5xx) with the request line; client errors are the client's business. */
    static void logIfServerError(ConduitContext c, Throwable error) {
        if (error instanceof ClientGoneException) {
            LOG.log(
                    System.Logger.Level.INFO,
                    () -> c.request().httpMethod() + " " + c.request().rawUrl() + ": " + error.getMessage());
            return;
        }
        if (statusOf(error) >= 500) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    () -> "error serving " + c.request().httpMethod() + " "
                            + c.request().rawUrl(),
                    error);
        }
    }

    /** The static file behind an error page path, if it is one the site may serve; else {@code null}. */
    private @Nullable Path errorPageFile(String target) {
        try {
            String path = RequestTarget.parse(target).path();
            if (RequestPaths.hasHiddenSegment(path) || path.contains("/.") || path.endsWith("/")) {
                return null;
            }
            Path file = site.siteRoot().resolve(path.substring(1));
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(site.realSiteRoot())) {
                return null;
            }
            return file;
        } catch (HttpException | IOException e) {
            return null;
        }
    }

    /** The status an error answers with: an HttpException's own, else 500. */
    static int statusOf(Throwable error) {
        return error instanceof HttpException he ? he.statusCode() : 500;
    }

    /** Replaces the response with the built-in error page for {@code error}. */
    static void render(ConduitResponse response, Throwable error, boolean detailed) {
        int status = statusOf(error);
        response.clear();
        response.setStatusCode(status);
        response.setContentType("text/html");
        response.setCharset(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "private, no-store");
        if (status == 405 && error instanceof MethodNotAllowedException mna) {
            response.setHeader("Allow", mna.allow());
        }
        response.write(page(status, error, detailed));
    }

    static String page(int status, Throwable error, boolean detailed) {
        String title = title(status);
        String message = error.getMessage() == null ? "" : error.getMessage();
        boolean clientMessage = error instanceof HttpException && status < 500;
        StringBuilder sb = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(HttpUtility.htmlEncode(title))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                        + "h1{font-size:1.4em;color:#a00}h2{font-size:1.1em;font-weight:normal;font-style:italic}"
                        + "pre{background:#fffbe6;border:1px solid #e5d9a0;padding:1em;overflow:auto;font-size:.85em}"
                        + "</style></head><body>\n")
                .append("<h1>Server Error in '/' Application.</h1>\n<h2>")
                .append(status)
                .append(' ')
                .append(HttpUtility.htmlEncode(title))
                .append("</h2>\n");
        if (clientMessage && error.getCause() == null) {
            // A client error the runtime or a handler described on purpose: its message is the whole story.
            sb.append("<p>").append(HttpUtility.htmlEncode(message)).append("</p>\n");
        } else if (detailed) {
            sb.append("<p><b>Description:</b> An unhandled exception occurred during the execution of the current web"
                            + " request.</p>\n<p><b>Exception Details:</b> ")
                    .append(HttpUtility.htmlEncode(error.getClass().getName()))
                    .append(": ")
                    .append(HttpUtility.htmlEncode(message))
                    .append("</p>\n");
            if (error instanceof CompilationException ce) {
                sb.append("<p><b>Compiler Error Messages:</b></p>\n");
                for (var d : ce.diagnostics()) {
                    sb.append("<p class=\"diag\"><b>")
                            .append(HttpUtility.htmlEncode(d.file() + ":" + d.line() + ":" + d.column()))
                            .append("</b> ")
                            .append(HttpUtility.htmlEncode(d.message()))
                            .append("</p>\n<pre>")
                            .append(HttpUtility.htmlEncode(d.excerpt()))
                            .append("</pre>\n");
                }
            }
            sb.append("<p><b>Stack Trace:</b></p>\n<pre>")
                    .append(HttpUtility.htmlEncode(stackTrace(error)))
                    .append("</pre>\n");
        } else if (clientMessage) {
            sb.append("<p>").append(HttpUtility.htmlEncode(message)).append("</p>\n");
        } else {
            sb.append("<p>An error occurred while processing your request. Details are shown only to requests from"
                    + " the server itself.</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "This type of page is not served.";
            case 404 -> "The resource cannot be found.";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status < 500 ? ReasonPhrases.of(status) : "Runtime Error";
        };
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
