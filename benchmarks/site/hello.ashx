<%@ WebHandler Language="Java" Class="bench.Hello" %>
package bench;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import java.nio.charset.StandardCharsets;

/** The front-door benchmark's synchronous handler: "Hello, World!" as plain text. */
public class Hello implements HttpHandler {
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
