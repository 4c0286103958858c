package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.HttpUtility;
import dev.conduit.feature.CompilationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The built-in error page, as System.Web's default error formatter with {@code customErrors mode="RemoteOnly"}.
 *
 * <p>Local requests see the exception type, message and stack trace (for a 4xx {@link HttpException} without a
 * cause, just its message). Remote requests see the status and, for 4xx
 * statuses of an {@link HttpException}, its message (written for clients: "Maximum request length exceeded.");
 * never a stack trace, a type name or the message of an unexpected exception. Everything is HTML-encoded.
 */
final class ErrorPages {
    private ErrorPages() {}

    /** The status an error answers with: an HttpException's own, else 500. */
    static int statusOf(Throwable error) {
        return error instanceof HttpException he ? he.statusCode() : 500;
    }

    /** Replaces the response with the error page for {@code error}. */
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
