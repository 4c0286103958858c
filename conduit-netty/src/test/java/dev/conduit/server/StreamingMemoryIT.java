package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream with back-pressure both ways: a 1 GiB upload, a 1 GiB file download, a 1 GiB streamed response to
 * a client that stops reading, and an upload pipelined behind a slow request each leave the server's memory within
 * 64 MiB of where it started. The client generates and counts bytes; it never holds a body.
 */
class StreamingMemoryIT {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long LIMIT = 64L * 1024 * 1024;

    @TempDir
    Path site;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(TestSites.write(site));
        // Warm up: classes loaded, allocator caches made, before the baseline is taken.
        try (RawConnection c = server.connect()) {
            c.send("POST /count.x HTTP/1.1\r\nHost: h\r\nContent-Length: 4194304\r\n\r\n");
            c.send(new byte[4 * 1024 * 1024]);
            assertThat(c.read().text()).isEqualTo("4194304");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void writeBody(OutputStream out, long length) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        for (long left = length; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.flush();
    }

    @Test
    void oneGibUploadToAByteCountingHandlerUsesConstantMemory() throws Exception {
        try (RawConnection c = server.connect();
                var writer = Executors.newVirtualThreadPerTaskExecutor();
                MemorySampler memory = MemorySampler.start()) {
            long start = System.nanoTime();
            c.send("POST /count.x HTTP/1.1\r\nHost: h\r\nContent-Length: " + GIB + "\r\n\r\n");
            Future<?> sent = writer.submit(() -> {
                writeBody(c.output(), GIB);
                return null;
            });
            RawResponse r = c.read();
            sent.get(1, TimeUnit.MINUTES);
            report("1 GiB upload", memory, start);
            assertThat(r.text()).isEqualTo(Long.toString(GIB));
            assertThat(memory.growth()).as(MemorySampler.mib(memory.growth())).isLessThan(LIMIT);
        }
    }

    @Test
    void oneGibStaticDownloadUsesConstantMemory() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(site.resolve("big.bin").toFile(), "rw")) {
            f.setLength(GIB); // sparse: no disk used, read as zeros
        }
        try (RawConnection c = server.connect();
                MemorySampler memory = MemorySampler.start()) {
            long start = System.nanoTime();
            RawResponse head =
                    c.send("GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Long.toString(GIB));
            assertThat(c.discardBody(head)).isEqualTo(GIB);
            report("1 GiB static download", memory, start);
            assertThat(memory.growth()).as(MemorySampler.mib(memory.growth())).isLessThan(LIMIT);
            // and the connection is still good for more
            assertThat(c.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aStreamedResponseToAClientThatStopsReadingIsNotBuffered() throws Exception {
        try (RawConnection c = server.connect();
                MemorySampler memory = MemorySampler.start()) {
            long start = System.nanoTime();
            RawResponse head = c.send("GET /stream.x?parts=16384&size=65536 HTTP/1.1\r\nHost: h\r\n\r\n")
                    .read(true);
            assertThat(head.chunked()).isFalse(); // read(true) leaves the body on the wire
            assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
            // The client stops reading for a second: a server without back-pressure would queue the whole GiB.
            Thread.sleep(1000);
            long heldWhileStalled = memory.growth();
            assertThat(c.discardBody(head)).isEqualTo(GIB);
            report("1 GiB streamed to a stalled reader", memory, start);
            assertThat(heldWhileStalled).as(MemorySampler.mib(heldWhileStalled)).isLessThan(LIMIT);
            assertThat(memory.growth()).as(MemorySampler.mib(memory.growth())).isLessThan(LIMIT);
        }
    }

    @Test
    void anUploadPipelinedBehindASlowRequestIsNotBuffered() throws Exception {
        long length = 256L * 1024 * 1024;
        try (RawConnection c = server.connect();
                var writer = Executors.newVirtualThreadPerTaskExecutor();
                MemorySampler memory = MemorySampler.start()) {
            long start = System.nanoTime();
            c.send("GET /sleep.x?ms=2000 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /count.x HTTP/1.1\r\nHost: h\r\nContent-Length: " + length + "\r\n\r\n");
            Future<?> sent = writer.submit(() -> {
                writeBody(c.output(), length);
                return null;
            });
            // While the first request sleeps, the upload behind it must wait in the socket, not in the server.
            assertThat(c.read().text()).isEqualTo("slept on virtual");
            long heldMeanwhile = memory.growth();
            assertThat(c.read().text()).isEqualTo(Long.toString(length));
            sent.get(1, TimeUnit.MINUTES);
            report("256 MiB upload behind a 2 s request", memory, start);
            assertThat(heldMeanwhile).as(MemorySampler.mib(heldMeanwhile)).isLessThan(LIMIT);
        }
    }

    private static void report(String what, MemorySampler memory, long startNanos) {
        System.out.printf(
                "%s: %s, memory growth %s%n",
                what, Duration.ofNanos(System.nanoTime() - startNanos), MemorySampler.mib(memory.growth()));
    }
}
