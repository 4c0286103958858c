package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/** Answers 404, as System.Web's {@code HttpNotFoundHandler} (mapped to {@code *.axd} names that do not exist). */
public final class NotFoundHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        throw new HttpException(404, "Path '" + context.request().path() + "' was not found.");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
