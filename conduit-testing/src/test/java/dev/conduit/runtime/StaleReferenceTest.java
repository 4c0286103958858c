package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpApplication;
import dev.conduit.HttpAsyncHandler;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpRequest;
import dev.conduit.HttpResponse;
import dev.conduit.HttpServerUtility;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application instance serves one request at a time and reuses its context, request and response for the next
 * one (issue 13). Site code holds handles made per request: one kept past the end of its request (by a field, an
 * async continuation, a thread the site started) fails with IllegalStateException on every call, and never reads or
 * writes the request the instance serves next.
 */
class StaleReferenceTest {
    @TempDir
    Path site;

    private TestHost host;

    static volatile HttpContext keptContext;
    static volatile HttpRequest keptRequest;
    static volatile HttpResponse keptResponse;
    static volatile OutputStream keptStream;
    static volatile Writer keptWriter;
    static volatile HttpServerUtility keptServer;
    static volatile HttpApplication firstApplication;
    static volatile HttpApplication secondApplication;
    static volatile ConduitContext firstInternal;
    static volatile ConduitContext secondInternal;
    /** What each stale call did in the second request: the exception's class and message, or "no failure". */
    static final List<String> staleOutcomes = new ArrayList<>();

    static volatile CompletableFuture<HttpContext> asyncCompletedWith;

    /** Writes a long body with a header and cookie, and keeps everything it was given after the request. */
    public static final class Keeper implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) throws Exception {
            HttpResponse response = context.response();
            response.setHeader("X-First", "1");
            response.setStatusCode(201);
            response.write("the first response, longer than the second one".getBytes(StandardCharsets.UTF_8));
            context.items().put("first", "yes");
            keptContext = context;
            keptRequest = context.request();
            keptResponse = response;
            keptStream = response.outputStream();
            keptWriter = response.output();
            keptServer = context.server();
            firstApplication = context.applicationInstance();
            firstInternal = ConduitContext.of(context);
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** Writes a short body, with every kept object of the ended request used in the middle of it. */
    public static final class Next implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) throws Exception {
            secondApplication = context.applicationInstance();
            secondInternal = ConduitContext.of(context);
            context.response().write("second".getBytes(StandardCharsets.UTF_8));
            attempt(() -> keptResponse.write("STALE".getBytes(StandardCharsets.UTF_8)));
            attempt(() -> keptResponse.setStatusCode(500));
            attempt(() -> keptResponse.setHeader("X-Stale", "1"));
            attempt(() -> keptResponse.clearContent());
            attempt(() -> keptResponse.flush());
            attempt(() -> keptResponse.end());
            attempt(() -> keptStream.write('!'));
            attempt(() -> keptWriter.write("stale writer")); // fails at the write, not only when its buffer is flushed
            attempt(() -> keptRequest.rawUrl());
            attempt(() -> keptContext.items().put("stale", "yes"));
            attempt(() -> keptContext.response());
            attempt(() -> keptContext.completeRequest());
            attempt(() -> keptServer.mapPath("~/a"));
            attempt(() -> ConduitContext.of(keptContext));
            context.response().write(" response".getBytes(StandardCharsets.UTF_8));
            context.response()
                    .setHeader("X-Items", String.valueOf(context.items().size()));
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** Completes its stage from another thread, then keeps using the context it was given, as a careless one would. */
    public static final class CarelessAsync implements HttpAsyncHandler {
        @Override
        public CompletionStage<Void> processRequestAsync(HttpContext context) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                context.response().write("async body");
                done.complete(null);
                asyncCompletedWith.complete(context);
            });
            return done;
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    interface Call {
        void run() throws Exception;
    }

    static void attempt(Call call) {
        String outcome;
        try {
            call.run();
            outcome = "no failure";
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        synchronized (staleOutcomes) {
            staleOutcomes.add(outcome);
        }
    }

    @BeforeEach
    void start() throws Exception {
        staleOutcomes.clear();
        asyncCompletedWith = new CompletableFuture<>();
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="GET" path="keep.x" type="dev.conduit.runtime.StaleReferenceTest$Keeper"/>
                      <add verb="GET" path="next.x" type="dev.conduit.runtime.StaleReferenceTest$Next"/>
                      <add verb="GET" path="async.x" type="dev.conduit.runtime.StaleReferenceTest$CarelessAsync"/>
                    </httpHandlers>
                """);
        host = TestHost.start(site);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void everyObjectKeptPastItsRequestFailsLoudlyAndTheNextRequestIsUntouched() {
        TestResponse first = host.get("/keep.x").send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text()).isEqualTo("the first response, longer than the second one");

        TestResponse second = host.get("/next.x").send();

        // The same application instance served both, one after the other, in the same (reused) context.
        assertThat(secondApplication).isSameAs(firstApplication);
        assertThat(secondInternal).isSameAs(firstInternal);
        assertThat(staleOutcomes).hasSize(14).allSatisfy(o -> assertThat(o)
                .startsWith("IllegalStateException: the request this HttpContext"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text()).isEqualTo("second response");
        assertThat(second.header("X-First")).isNull();
        assertThat(second.header("X-Stale")).isNull();
        assertThat(second.header("X-Items")).isEqualTo("0");
    }

    @Test
    void aKeptContextFailsAsSoonAsItsRequestEndsEvenBeforeAnotherBegins() {
        host.get("/keep.x").send();

        assertThatThrownBy(() -> keptContext.request()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptRequest.path()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptResponse.statusCode()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptStream.write(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptWriter.write('x')).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keptContext.user()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAsyncContinuationThatOutlivesItsRequestFailsInsteadOfWritingTheNextOne() throws Exception {
        TestResponse first = host.get("/async.x").send();
        assertThat(first.text()).isEqualTo("async body");
        HttpContext stale = asyncCompletedWith.get(10, TimeUnit.SECONDS);

        TestResponse second = host.get("/next.x").send();

        assertThatThrownBy(() -> stale.response().write("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not be kept past its request");
        assertThat(second.text()).isEqualTo("second response");
    }
}
