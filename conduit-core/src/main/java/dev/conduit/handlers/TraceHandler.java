package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/**
 * {@code trace.axd}, as System.Web's {@code TraceHandler} answers while tracing is disabled (its default): 403 to
 * remote clients ({@code localOnly}), and to local ones a "Trace Error" saying tracing is not enabled. Request
 * tracing itself, the list and the details pages arrive with issue #5.
 */
public final class TraceHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        if (!context.request().isLocal()) {
            throw new HttpException(
                    403, "Trace Error: trace.axd is only available to requests from the server itself (localOnly).");
        }
        throw new HttpException(500, "Trace Error: tracing is not enabled for this application.");
    }
}
