package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;

/**
 * The smallest useful handler: greets {@code ?name=}, HTML-encoded. Reached through {@code hello.ashx}, whose
 * directive names this class (code-behind style: the class comes from {@code bin/}).
 */
public final class HelloHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        String name = context.request().queryString().getFirst("name");
        context.response().setContentType("text/html");
        context.response()
                .write("<!DOCTYPE html><title>Hello</title><link rel=\"stylesheet\" href=\"css/site.css\">"
                        + "<main><h1>Hello, " + context.server().htmlEncode(name == null ? "world" : name)
                        + "!</h1><p><a href=\"./\">Back to the examples</a></p></main>");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
