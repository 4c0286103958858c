package dev.conduit.internal.pipeline;

import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.HttpException;
import dev.conduit.internal.trace.RequestTrace;
import dev.conduit.spi.HostExchange;

/**
 * The start of a request: its target parsed and split into file path and path info (spec §2.1), its request,
 * response and context made, the application instance attached, the send events wired, tracing begun. A target that
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
        ConduitRequest request = new ConduitRequest(exchange, target, site.siteRoot(), filePath, pathInfo);
        boolean head = exchange.method().equals("HEAD");
        ConduitResponse response = new ConduitResponse(exchange, head, site.responseBufferLimit(), app);
        ConduitContext c = new ConduitContext(
                site, app.app, request, response, site.clock().millis());
        RuntimeAccess.attachTo(app.app, c);
        if (app.beforeHeaders.length > 0 || app.beforeContent.length > 0) {
            response.observe(
                    () -> RequestErrors.raise(c, app.beforeHeaders, app.onError),
                    () -> RequestErrors.raise(c, app.beforeContent, app.onError));
        }
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
