package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpResponse;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response kept past the end of its request (by an async continuation, a thread the site started) never reaches
 * the next request: the application instance that served both lends its response buffer from one request to the
 * next, so this is what keeps the reuse safe.
 */
class StaleResponseTest {
    @TempDir
    Path site;

    private TestHost host;

    static volatile HttpResponse kept;
    static volatile HttpApplication firstApplication;
    static volatile HttpApplication secondApplication;

    /** Writes a long body and keeps its response (and application instance) after the request. */
    public static final class Keeper implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            context.response().write("the first response, longer than the second one".getBytes(StandardCharsets.UTF_8));
            kept = context.response();
            firstApplication = context.applicationInstance();
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    /** Writes a short body, with the kept response of an ended request written to in the middle of it. */
    public static final class Next implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) throws Exception {
            secondApplication = context.applicationInstance();
            context.response().write("second".getBytes(StandardCharsets.UTF_8));
            HttpResponse stale = kept;
            stale.write("STALE".getBytes(StandardCharsets.UTF_8));
            stale.outputStream().write('!');
            stale.clearContent();
            stale.flush();
            context.response().write(" response".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="GET" path="keep.x" type="dev.conduit.runtime.StaleResponseTest$Keeper"/>
                      <add verb="GET" path="next.x" type="dev.conduit.runtime.StaleResponseTest$Next"/>
                    </httpHandlers>
                """);
        host = TestHost.start(site);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void writesThroughAResponseWhoseRequestEndedTouchNothing() {
        TestResponse first = host.get("/keep.x").send();
        assertThat(first.text()).isEqualTo("the first response, longer than the second one");

        TestResponse second = host.get("/next.x").send();

        // The same application instance served both (one at a time, the pool gives back the last one): the second
        // request had the first one's buffer, and its body is exactly its own.
        assertThat(secondApplication).isSameAs(firstApplication);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text()).isEqualTo("second response");
    }
}
