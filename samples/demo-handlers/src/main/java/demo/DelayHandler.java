package demo;

import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An async handler: answers after {@code ?ms=} milliseconds (default 500, at most 10000) without holding a thread
 * while it waits; a timer completes the stage.
 */
public final class DelayHandler implements HttpAsyncHandler {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-delay-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CompletionStage<Void> processRequestAsync(HttpContext context) {
        long ms = parse(context.request().queryString().getFirst("ms"));
        Instant started = Instant.now();
        CompletableFuture<Void> done = new CompletableFuture<>();
        TIMER.schedule(
                () -> {
                    context.response().setContentType("text/plain");
                    context.response().write("waited " + ms + " ms without a thread (started " + started + ")\n");
                    done.complete(null);
                },
                ms,
                TimeUnit.MILLISECONDS);
        return done;
    }

    private static long parse(String value) {
        if (value == null) {
            return 500;
        }
        try {
            long ms = Long.parseLong(value);
            if (ms >= 0 && ms <= 10_000) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw new HttpException(400, "ms must be a whole number from 0 to 10000.");
    }

    @Override
    public boolean isReusable() {
        return true;
    }
}
