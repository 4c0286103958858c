package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import java.nio.charset.StandardCharsets;

/** {@code /plaintext}: the TechEmpower plaintext response, for load tests. Stateless, so reusable. */
public final class PlaintextHandler implements HttpHandler {
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void processRequest(HttpContext context) {
        context.response().setContentType("text/plain");
        context.response().write(BODY);
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
