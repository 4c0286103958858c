package dev.conduit.internal.pipeline;

import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.HttpException;
import dev.conduit.internal.trace.RequestTrace;
import dev.conduit.spi.HostExchange;

/**
 * The start of a request: its target parsed and split into file path and path info (spec §2.1), the application
 * instance's context (request, response) begun for it and attached to the instance, the send events wired, tracing begun. A target that
 * does not parse is recorded as the request's error, so the pipeline answers it the usual way (from EndRequest on).
 */
final class RequestStart {
    private RequestStart() {}

    static ConduitContext context(Site site, HostExchange exchange, ApplicationInstance app) {
        RequestTarget target;
        HttpException badTarget = null;
        try {
            target = RequestTarget.parse(exchange.rawTarget());
        } catch (HttpException e) {
            badTarget = e;
            target = new RequestTarget("/", "");
        }
        String path = target.path();
        String filePath = path;
        String pathInfo = "";
        int split = RequestPaths.splitPoint(site.siteRoot(), path);
        if (split > 0) {
            filePath = path.substring(0, split);
            pathInfo = path.substring(split);
        }
        ConduitContext c = app.context(site);
        ContextHandle handle =
                c.begin(exchange, target, filePath, pathInfo, site.clock().millis());
        RuntimeAccess.attachTo(app.app, handle);
        var traces = site.traces();
        if (traces.collecting()) {
            c.startTrace(new RequestTrace(true, traces.settings().writeToDiagnosticsTrace()));
        }
        if (badTarget != null) {
            RequestErrors.record(c, app.onError, badTarget);
        }
        return c;
    }
}
