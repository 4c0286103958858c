package dev.conduit.server.browser;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;

/** Writes a few trace messages (one a warning with an exception) and a small page. */
public class TraceWritingHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) {
        context.trace().write("demo", "loading the report");
        context.trace().write("demo", "query took 3 ms");
        context.trace().warn("demo", "cache miss", new IllegalStateException("cold cache"));
        context.response().setContentType("text/html");
        context.response().write("<html><body><h1>Report</h1></body></html>");
    }
}
