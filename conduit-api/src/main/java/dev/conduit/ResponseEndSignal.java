package dev.conduit;

import java.io.Serial;

/**
 * Unwinds a handler or module after {@link HttpResponse#end()} or {@link HttpResponse#redirect(String)}.
 *
 * <p>System.Web aborts the thread for {@code Response.End}; Java has no thread abort, so Conduit throws this
 * signal instead and the pipeline turns it into {@link HttpContext#completeRequest()}, never into an error (a
 * deliberate difference). It extends {@link Error} so that the usual {@code catch (Exception e)} blocks in handler
 * code do not swallow it; code that catches {@link Throwable} must rethrow it.
 */
public final class ResponseEndSignal extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the signal; it carries no stack trace, so throwing it is cheap. */
    public ResponseEndSignal() {
        super("response ended", null, false, false);
    }
}
