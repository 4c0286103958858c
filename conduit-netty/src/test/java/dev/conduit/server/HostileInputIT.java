package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.fixtures.SleepHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limits and request-smuggling vectors over a raw socket. Each bad request is written in one write together with a
 * good GET behind it: the bad one gets its status with {@code Connection: close}, and the GET must get nothing at
 * all (it must never be read as a request of its own), the connection being closed.
 */
class HostileInputIT {
    private static final String GOOD = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @TempDir
    Path site;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(TestSites.write(site));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // limits
                bad(
                        414,
                        "URL over maxUrlLength",
                        "GET /small/" + "a".repeat(120) + ".plain HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(
                        414,
                        "query string over maxQueryStringLength",
                        "GET /small/q.plain?q=" + "b".repeat(60) + " HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(414, "request line over 8 KiB", "GET /" + "c".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(
                        431,
                        "header block over 32 KiB",
                        "GET /plaintext HTTP/1.1\r\nHost: h\r\n" + headers(40, 1000) + "\r\n"),
                bad(
                        431,
                        "more than 100 header fields",
                        "GET /plaintext HTTP/1.1\r\nHost: h\r\n" + headers(100, 4) + "\r\n"),
                bad(
                        413,
                        "declared Content-Length over maxRequestLength",
                        "POST /small/echo.x HTTP/1.1\r\nHost: h\r\n" + "Content-Length: 2000\r\n\r\n"
                                + "d".repeat(2000)),
                bad(
                        413,
                        "chunked body over maxRequestLength",
                        "POST /small/echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n"
                                + ("100\r\n" + "e".repeat(256) + "\r\n").repeat(8)
                                + "0\r\n\r\n"),
                // malformed request lines
                bad(400, "request line without a version", "GET /plaintext\r\nHost: h\r\n\r\n"),
                bad(400, "request line with an extra part", "GET /plaintext HTTP/1.1 extra\r\nHost: h\r\n\r\n"),
                bad(400, "request line with two spaces", "GET  /plaintext HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "request line with a tab", "GET\t/plaintext HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "request line after a space", " GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "control character in the target", "GET /plain\u0007text HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "method with a separator", "GE(T /plaintext HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "a TLS handshake", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"),
                bad(400, "not HTTP at all", "HELLO\r\n\r\n"),
                bad(400, "target neither a path nor a URL", "GET plaintext HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(400, "malformed absolute URL", "GET http://h/a b HTTP/1.1\r\nHost: h\r\n\r\n"),
                bad(505, "HTTP/2.0 in a request line", "GET /plaintext HTTP/2.0\r\nHost: h\r\n\r\n"),
                bad(505, "HTTP/1.2", "GET /plaintext HTTP/1.2\r\nHost: h\r\n\r\n"),
                // malformed headers
                bad(400, "header without a colon", "GET /plaintext HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n"),
                bad(400, "space before the colon", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A : 1\r\n\r\n"),
                bad(400, "control character in a value", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A: a\u0001b\r\n\r\n"),
                bad(400, "NUL in a value", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n"),
                bad(400, "missing Host on HTTP/1.1", "GET /plaintext HTTP/1.1\r\nX-A: 1\r\n\r\n"),
                bad(400, "two Host headers", "GET /plaintext HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                bad(
                        417,
                        "an expectation other than 100-continue",
                        "GET /plaintext HTTP/1.1\r\nHost: h\r\n" + "Expect: 200-ok\r\n\r\n"),
                // line endings and folding
                bad(400, "obs-fold", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n 2\r\n\r\n"),
                bad(400, "obs-fold with a tab", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\t2\r\n\r\n"),
                bad(400, "bare LF ending a header", "GET /plaintext HTTP/1.1\r\nHost: h\nX-A: 1\r\n\r\n"),
                bad(400, "bare LF ending the request line", "GET /plaintext HTTP/1.1\nHost: h\r\n\r\n"),
                bad(400, "bare LF ending the head", "GET /plaintext HTTP/1.1\r\nHost: h\r\n\n"),
                bad(400, "bare CR inside a value", "GET /plaintext HTTP/1.1\r\nHost: h\r\nX-A: 1\r2\r\n\r\n"),
                bad(400, "bare CR ending a header", "GET /plaintext HTTP/1.1\r\nHost: h\rX-A: 1\r\n\r\n"),
                // body framing (request smuggling)
                bad(
                        400,
                        "Content-Length with Transfer-Encoding",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "Transfer-Encoding with Content-Length",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "differing duplicate Content-Length",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                bad(
                        400,
                        "equal duplicate Content-Length",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n" + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                bad(
                        400,
                        "Content-Length list",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\n" + "hello"),
                bad(
                        400,
                        "Content-Length not a number",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n" + "Content-Length: 5x\r\n\r\nhello"),
                bad(
                        400,
                        "negative Content-Length",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n" + "Content-Length: -5\r\n\r\nhello"),
                bad(
                        400,
                        "Transfer-Encoding other than chunked",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n" + "Transfer-Encoding: gzip\r\n\r\nhello"),
                bad(
                        400,
                        "chunked not last",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunked twice",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "Transfer-Encoding in HTTP/1.0",
                        "POST /echo.x HTTP/1.0\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size not hexadecimal",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size not hexadecimal, to a handler that does not read the body",
                        "POST /plaintext HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size not hexadecimal, to an asynchronous handler",
                        "POST /async.x?ms=1 HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size not hexadecimal, to a static file",
                        "POST /file.txt HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "negative chunk size",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size with a 0x prefix",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size overflowing",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff5\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "empty chunk size",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk longer than its size",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"),
                bad(
                        400,
                        "chunk size ended by a bare LF",
                        "POST /echo.x HTTP/1.1\r\nHost: h\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"));
    }

    private static Arguments bad(int status, String name, String request) {
        return Arguments.of(name, status, request);
    }

    private static String headers(int count, int valueLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("X-Fill-")
                    .append(i)
                    .append(": ")
                    .append("v".repeat(valueLength))
                    .append("\r\n");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rejected")
    void rejectsAndNeverReadsThePipelinedRequest(String name, int status, String request) {
        try (RawConnection c = server.connect()) {
            c.send((request + GOOD).getBytes(StandardCharsets.ISO_8859_1));
            RawResponse r = c.read();
            assertThat(r.status()).as(name).isEqualTo(status);
            assertThat(r.header("Connection")).as(name).isEqualToIgnoringCase("close");
            assertThat(r.header("Content-Type")).as(name).isNotNull();
            assertThat(r.text()).as(name).doesNotContain("at dev.conduit").doesNotContain("at io.netty");
            assertThat(new String(c.readUntilClosed(), StandardCharsets.ISO_8859_1))
                    .as(name + ": bytes after the rejection")
                    .isEmpty();
        }
    }

    @Test
    void exactlyOneHundredHeaderFieldsAreAccepted() {
        try (RawConnection c = server.connect()) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n" + headers(99, 4) + "\r\n" + GOOD);
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void bodyExactlyAtMaxRequestLengthIsAccepted() {
        try (RawConnection c = server.connect()) {
            c.send("POST /small/count.x HTTP/1.1\r\nHost: h\r\nContent-Length: 1024\r\n\r\n" + "f".repeat(1024) + GOOD);
            assertThat(c.read().text()).isEqualTo("1024");
            assertThat(c.read().status()).isEqualTo(200);
        }
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedAsSoonAsItIsExceeded() throws Exception {
        try (RawConnection c = server.connect()) {
            // 2 KB sent, and the body never ends: the answer cannot wait for its end.
            c.send("POST /small/echo.x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
                    + "g".repeat(2048) + "\r\n");
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void declaredBodyOverTheLimitIsRefusedBeforeItIsSent() {
        try (RawConnection c = server.connect()) {
            c.send("POST /small/echo.x HTTP/1.1\r\nHost: h\r\nContent-Length: 100000000\r\n\r\n");
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aClientStillSendingItsBodyReadsThe413AndTheEndOfTheConnection() throws Exception {
        try (RawConnection c = server.connect();
                var writer = Executors.newVirtualThreadPerTaskExecutor()) {
            c.send("POST /small/echo.x HTTP/1.1\r\nHost: h\r\nContent-Length: 67108864\r\n\r\n");
            Future<?> sending = writer.submit(() -> {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1024; i++) {
                    c.output().write(chunk);
                }
                return null;
            });
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
            // the server read (and dropped) what the client kept sending, instead of resetting the connection
            assertThat(sending).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void expectContinueWithABodyOverTheLimitGets413AndNoContinue() {
        try (RawConnection c = server.connect()) {
            c.send("POST /small/echo.x HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aPipelinedHeadLeftUnfinishedGets408AfterTheHeadersTimeoutNotTheIdleOne() throws Exception {
        server.close();
        server = RunningServer.start(
                site, o -> o.requestHeadersTimeout(Duration.ofMillis(500)).keepAliveTimeout(Duration.ofSeconds(30)));
        SleepHandler.ARRIVED.drainPermits();
        try (RawConnection c = server.connect()) {
            c.send("GET /sleep.x?ms=200 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(SleepHandler.ARRIVED.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n"); // and nothing more
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            long answered = System.nanoTime();
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(5));
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void headersThatDoNotArriveInTimeGet408AndTheConnectionCloses() {
        server.close();
        server = RunningServer.start(
                site, o -> o.requestHeadersTimeout(Duration.ofMillis(500)).keepAliveTimeout(Duration.ofSeconds(30)));
        try (RawConnection c = server.connect()) {
            long start = System.nanoTime();
            c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n");
            RawResponse r = c.read();
            long waited = System.nanoTime() - start;
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(waited)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
        }
    }
}
