package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/**
 * Answers 501, as System.Web's {@code HttpNotImplementedHandler}. The built-in configuration maps {@code *.aspx}
 * and {@code *.asmx} here until pages and web services are part of Conduit, so their source is never served as a
 * static file.
 */
public final class NotImplementedHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        throw new HttpException(
                501,
                context.request().requestType() + " " + context.request().filePath()
                        + ": this kind of resource is not implemented by this server.");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
