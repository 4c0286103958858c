package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.MethodNotAllowedException;
import dev.conduit.feature.FeatureSite;

/**
 * Answers 405 with an {@code Allow} header listing the verbs that the configuration maps this path to (System.Web's
 * {@code HttpMethodNotAllowedHandler}, which sends neither the header nor a meaningful message: a deliberate
 * difference). It is the last entry of the built-in list, so it catches every verb nothing else maps.
 */
public final class MethodNotAllowedHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        String path = context.request().filePath();
        String allow = String.join(", ", FeatureSite.of(context).allowedVerbs(path));
        throw new MethodNotAllowedException(
                "The HTTP verb " + context.request().requestType() + " used to access path '" + path
                        + "' is not allowed.",
                allow);
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
