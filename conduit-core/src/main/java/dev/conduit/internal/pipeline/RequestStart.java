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
        String raw = exchange.rawTarget();
        Target t = app.lastTarget;
        HttpException badTarget = null;
        if (t == null || !t.raw().equals(raw)) {
            try {
                t = Target.of(site, raw);
                if (t.keep()) {
                    app.lastTarget = t;
                }
            } catch (HttpException e) {
                badTarget = e;
                t = UNPARSED;
            }
        }
        ConduitContext c = app.context(site);
        ContextHandle handle = c.begin(exchange, t.target(), t.filePath(), t.pathInfo(), site.requestTime(exchange));
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

    /** What a target that does not parse runs as: its error is recorded, and EndRequest answers it. */
    private static final Target UNPARSED = new Target("", new RequestTarget("/", ""), "/", "", false);

    /**
     * A request target as received, parsed and split into file path and path info (spec §2.1).
     *
     * <p>An application instance keeps its last request's (see {@link ApplicationInstance#lastTarget}): a keep-alive
     * or pipelined client mostly asks for the same target again, and then the parse, the split and the path's hash
     * code (the same strings: mapping looks them up by hash) are not made again. Kept only when the split did not look
     * at the disk ({@code keep}): where a file may appear or go, the split is worked out per request.
     */
    record Target(String raw, RequestTarget target, String filePath, String pathInfo, boolean keep) {
        static Target of(Site site, String raw) {
            RequestTarget target = RequestTarget.parse(raw);
            String path = target.path();
            int split = RequestPaths.splitPoint(site.siteRoot(), path);
            return split > 0
                    ? new Target(raw, target, path.substring(0, split), path.substring(split), false)
                    : new Target(raw, target, path, "", !RequestPaths.splitLooksAtDisk(path));
        }
    }
}
