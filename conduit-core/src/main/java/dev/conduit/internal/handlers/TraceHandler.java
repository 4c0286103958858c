package dev.conduit.internal.handlers;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.NotTraced;
import dev.conduit.internal.trace.TracePages;
import dev.conduit.internal.trace.TraceRecord;
import java.util.List;

/**
 * {@code trace.axd}, as System.Web's {@code TraceHandler} (spec §7.3): the list of traced requests (newest first,
 * with a clear link), {@code ?id=N} for one request's details (an unknown N shows the list), {@code ?clear=1} to
 * forget them all and turn collection back on (then a redirect to trace.axd), and {@code ?format=json} for tools.
 * With {@code localOnly} (the default) remote clients get 403; with tracing off, a "Trace Error" (500). Its own
 * requests are never traced.
 */
public final class TraceHandler implements HttpHandler, NotTraced {
    @Override
    public void processRequest(HttpContext context) {
        ConduitContext c = ConduitContext.of(context);
        var store = c.site().traces();
        var settings = store.settings();
        if (settings.localOnly() && !context.request().isLocal()) {
            throw new HttpException(
                    403, "Trace Error: trace.axd is only available to requests from the server itself (localOnly).");
        }
        if (!settings.enabled()) {
            throw new HttpException(
                    500,
                    "Trace Error: tracing is not enabled for this application. Add"
                            + " <trace enabled=\"true\"/> to <system.web> in the site's web.config.");
        }
        var q = context.request().queryString();
        boolean json = "json".equalsIgnoreCase(q.getFirst("format"));
        var response = context.response();
        response.setHeader("Cache-Control", "no-store");
        if ("1".equals(q.getFirst("clear"))) {
            store.clear();
            response.redirect(context.request().filePath(), false);
            return;
        }
        List<TraceRecord> records = store.records();
        int id = parse(q.getFirst("id"));
        if (id >= 0 && id < records.size()) {
            TraceRecord r = records.get(id);
            write(
                    response,
                    json,
                    json ? TracePages.detailsJson(r) : TracePages.details(r, id, settings.sortByCategory()));
            return;
        }
        write(
                response,
                json,
                json
                        ? TracePages.listJson(store)
                        : TracePages.list(store, context.request().physicalApplicationPath()));
    }

    private static void write(dev.conduit.HttpResponse response, boolean json, String body) {
        response.setContentType(json ? "application/json" : "text/html");
        response.write(body);
    }

    private static int parse(String id) {
        if (id == null) {
            return -1;
        }
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
