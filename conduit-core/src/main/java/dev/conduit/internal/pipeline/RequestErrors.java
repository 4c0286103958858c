package dev.conduit.internal.pipeline;

import dev.conduit.EventHandler;
import dev.conduit.ResponseEndSignal;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a request's failures are recorded, as System.Web's {@code HttpApplication.RecordError}: {@link
 * ResponseEndSignal} completes the request and is no error; anything else is added to the request's errors, and the
 * first one raises the Error event at once (its subscribers' own failures are added too; one that ends the response
 * completes the request).
 */
final class RequestErrors {
    /** No Error subscribers. */
    static final EventHandler[] NONE = new EventHandler[0];

    private RequestErrors() {}

    /** Records {@code failure} (unwrapped from completion and execution wrappers) and raises Error on the first. */
    static void record(ConduitContext c, EventHandler[] onError, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof ResponseEndSignal) {
            c.completeRequest();
            return;
        }
        boolean first = !c.hasError();
        c.addError(e);
        if (!first) {
            return;
        }
        for (EventHandler h : onError) {
            try {
                h.handle(c.handle());
            } catch (Throwable inner) {
                Throwable ie = unwrap(inner);
                if (ie instanceof ResponseEndSignal) {
                    c.completeRequest();
                } else {
                    c.addError(ie);
                }
            }
        }
    }

    /** Raises a synchronous notification (the send events); failures are recorded as request errors. */
    static void raise(ConduitContext c, EventHandler[] handlers, EventHandler[] onError) {
        for (EventHandler h : handlers) {
            try {
                h.handle(c.handle());
            } catch (Throwable t) {
                record(c, onError, t);
            }
        }
    }

    /** The failure inside completion and execution wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
