package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/**
 * Answers 501, as System.Web's {@code HttpNotImplementedHandler}. Core's built-in configuration maps {@code *.aspx}
 * and {@code *.asmx} here, so their source is never served as a static file when no feature serves them: the pages
 * feature (conduit-pages) replaces the {@code *.aspx} entry; {@code *.asmx} stays here until web services exist
 * (issue 16).
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
