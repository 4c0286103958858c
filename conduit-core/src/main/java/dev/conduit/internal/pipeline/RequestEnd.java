package dev.conduit.internal.pipeline;

import dev.conduit.EventHandler;
import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.spi.HostExchange;
import java.io.UncheckedIOException;

/**
 * The end of a request, after EndRequest (spec §5.4): the error response if an error remains, the trace kept, the
 * response handed to the host; then RequestCompleted, and the application instance detached, its held locks released
 * and given back to the pool.
 */
final class RequestEnd {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private RequestEnd() {}

    /**
     * Sends the response. When part of an erroneous response is on the wire already, or sending fails, the exchange is
     * aborted instead: a correct response can no longer be sent on this connection.
     */
    static void send(Site site, HostExchange exchange, ConduitContext c) {
        ConduitResponse response = c.response();
        try {
            Throwable error = c.error();
            if (error != null) {
                if (!response.canReplace()) {
                    ErrorResponses.logIfServerError(c, error);
                    response.abandon();
                    exchange.abort(error);
                    return;
                }
                site.errors().respond(c, error);
            }
            site.errorPages().apply(c);
            var trace = c.activeTrace();
            if (trace != null && !(c.handler() instanceof NotTraced)) {
                // Only a form already read is shown: tracing must never consume a body the handler did not read.
                site.traces().finish(trace, c.handle(), c.request().parsedForm(), htmlPageBuffered(c));
            }
            response.finish();
        } catch (Throwable t) {
            if (!(RequestErrors.unwrap(t) instanceof UncheckedIOException)) {
                LOG.log(System.Logger.Level.ERROR, "sending the response failed", t);
            }
            response.abandon();
            exchange.abort(t);
        }
    }

    /**
     * Closes the request's body, raises RequestCompleted (a subscriber's failure is logged: the response is gone),
     * detaches the application instance, ends its context's request, releases its held application locks and gives
     * it back to the pool.
     */
    static void cleanUp(Site site, ApplicationInstance app, ConduitContext c) {
        c.request().close();
        for (EventHandler h : app.onCompleted) {
            try {
                h.handle(c.handle());
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "a RequestCompleted subscriber failed", t);
            }
        }
        RuntimeAccess.attachTo(app.app, null);
        c.end(); // every handle of the request fails from here on; the context waits for the instance's next request
        site.applicationState().releaseHeldLocks();
        site.applications().give(app);
        site.requestEnded();
    }

    /** Whether the response is an HTML page (not HEAD) still in the buffer, where {@code pageOutput} may add a trace. */
    private static boolean htmlPageBuffered(ConduitContext c) {
        ConduitResponse response = c.response();
        return response.canReplace()
                && response.contentType().equalsIgnoreCase("text/html")
                && !c.request().httpMethod().equals("HEAD");
    }
}
