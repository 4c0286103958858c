package dev.conduit.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The TechEmpower-style handlers of the benchmark sites, as an async and as a synchronous handler. */
public final class BenchHandlers {
    static final byte[] TEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private BenchHandlers() {}

    /** A new object serialized on every request, as TechEmpower's /json test requires. */
    public record Message(String message) {}

    static byte[] json() {
        try {
            return MAPPER.writeValueAsBytes(new Message("Hello, World!"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /plaintext, async. */
    public static final class AsyncPlaintext implements HttpAsyncHandler {
        @Override
        public CompletionStage<Void> processRequestAsync(HttpContext context) {
            context.response().setContentType("text/plain");
            context.response().write(TEXT);
            return DONE;
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** /json, async. */
    public static final class AsyncJson implements HttpAsyncHandler {
        @Override
        public CompletionStage<Void> processRequestAsync(HttpContext context) {
            context.response().setContentType("application/json");
            context.response().setCharset(null);
            context.response().write(json());
            return DONE;
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** /plaintext, synchronous (may block). */
    public static final class SyncPlaintext implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            context.response().setContentType("text/plain");
            context.response().write(TEXT);
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** /json, synchronous. */
    public static final class SyncJson implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            context.response().setContentType("application/json");
            context.response().setCharset(null);
            context.response().write(json());
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }
}
