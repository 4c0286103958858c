package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's timers and interim responses on an {@link EmbeddedChannel} with the server's real pipeline: time is
 * the event loop's ticker, moved by the test ({@link EmbeddedChannel#advanceTimeBy}), so the keep-alive and
 * request-headers timeouts are checked to the millisecond without waiting for them.
 */
class ConnectionTimersTest {
    private static final String GET = "GET /echo.x HTTP/1.1\r\nHost: h\r\n\r\n";

    @TempDir
    Path site;

    private HttpRuntime runtime;
    private EmbeddedChannel channel;

    @BeforeEach
    void writeSite() throws Exception {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration><system.web><httpHandlers>
                  <add verb="*" path="echo.x" type="dev.conduit.server.fixtures.EchoHandler"/>
                </httpHandlers></system.web></configuration>
                """);
        Files.writeString(site.resolve("file.txt"), "static text\n");
        runtime = HttpRuntime.start(site);
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        runtime.close();
    }

    /** A connection as the server makes one, with these timeouts. */
    private void connect(Duration headers, Duration keepAlive) {
        ServerOptions options = ServerOptions.builder()
                .requestHeadersTimeout(headers)
                .keepAliveTimeout(keepAlive)
                .build();
        ConnectionHandler connection = new ConnectionHandler(runtime, options, new FixedServerState());
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline()
                .addLast(new Http1Codec(
                        ServerChannels.decoderConfig(options),
                        options.maxHeaderCount(),
                        connection,
                        options.minResponseRate()))
                .addLast(connection);
        channel.pipeline().fireChannelActive();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    /** What the server has written so far, as text; empty when nothing. */
    private String written() {
        channel.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            if (o instanceof ByteBuf b) {
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
            } else {
                sb.append('[').append(o.getClass().getSimpleName()).append(']'); // a file region (sendfile)
            }
            ReferenceCountUtil.release(o);
        }
        return sb.toString();
    }

    /**
     * Waits (at most ten seconds) for a response a handler's thread completes onto the event loop, then lets the
     * handler thread's last tasks (the end of the exchange, which arms the keep-alive timer) reach the loop before
     * the test moves the clock: the bytes can arrive a moment before that task, and a timer armed after {@code
     * advance} would start late.
     */
    private String awaitResponse() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String out = written();
        while (out.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            out = written();
        }
        long settle = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        while (System.nanoTime() < settle) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            channel.runPendingTasks();
        }
        return out + written();
    }

    @Test
    void aConnectionUsedMoreOftenThanItsKeepAliveTimeoutStaysOpenAndClosesOnceIdle() {
        connect(Duration.ofSeconds(5), Duration.ofMillis(400));
        for (int i = 0; i < 8; i++) { // 8 x 150 ms: three timeouts' worth
            send(GET);
            assertThat(awaitResponse()).as("request %d", i).startsWith("HTTP/1.1 200 OK");
            advance(150);
            assertThat(channel.isActive()).as("open after request %d", i).isTrue();
        }
        advance(249);
        assertThat(channel.isActive()).as("399 ms idle").isTrue();
        advance(2);
        assertThat(channel.isActive()).as("401 ms idle").isFalse();
    }

    @Test
    void aNewConnectionThatSendsNothingClosesAtTheHeadersTimeoutWithoutAResponse() {
        connect(Duration.ofMillis(500), Duration.ofSeconds(30));
        advance(499);
        assertThat(channel.isActive()).isTrue();
        advance(2);
        assertThat(channel.isActive()).isFalse();
        assertThat(written()).isEmpty();
    }

    @Test
    void aHeadThatStopsHalfWayGets408AtTheHeadersTimeout() {
        connect(Duration.ofMillis(500), Duration.ofSeconds(30));
        send("GET /file.txt HTTP/1.1\r\nHo");
        advance(499);
        assertThat(written()).isEmpty();
        advance(2);
        assertThat(written()).startsWith("HTTP/1.1 408 Request Timeout").contains("Connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void anHttp10ExpectationGetsNoInterimResponseAndTheBodyIsStillRead() {
        connect(Duration.ofSeconds(5), Duration.ofSeconds(30));
        send("POST /echo.x HTTP/1.0\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        advance(1000); // an HTTP/1.1 client would have had its 100 Continue by now
        assertThat(written()).isEmpty();
        send("hello");
        String response = awaitResponse();
        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("hello");
    }
}
