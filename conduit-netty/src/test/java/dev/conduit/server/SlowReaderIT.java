package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimum data rates (240 bytes a second after 5 s, as Kestrel) both ways: a client that stops reading a response
 * is cut and the rest is never sent, one that reads slowly but above the rate gets the whole response; a client that
 * trickles a request body is answered 408, one that sends it slowly but above the rate is served.
 */
class SlowReaderIT {
    private static final long GIB = 1024L * 1024 * 1024;

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

    private Socket request(String target) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024); // before connecting: the window the server sees
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.setSoTimeout(30_000);
        s.getOutputStream()
                .write(("GET " + target + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Reads until the end of the stream or a reset; the bytes read. */
    private static long drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // reset by the server: the bytes before it count
        }
        return total;
    }

    @Test
    void aClientThatStopsReadingIsCutAfterTheGrace() throws Exception {
        try (Socket s = request("/stream.x?parts=16384&size=65536")) { // 1 GiB, streamed
            long start = System.nanoTime();
            Thread.sleep(8_000); // reads nothing: after the 5 s grace it has read 0 bytes/s
            long read = drain(s.getInputStream());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(read).as("cut: far less than the 1 GiB body").isLessThan(64L * 1024 * 1024);
            assertThat(seconds).isLessThan(20);
        }
        // The server serves on.
        try (RawConnection c = server.connect()) {
            assertThat(c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .text())
                    .isEqualTo("Hello, World!");
        }
    }

    @Test
    void aClientReadingSlowlyAboveTheRateGetsTheWholeResponse() throws Exception {
        long length = 1024L * 1024; // 16 parts of 64 KiB, chunked
        try (Socket s = request("/stream.x?parts=16&size=65536")) {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[2048];
            long read = 0;
            // 2 KiB every 100 ms (about 20 KB/s, well above 240 bytes/s) for 8 s: past the grace, never cut.
            for (int i = 0; i < 80; i++) {
                int n = in.read(buffer);
                assertThat(n).as("still open after %d ms", i * 100).isPositive();
                read += n;
                Thread.sleep(100);
            }
            read += drain(in);
            // The whole chunked body arrived: its bytes and the chunk framing, and the head.
            assertThat(read).isGreaterThan(length);
        }
    }

    @Test
    void aRequestBodyTrickledBelowTheRateIsAnswered408() throws Exception {
        try (RawConnection c = server.connect()) {
            c.send("POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n");
            long start = System.nanoTime();
            // One byte a second: the connection is cut about 5 s in, long before the 1000 bytes.
            for (int i = 0; i < 12 && c.input().available() == 0; i++) { // until the answer is there
                c.send("x");
                Thread.sleep(1000);
            }
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.text()).contains("did not arrive in time");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void aPipelinedRequestWhoseBodyStopsIsAnswered408Too() throws Exception {
        try (RawConnection c = server.connect()) {
            // The second request starts when the first is done, outside any read: its body must be watched all
            // the same (else its handler waits for the rest of it for minutes).
            c.send("GET /sleep.x?ms=300 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /echo.x HTTP/1.1\r\nHost: h\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                    + "only these bytes");
            long start = System.nanoTime();
            assertThat(c.read().status()).isEqualTo(200);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(15));
        }
    }

    @Test
    void aRequestBodySentSlowlyAboveTheRateIsServed() throws Exception {
        try (RawConnection c = server.connect()) {
            c.send("POST /count.x HTTP/1.1\r\nHost: h\r\nContent-Length: 6144\r\n\r\n");
            // 512 bytes every half second (1 KB/s) for 6 s: past the grace, above the rate.
            for (int i = 0; i < 12; i++) {
                c.send(new byte[512]);
                Thread.sleep(500);
            }
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("6144");
        }
    }

    @Test
    void aClientThatLeavesDuringAFileCostsALineAtInfoNotAnError() throws Exception {
        try (java.io.RandomAccessFile big =
                new java.io.RandomAccessFile(site.resolve("big.bin").toFile(), "rw")) {
            big.setLength(256L * 1024 * 1024);
        }
        try (WarningRecorder log = WarningRecorder.start()) {
            Socket s = request("/transmit.x?name=big.bin");
            byte[] some = new byte[64 * 1024];
            assertThat(s.getInputStream().read(some)).isPositive();
            s.setSoLinger(true, 0);
            s.close(); // a reset while the handler's TransmitFile is on its way
            Thread.sleep(1500);
            try (RawConnection c = server.connect()) {
                assertThat(c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n")
                                .read()
                                .text())
                        .isEqualTo("Hello, World!");
            }
            assertThat(log.warnings()).as("warnings and errors logged").isEmpty();
        }
    }
}
