package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends complete requests and then shuts down its side of the connection (a TCP half-close, as {@code
 * nc -N}, some proxies and health checkers do) still reads every response owed to it, in order, and then the server
 * closes (RFC 9112 §9.6: the server closes after the last response it owes).
 */
class HalfCloseIT {
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
    void synchronousHandlerAnswersAfterTheClientHalfCloses() {
        try (RawConnection c = server.connect()) {
            c.send("GET /sleep.x?ms=200 HTTP/1.1\r\nHost: h\r\n\r\n");
            halfClose(c);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("slept on virtual");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void asynchronousHandlerAnswersAfterTheClientHalfCloses() {
        try (RawConnection c = server.connect()) {
            c.send("GET /async.x?ms=200 HTTP/1.1\r\nHost: h\r\n\r\n");
            halfClose(c);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isNotEmpty();
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void staticFileIsSentAfterTheClientHalfCloses() {
        try (RawConnection c = server.connect()) {
            c.send("GET /file.txt HTTP/1.1\r\nHost: h\r\n\r\n");
            halfClose(c);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo(TestSites.FILE_TEXT);
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void bothOfAPipelinedPairAreAnsweredInOrderAfterTheHalfClose() {
        try (RawConnection c = server.connect()) {
            c.send("GET /sleep.x?ms=200 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
            halfClose(c);
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            RawResponse second = c.read();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("hello");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aBodyCutShortByTheHalfCloseIsRefusedAndTheConnectionCloses() {
        try (RawConnection c = server.connect()) {
            c.send("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nhel");
            halfClose(c);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anIdleConnectionThatHalfClosesIsClosed() {
        try (RawConnection c = server.connect()) {
            assertThat(c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .status())
                    .isEqualTo(200);
            halfClose(c);
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aHeadCutShortByTheHalfCloseGetsNoResponse() {
        try (RawConnection c = server.connect()) {
            c.send("GET /plaintext HTTP/1.1\r\nHo");
            halfClose(c);
            assertThat(c.readUntilClosed()).isEmpty();
        }
    }

    private static void halfClose(RawConnection c) {
        try {
            c.socket().shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
