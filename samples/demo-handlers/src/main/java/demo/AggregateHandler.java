package demo;

import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;

/**
 * An asynchronous handler that calls two slow upstream resources at once and combines their answers: the classic
 * reason for {@code IHttpAsyncHandler}. The JDK's {@link HttpClient} sends both requests without blocking; no thread
 * is held for the request while they are pending, so a thousand of these can wait at once. The upstream here is the
 * demo's own {@code /delay} handler (400 ms and 600 ms), so the whole answer takes about 600 ms, not 1000.
 */
public final class AggregateHandler implements HttpAsyncHandler {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            // Callbacks run on virtual threads: no platform thread is added per request under load.
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Override
    public CompletionStage<Void> processRequestAsync(HttpContext context) {
        URI base = context.request().url().resolve("/");
        long started = System.nanoTime();
        CompletableFuture<String> weather = fetch(base.resolve("delay?ms=400"));
        CompletableFuture<String> quotes = fetch(base.resolve("delay?ms=600"));
        return weather.thenCombine(quotes, (a, b) -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    context.response().setContentType("text/plain");
                    context.response()
                            .write("first upstream:  " + a + "second upstream: " + b + "both fetched concurrently in "
                                    + ms + " ms\n");
                    return (Void) null;
                })
                .exceptionally(error -> {
                    context.response().setStatusCode(502);
                    context.response().setContentType("text/plain");
                    context.response()
                            .write("An upstream resource failed: "
                                    + error.getClass().getSimpleName() + "\n");
                    return null;
                });
    }

    private static CompletableFuture<String> fetch(URI uri) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode());
            }
            return r.body();
        });
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
