package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/**
 * Answers 403, as System.Web's {@code HttpForbiddenHandler}: mapped to the extensions that must never be served
 * (source code, configuration, data files).
 */
public final class ForbiddenHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        String path = context.request().filePath();
        int dot = path.lastIndexOf('.');
        String ext = dot > path.lastIndexOf('/') ? path.substring(dot) : "";
        throw new HttpException(403, "This type of page is not served: files of type '" + ext + "' are forbidden.");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
