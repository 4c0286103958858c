package dev.conduit.internal.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.MethodNotAllowedException;
import dev.conduit.feature.FeatureSite;

/**
 * Conduit's counterpart of IIS's native {@code ProtocolSupportModule}, which integrated mode's stock {@code
 * OPTIONSVerbHandler} and {@code TRACEVerbHandler} entries name: OPTIONS answers 200 with an empty body and an {@code
 * Allow} header listing OPTIONS and the verbs the configuration maps the path to (IIS lists a fixed set; the
 * mapped verbs are the truth here); TRACE, which echoes requests back (cross-site tracing), answers 405 with the same
 * {@code Allow} list (a deliberate difference: IIS 7.5 and later refuse it too, through request filtering).
 */
public final class ProtocolSupportHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        String path = context.request().filePath();
        String allow = "OPTIONS"
                + FeatureSite.of(context).allowedVerbs(path).stream()
                        .map(v -> ", " + v)
                        .reduce("", String::concat);
        if (!context.request().httpMethod().equals("OPTIONS")) {
            throw new MethodNotAllowedException(
                    "The HTTP verb " + context.request().requestType() + " used to access path '" + path
                            + "' is not allowed.",
                    allow);
        }
        context.response().setHeader("Allow", allow);
        context.response().setContentType("text/plain");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
