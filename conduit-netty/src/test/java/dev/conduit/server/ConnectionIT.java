package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.fixtures.SleepHandler;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/1.1 connection behaviour over a raw socket: keep-alive, pipelining, framing, interim responses, timers. */
class ConnectionIT {
    private static final String GET_PLAIN = "GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n";

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

    @Test
    void optionsAsteriskIsAnsweredForTheServerAndOtherMethodsMayNotUseIt() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Allow")).isEqualTo("OPTIONS, GET, HEAD, POST, PUT, DELETE, PATCH");
            assertThat(r.header("Content-Length")).isEqualTo("0");
            assertThat(r.text()).isEmpty();
            assertThat(c.send(GET_PLAIN).read().text()).isEqualTo("Hello, World!"); // the connection stays usable
        }
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET * HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("only for OPTIONS");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() {
        try (RawConnection c = server.connect()) {
            for (int i = 0; i < 3; i++) {
                RawResponse r = c.send(GET_PLAIN).read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("Hello, World!");
                assertThat(r.header("Content-Length")).isEqualTo("13");
                assertThat(r.header("Connection")).isNull();
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() {
        try (RawConnection c = server.connect()) {
            c.send("GET /sleep.x?ms=300 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + GET_PLAIN
                    + "POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /sleep.x?ms=100 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /stream.x?parts=2&size=3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            assertThat(c.read().text()).isEqualTo("Hello, World!");
            assertThat(c.read().text()).isEqualTo("hello");
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            assertThat(c.read().text()).isEqualTo("aaabbb");
        }
    }

    @Test
    void chunkedRequestBodyIsDecodedWithItsTrailers() {
        try (RawConnection c = server.connect()) {
            c.send("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n1;ext=1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n" + GET_PLAIN);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello world!");
            assertThat(c.read().text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void streamedResponseIsChunkedAndTheConnectionStaysUsable() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET /stream.x?parts=3&size=4 HTTP/1.1\r\nHost: h\r\n\r\n" + GET_PLAIN)
                    .read();
            assertThat(r.chunked()).isTrue();
            assertThat(r.header("Content-Length")).isNull();
            assertThat(r.text()).isEqualTo("aaaabbbbcccc");
            assertThat(c.read().text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void expectContinueGetsAnInterimResponseBeforeTheBodyIsSent() {
        try (RawConnection c = server.connect()) {
            c.send("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            RawResponse interim = c.read();
            assertThat(interim.status()).isEqualTo(100);
            assertThat(interim.headers()).isEmpty();
            RawResponse r = c.send("hello").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello");
            assertThat(r.header("Connection")).isNull();
            assertThat(c.send(GET_PLAIN).read().status()).isEqualTo(200);
        }
    }

    @Test
    void aFlushedHeadGoesOutAtOnceAndNoInterimResponseFollowsIt() {
        try (RawConnection c = server.connect()) {
            c.send("POST /echo.x?flush=first HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            // The handler sent its head before reading: that is the answer to the expectation; no 100 may follow.
            RawResponse head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
            c.send("hello");
            assertThat(c.discardBody(head)).isEqualTo(5);
            // (the body had not arrived when the head went out, so the connection is not reused)
            assertThat(c.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void expectContinueIsNotAnsweredWhenTheHandlerDoesNotReadTheBody() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("POST /plaintext HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                            + "Expect: 100-continue\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Hello, World!");
            // The body was never sent: the connection cannot be reused, so it closes.
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void http10RequestIsAnsweredAndClosed() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET /info.x HTTP/1.0\r\n\r\n" + GET_PLAIN).read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).startsWith("GET|/info.x|null|HTTP/1.0|");
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body().length));
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void http10KeepAliveIsHonoured() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .read();
            assertThat(r.header("Connection")).isEqualToIgnoringCase("keep-alive");
            assertThat(r.text()).isEqualTo("Hello, World!");
            RawResponse second = c.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .read();
            assertThat(second.text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void http10StreamedResponseEndsWithTheConnection() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET /stream.x?parts=3&size=2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                    .read();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.header("Content-Length")).isNull();
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(r.text()).isEqualTo("aabbcc");
        }
    }

    @Test
    void absoluteFormTargetReplacesTheHost() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET http://example.test:8081/info.x?a=1 HTTP/1.1\r\nHost: other\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text())
                    .isEqualTo("GET|/info.x?a=1|example.test:8081|HTTP/1.1|http://example.test:8081/info.x?a=1");
        }
    }

    @Test
    void everyResponseCarriesDateAndServer() {
        try (RawConnection c = server.connect()) {
            for (String request : List.of(
                    GET_PLAIN,
                    "GET /missing.txt HTTP/1.1\r\nHost: h\r\n\r\n",
                    "GET /stream.x?parts=1&size=1 HTTP/1.1\r\nHost: h\r\n\r\n")) {
                RawResponse r = c.send(request).read();
                assertThat(r.header("Server")).isEqualTo("Conduit");
                assertThat(r.count("Date")).isEqualTo(1);
                ZonedDateTime date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
                assertThat(Duration.between(date, ZonedDateTime.now()).abs()).isLessThan(Duration.ofSeconds(5));
            }
        }
        try (RawConnection c = server.connect()) {
            RawResponse error = c.send("GET /plaintext HTTP/1.1\r\n\r\n").read();
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.header("Server")).isEqualTo("Conduit");
            assertThat(error.header("Date")).isNotNull();
        }
    }

    @Test
    void clientConnectionCloseIsHonoured() {
        try (RawConnection c = server.connect()) {
            RawResponse r = c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n" + GET_PLAIN)
                    .read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void headResponsesHaveNoBodyAndTheNextResponseParses() {
        try (RawConnection c = server.connect()) {
            c.send("HEAD /plaintext HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "HEAD /stream.x?parts=2&size=2 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "HEAD /file.txt HTTP/1.1\r\nHost: h\r\n\r\n"
                    + GET_PLAIN);
            RawResponse head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("13");
            RawResponse streamed = c.read(true);
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.header("Transfer-Encoding")).isNull();
            RawResponse file = c.read(true);
            assertThat(file.header("Content-Length")).isEqualTo(String.valueOf(TestSites.FILE_TEXT.length()));
            assertThat(c.read().text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void noContentAndNotModifiedCarryNoBodyAndNoFraming() {
        try (RawConnection c = server.connect()) {
            RawResponse etagged =
                    c.send("GET /file.txt HTTP/1.1\r\nHost: h\r\n\r\n").read();
            String etag = etagged.header("ETag");
            assertThat(etag).isNotNull();
            c.send("GET /status.x?code=204&body=dropped HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /status.x?code=205 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /file.txt HTTP/1.1\r\nHost: h\r\nIf-None-Match: " + etag + "\r\n\r\n"
                    + GET_PLAIN);
            RawResponse noContent = c.read();
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.header("Transfer-Encoding")).isNull();
            assertThat(noContent.header("Content-Length")).isNull();
            RawResponse resetContent = c.read(); // the encoder frames a 205 itself: Content-Length 0, nothing after
            assertThat(resetContent.status()).isEqualTo(205);
            assertThat(resetContent.header("Content-Length")).isEqualTo("0");
            assertThat(resetContent.header("Transfer-Encoding")).isNull();
            RawResponse notModified = c.read();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("Transfer-Encoding")).isNull();
            assertThat(notModified.header("ETag")).isEqualTo(etag);
            // had either carried a body or a chunk terminator, this would not parse as the next response
            assertThat(c.read().text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheTimeout() {
        server.close();
        server = RunningServer.start(
                site, o -> o.requestHeadersTimeout(Duration.ofSeconds(5)).keepAliveTimeout(Duration.ofMillis(500)));
        try (RawConnection c = server.connect()) {
            assertThat(c.send(GET_PLAIN).read().status()).isEqualTo(200);
            long idleFrom = System.nanoTime();
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - idleFrom))
                    .isBetween(Duration.ofMillis(400), Duration.ofSeconds(4));
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosedAfterTheHeadersTimeout() {
        server.close();
        server = RunningServer.start(
                site, o -> o.requestHeadersTimeout(Duration.ofMillis(500)).keepAliveTimeout(Duration.ofSeconds(30)));
        try (RawConnection c = server.connect()) {
            assertThat(c.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void anUnreadBodyThatFullyArrivedLeavesTheConnectionUsable() {
        // Over the 1 MiB a body may queue unread, so that reading pauses for it; it arrives whole all the same.
        int length = 1024 * 1024 + 1;
        try (RawConnection c = server.connect()) {
            c.send("POST /ignore.x HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n\r\n");
            c.send(new byte[length]);
            RawResponse r = c.read();
            assertThat(r.text()).isEqualTo("ignored " + length);
            assertThat(r.header("Connection")).isNull();
            assertThat(c.send(GET_PLAIN).read().text()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void anUnreadBodyStillArrivingClosesTheConnection() {
        try (RawConnection c = server.connect()) {
            c.send("POST /plaintext HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000\r\n\r\n" + "x".repeat(1000));
            RawResponse r = c.read();
            assertThat(r.text()).isEqualTo("Hello, World!");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void syncHandlersRunOnVirtualThreadsAndDoNotHoldUpOtherConnections() throws Exception {
        SleepHandler.ARRIVED.drainPermits();
        List<RawConnection> sleepers = new ArrayList<>();
        try {
            // Far more blocked handlers than event loops: if any ran on an event loop, some connection would stall.
            for (int i = 0; i < 32; i++) {
                sleepers.add(server.connect().send("GET /sleep.x?ms=2000 HTTP/1.1\r\nHost: h\r\n\r\n"));
            }
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                try (RawConnection c = server.connect()) {
                    assertThat(c.send(GET_PLAIN).read().status()).isEqualTo(200);
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
            for (RawConnection s : sleepers) {
                assertThat(s.read().text()).isEqualTo("slept on virtual");
            }
            assertThat(SleepHandler.ARRIVED.drainPermits()).isEqualTo(32);
        } finally {
            sleepers.forEach(RawConnection::close);
        }
    }

    @Test
    void syncHandlerPastExecutionTimeoutAnswers503() {
        try (RawConnection c = server.connect()) {
            long start = System.nanoTime();
            RawResponse r = c.send("GET /slow/sleep.x?ms=10000 HTTP/1.1\r\nHost: h\r\n\r\n")
                    .read();
            assertThat(r.status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(c.send(GET_PLAIN).read().status()).isEqualTo(200);
        }
    }

    @Test
    void largeRequestBodyIsEchoedWhileItStreams() throws Exception {
        // Echoed while it arrives: the client must read while it writes, or both sides would wait on full buffers.
        int size = 8 * 1024 * 1024;
        try (RawConnection c = server.connect();
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            c.send("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            Future<?> writer = pool.submit(() -> {
                OutputStream out = c.output();
                byte[] chunk = new byte[32 * 1024];
                for (int sent = 0; sent < size; sent += chunk.length) {
                    java.util.Arrays.fill(chunk, (byte) (sent / chunk.length));
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return null;
            });
            RawResponse r = c.read();
            writer.get();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).hasSize(size);
            for (int i = 0; i < size; i += 32 * 1024) {
                assertThat(r.body()[i]).isEqualTo((byte) (i / (32 * 1024)));
            }
        }
    }

    @Test
    void pipelinedResponsesThatWaitForASlowClientKeepTheirBytes() throws Exception {
        // Whole responses leave through a batch buffer the event loop reuses once the socket has taken it: while the
        // client does not read, batches wait in the connection's buffer, and none may be written over by a later one.
        int requests = 2000;
        int size = 3000;
        try (RawConnection c = server.connect();
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = pool.submit(() -> {
                OutputStream out = c.output();
                for (int i = 0; i < requests; i++) {
                    out.write(("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: " + size
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body(i, size));
                }
                out.flush();
                return null;
            });
            Thread.sleep(500); // the server's writes fill the socket's buffers and then wait in the connection's
            for (int i = 0; i < requests; i++) {
                RawResponse r = c.read();
                assertThat(r.status()).isEqualTo(200);
                // Compared whole, reported short: the first bytes name the response whose bytes came instead.
                assertThat(java.util.Arrays.equals(r.body(), body(i, size)))
                        .as("response %d: %s...", i, new String(r.body(), 0, 8, StandardCharsets.US_ASCII))
                        .isTrue();
            }
            writer.get();
        }
    }

    @Test
    void theRequestsOfOneReadCarryTheTimeTheReadBegan() throws Exception {
        // The connection reads the clock once per read, for every request in it: the second request of a pipelined
        // pair, started after the first held the network thread for 50 ms, still says when it arrived.
        try (RawConnection c = server.connect()) {
            long before = System.currentTimeMillis();
            c.send("GET /stamp.x?hold=50 HTTP/1.1\r\nHost: h\r\n\r\nGET /stamp.x HTTP/1.1\r\nHost: h\r\n\r\n");
            long first = Long.parseLong(c.read().text());
            long second = Long.parseLong(c.read().text());
            long after = System.currentTimeMillis();
            assertThat(first).isBetween(before, after);
            assertThat(second).isEqualTo(first);
            // A later read, a later time.
            Thread.sleep(5);
            c.send("GET /stamp.x HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(Long.parseLong(c.read().text())).isGreaterThan(first);
        }
    }

    /** A body of its own for request {@code i}: its number, then letters that shift with it. */
    private static byte[] body(int i, int size) {
        byte[] b = new byte[size];
        byte[] number = (i + ":").getBytes(StandardCharsets.US_ASCII);
        for (int k = 0; k < size; k++) {
            b[k] = k < number.length ? number[k] : (byte) ('a' + (i + k) % 26);
        }
        return b;
    }
}
