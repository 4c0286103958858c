package dev.conduit;

import org.jspecify.annotations.Nullable;

/**
 * Picks or builds the handler for one request: the Java form of System.Web's {@code IHttpHandlerFactory}.
 *
 * <p>A factory named in {@code <httpHandlers>} is created once per application with its public no-argument
 * constructor and then called for every request mapped to it, <em>concurrently</em>: implementations must be
 * thread-safe. (System.Web keeps one factory per pooled application instance; Conduit keeps one per application.)
 *
 * <p><b>Order.</b> {@link #getHandler} is called while the request is mapped, before the handler runs. For every
 * handler it returns, {@link #releaseHandler} is called exactly once, after the request has ended (after
 * EndRequest), in the order the handlers were obtained.
 *
 * <p><b>Threading.</b> Both methods run on a thread that may block.
 *
 * <p><b>Errors.</b> An exception from {@link #getHandler} becomes the request's error: {@link
 * java.io.FileNotFoundException} and {@link java.nio.file.NoSuchFileException} answer 404, an {@link
 * HttpException} its status, anything else 500. An exception from {@link #releaseHandler} is logged once and does
 * not affect the response, which has already been sent.
 */
public interface HttpHandlerFactory {

    /**
     * Returns the handler for this request, or {@code null} to run no handler.
     *
     * <p>With {@code null}, as in System.Web, the response stays as the pipeline left it (normally an empty 200).
     *
     * @param context the request's context
     * @param verb the request type, normally the HTTP method ({@link HttpRequest#requestType()})
     * @param url the app-absolute path of the requested file ({@link HttpRequest#filePath()}): no query string and
     *     no path info
     * @param physicalPath the file-system path {@code url} maps to; the file need not exist
     */
    @Nullable
    HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception;

    /** Takes back a handler this factory returned; called once per handler, after the request ends. */
    void releaseHandler(HttpHandler handler);
}
