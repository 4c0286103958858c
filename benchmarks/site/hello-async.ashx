<%@ WebHandler Language="Java" Class="bench.HelloAsync" %>
package bench;

import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The front-door benchmark's asynchronous handler: "Hello, World!" as plain text, completed at once. */
public class HelloAsync implements HttpAsyncHandler {
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> processRequestAsync(HttpContext context) {
        context.response().setContentType("text/plain");
        context.response().write(BODY);
        return DONE;
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
