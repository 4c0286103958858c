package dev.conduit.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;

/**
 * Answers 501, as System.Web's {@code HttpNotImplementedHandler}: the deliberate answer for resource kinds no feature
 * of this server serves. Core's built-in configuration maps here the .NET handler types that have no Java
 * counterpart (WCF's {@code .svc}, XAML, .NET remoting) and {@code *.aspx} and {@code *.asmx}, so that their source is
 * never served as a static file when the feature that serves them (conduit-pages, conduit-services) is not installed;
 * an installed feature replaces its entry.
 */
public final class NotImplementedHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        throw new HttpException(
                501,
                context.request().requestType() + " " + context.request().filePath()
                        + ": no feature of this server serves this kind of resource.");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
