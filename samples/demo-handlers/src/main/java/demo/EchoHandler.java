package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import java.io.InputStream;

/**
 * Echoes what it was sent: method, path, query, headers, and the number of body bytes (streamed, never held in
 * memory).
 */
public final class EchoHandler implements HttpHandler {
    @Override
    public void processRequest(HttpContext context) throws Exception {
        var req = context.request();
        long bytes = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = req.inputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes += n;
            }
        }
        StringBuilder sb = new StringBuilder()
                .append(req.httpMethod())
                .append(' ')
                .append(req.rawUrl())
                .append('\n')
                .append("path=")
                .append(req.path())
                .append(" filePath=")
                .append(req.filePath())
                .append(" pathInfo=")
                .append(req.pathInfo())
                .append('\n')
                .append("query=")
                .append(req.queryString())
                .append('\n')
                .append("from=")
                .append(req.userHostAddress())
                .append(" local=")
                .append(req.isLocal())
                .append('\n');
        var headers = req.headers();
        for (int i = 0; i < headers.size(); i++) {
            sb.append(headers.name(i)).append(": ").append(headers.value(i)).append('\n');
        }
        sb.append("body bytes=").append(bytes).append('\n');
        context.response().setContentType("text/plain");
        context.response().write(sb.toString());
    }
}
