package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.H2FrameClient.Frame;
import dev.conduit.server.fixtures.AsyncTransmitHandler;
import dev.conduit.server.fixtures.SleepHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 flow control and lifecycle over a real socket with a frame-level client: a handler writing faster than its
 * client gives window is paused with bounded memory and resumes when window comes; a stream that waits for window
 * does not hold up another stream; a stop sends GOAWAY and lets the streams in flight finish.
 */
class Http2FlowIT {
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path site;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(TestSites.write(site));
        SleepHandler.ARRIVED.drainPermits();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDownloadToAClientThatGivesNoWindowIsPausedInBoundedMemory() throws Exception {
        long total = 64 * MIB;
        try (H2FrameClient client = H2FrameClient.connect(server.port());
                MemorySampler memory = MemorySampler.start()) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            client.get(1, "/stream.x?parts=1024&size=65536"); // 64 MiB, a flush after every 64 KiB
            Thread.sleep(1500);
            // Only the initial windows (64 KiB less a byte) can have been sent; the handler is paused, not buffering.
            assertThat(client.received(1)).isLessThanOrEqualTo(65_535);
            long heldWhileStalled = memory.growth();
            assertThat(heldWhileStalled).as(MemorySampler.mib(heldWhileStalled)).isLessThan(16 * MIB);

            // A second stream on the same connection is not held up by the first (it needs no window: no body).
            client.headers(3, H2FrameClient.request("HEAD", "/plaintext"), true);
            assertThat(client.await("HEADERS", WAIT)).isNotNull();

            readAgain(client, 1, total);
            assertThat(memory.growth()).as(MemorySampler.mib(memory.growth())).isLessThan(64 * MIB);
            System.out.printf(
                    "64 MiB over h2, stalled then read: memory growth %s while stalled, %s in all%n",
                    MemorySampler.mib(heldWhileStalled), MemorySampler.mib(memory.growth()));
        }
    }

    @Test
    void aFileSentFromTheEventLoopToAClientThatGivesNoWindowGoesOutAPieceAtATime() throws Exception {
        long total = 64 * MIB;
        try (RandomAccessFile f = new RandomAccessFile(site.resolve("big.bin").toFile(), "rw")) {
            f.setLength(total);
        }
        try (H2FrameClient client = H2FrameClient.connect(server.port());
                MemorySampler memory = MemorySampler.start()) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            // An async handler that completes at once: the file is sent from the event loop, which cannot wait.
            client.get(1, "/async-transmit.x?name=big.bin");
            Thread.sleep(1500);
            assertThat(AsyncTransmitHandler.lastThread)
                    .as("the handler's thread")
                    .contains("EventLoop");
            assertThat(client.received(1)).isLessThanOrEqualTo(65_535);
            long heldWhileStalled = memory.growth();
            // Read a piece at a time as the pieces before are sent, not the whole file into memory.
            assertThat(heldWhileStalled).as(MemorySampler.mib(heldWhileStalled)).isLessThan(16 * MIB);

            readAgain(client, 1, total);
            assertThat(memory.growth()).as(MemorySampler.mib(memory.growth())).isLessThan(64 * MIB);
        }
    }

    /**
     * The client reads again: window in 1 MiB steps as it goes, until the whole body of {@code stream} ({@code total}
     * bytes) is there, within a minute.
     */
    private static void readAgain(H2FrameClient client, int stream, long total) throws InterruptedException {
        client.giveWindowBack = true;
        client.window(stream, (int) MIB);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.received(stream) < total && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(client.received(stream)).isEqualTo(total);
    }

    @Test
    void aStreamWhoseClientGivesNoWindowIsResetAfterTheGraceAndTheConnectionServesOn() throws Exception {
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            long start = System.nanoTime();
            client.get(1, "/stream.x?parts=1024&size=65536");
            H2FrameClient.Frame reset = client.await("RST_STREAM", Duration.ofSeconds(15));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(reset).as("the stalled stream is reset").isNotNull();
            assertThat(reset.stream()).isEqualTo(1);
            assertThat(seconds).as("after the 5 s grace").isBetween(5L, 12L);
            assertThat(client.received(1)).isLessThanOrEqualTo(65_535);
            client.giveWindowBack = true;
            client.keepBodies = true;
            // The connection's window, spent on stream 1, given back for the next stream.
            client.on(c -> client.writer().writeWindowUpdate(c, 0, 65_535, c.newPromise()));
            client.get(3, "/plaintext");
            assertThat(client.response(3, WAIT).body()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void aStopSendsGoAwayAndLetsTheStreamsInFlightFinish() throws Exception {
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.get(1, "/sleep.x?ms=1500");
            client.get(3, "/sleep.x?ms=1500");
            assertThat(SleepHandler.ARRIVED.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = server.server.stopAsync(Duration.ofSeconds(20));
            Frame goAway = client.await("GOAWAY", WAIT);
            assertThat(goAway).isNotNull();
            assertThat(Http2Error.valueOf(goAway.code())).isEqualTo(Http2Error.NO_ERROR);
            assertThat(goAway.stream())
                    .as("the last stream the server will serve")
                    .isEqualTo(3);
            // A stream opened after the GOAWAY is refused; the two in flight finish.
            client.get(5, "/plaintext");
            assertThat(client.response(1, WAIT).body()).isEqualTo("slept on virtual");
            assertThat(client.response(3, WAIT).body()).isEqualTo("slept on virtual");
            stopped.get(20, TimeUnit.SECONDS);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void anExpectContinueIsAnsweredWithA100HeadersFrameBeforeTheBodyIsSent() throws Exception {
        // RFC 9113 §8.1: an interim response is a HEADERS frame that does not end the stream; the client sends its
        // body after it, and the final response follows.
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            Http2Headers h = H2FrameClient.request("POST", "/echo.x")
                    .add("expect", "100-continue")
                    .add("content-length", "5");
            client.headers(1, h, false);
            Frame interim = client.await("HEADERS", WAIT);
            assertThat(interim).as("an interim response in %s", client.seen).isNotNull();
            assertThat(interim.text()).contains(":status: 100");
            assertThat(interim.endStream()).isFalse();
            client.data(1, "hello".getBytes(StandardCharsets.US_ASCII), true);
            Frame last = client.await("HEADERS", WAIT);
            assertThat(last).as("the final response in %s", client.seen).isNotNull();
            assertThat(last.text()).contains(":status: 200");
            assertThat(client.response(1, WAIT).body()).isEqualTo("hello");
        }
    }

    @Test
    void anIdleConnectionIsClosedWithGoAwayAfterTheKeepAliveTimeout() throws Exception {
        server.close();
        server = RunningServer.start(TestSites.write(site), o -> o.keepAliveTimeout(Duration.ofMillis(700)));
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.get(1, "/sleep.x?ms=1200");
            // A stream in progress keeps it open past the timeout.
            assertThat(client.response(1, WAIT).body()).isEqualTo("slept on virtual");
            Frame goAway = client.await("GOAWAY", Duration.ofSeconds(5));
            assertThat(goAway).isNotNull();
            assertThat(Http2Error.valueOf(goAway.code())).isEqualTo(Http2Error.NO_ERROR);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aConnectionUpgradedFromHttp11ServesWhatCameWithTheUpgradeAndIsClosedWithGoAwayWhenIdle() throws Exception {
        server.close();
        server = RunningServer.start(TestSites.write(site), o -> o.keepAliveTimeout(Duration.ofMillis(700))
                .h2cUpgrade(true));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /plaintext HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            // And, without waiting for the 101, a GET / on stream 3 (HPACK: :method GET, :scheme http, :path /,
            // :authority localhost): bytes that arrive with the upgrade request reach the HTTP/2 codec.
            byte[] authority = "localhost".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer headers = ByteBuffer.allocate(9 + 5 + authority.length);
            headers.put((byte) 0)
                    .putShort((short) (5 + authority.length))
                    .put((byte) 1)
                    .put((byte) 0x5)
                    .putInt(3);
            headers.put((byte) 0x82)
                    .put((byte) 0x86)
                    .put((byte) 0x84)
                    .put((byte) 0x41)
                    .put((byte) authority.length);
            headers.put(authority);
            out.write(headers.array());
            out.flush();
            long start = System.nanoTime();
            byte[] all = socket.getInputStream().readAllBytes(); // until the server closes
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 101 Switching Protocols");
            // The frames after the 101's head: stream 1's answer, then a GOAWAY with NO_ERROR.
            int at = text.indexOf("\r\n\r\n") + 4;
            List<Integer> types = new ArrayList<>();
            List<Integer> answered = new ArrayList<>();
            int goAwayCode = -1;
            while (at + 9 <= all.length) {
                int length = (all[at] & 0xff) << 16 | (all[at + 1] & 0xff) << 8 | all[at + 2] & 0xff;
                int type = all[at + 3];
                types.add(type);
                if (type == 1) {
                    answered.add(ByteBuffer.wrap(all, at + 5, 4).getInt());
                }
                if (type == 7) {
                    goAwayCode = ByteBuffer.wrap(all, at + 9 + 4, 4).getInt();
                }
                at += 9 + length;
            }
            assertThat(answered).as("streams answered").containsExactlyInAnyOrder(1, 3);
            assertThat(types).as("frame types").endsWith(7);
            assertThat(goAwayCode).isEqualTo(Http2Error.NO_ERROR.code());
            assertThat(millis).as("closed after the timeout, not at once").isBetween(500L, 8_000L);
        }
    }

    @Test
    void smallResponsesHeldBackByAClientThatGivesNoWindowAreResetAfterTheGrace() throws Exception {
        // Streams of 13 bytes each never make their stream unwritable; a client that opens streams with no window at
        // all and never gives any would otherwise hold them (and the connection: it is never idle) for good.
        try (H2FrameClient client = H2FrameClient.connect(server.port(), new Http2Settings().initialWindowSize(0))) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            long start = System.nanoTime();
            for (int id = 1; id <= 19; id += 2) {
                client.get(id, "/plaintext");
            }
            assertThat(client.awaitCount("RST_STREAM", 10, Duration.ofSeconds(15)))
                    .as("every held stream reset, %s", client.seen)
                    .isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(seconds).as("after the 5 s grace").isBetween(5L, 12L);
            assertThat(client.count("DATA"))
                    .as("no body byte was sent without window")
                    .isZero();
        }
    }

    @Test
    void wholeResponsesWrittenAsOneBufferAreChargedToTheConnectionWindow() throws Exception {
        // Five responses of 15,000 bytes, each within its stream's window (65,535) and one frame; the connection's
        // window (65,535, never given back here) has room for four of them and 5,535 bytes of the fifth. A small whole
        // response leaves as one buffer of frames, beside the flow controller: unless it is charged to the windows as
        // the controller would charge it, the fifth goes out whole too, beyond what the client allowed.
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            for (int id = 1; id <= 9; id += 2) {
                client.get(id, "/sized.x?size=15000");
            }
            assertThat(client.awaitCount("DATA", 4, WAIT)).as("%s", client.seen).isTrue();
            Thread.sleep(1000);
            long sent = client.received.values().stream()
                    .mapToLong(java.util.concurrent.atomic.AtomicLong::get)
                    .sum();
            assertThat(sent).as("the connection's window, no more").isEqualTo(65_535);
            int waiting = -1;
            for (int id = 1; id <= 9; id += 2) {
                if (client.received(id) < 15_000) {
                    assertThat(waiting)
                            .as("one stream short, %s", client.received)
                            .isEqualTo(-1);
                    waiting = id;
                }
            }
            assertThat(waiting).as("the stream left waiting, %s", client.seen).isPositive();
            assertThat(client.received(waiting)).isEqualTo(5_535);

            client.window(waiting, 15_000);
            assertThat(client.response(waiting, WAIT).resetCode()).isEqualTo(-1);
            assertThat(client.received(waiting)).isEqualTo(15_000);
        }
    }

    @Test
    void aSmallResponseDoesNotTakeTheConnectionWindowFromDataAnotherStreamHasQueued() throws Exception {
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.keepBodies = false;
            client.giveWindowBack = false;
            // More than a frame: through the flow controller, which sends the connection's 65,535 bytes and queues
            // the rest.
            client.get(1, "/sized.x?size=100000");
            awaitReceived(client, 1, 65_535);
            // Room on stream 1 itself: the connection's window is all it waits for.
            client.on(c -> client.writer().writeWindowUpdate(c, 1, 100_000, c.newPromise()));
            Thread.sleep(300);
            assertThat(client.received(1)).isEqualTo(65_535);

            // 13 bytes of connection window and, in the same read, a request answered in that read with 13 bytes
            // (an asynchronous handler that completes at once). The window is stream 1's, which waited for it: a
            // small response written beside the flow controller must not take it (repeated, that starves stream 1).
            client.on(c -> {
                client.writer().writeWindowUpdate(c, 0, 13, c.newPromise());
                client.writer()
                        .writeHeaders(c, 3, H2FrameClient.request("GET", "/async-plain.x"), 0, true, c.newPromise());
            });
            awaitReceived(client, 1, 65_548);
            Thread.sleep(300);
            assertThat(client.received(3))
                    .as("the small response waits for window")
                    .isZero();

            client.window(3, 200_000);
            assertThat(client.response(3, WAIT).resetCode()).isEqualTo(-1);
            assertThat(client.received(3)).isEqualTo(13);
        }
    }

    private static void awaitReceived(H2FrameClient client, int stream, long bytes) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (client.received(stream) < bytes && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(client.received(stream))
                .as("bytes received on stream %d, %s", stream, client.seen)
                .isEqualTo(bytes);
    }

    @Test
    void aWholeResponseWhoseHeadIsLargerThanAFrameGoesOutInContinuationFrames() throws Exception {
        // 60,000 characters of header: about 40 KB compressed, more than the 16 KiB a frame may carry.
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.get(1, "/sized.x?size=100&header=60000");
            H2FrameClient.Response r = client.response(1, WAIT);
            assertThat(r.resetCode()).isEqualTo(-1);
            assertThat(r.headers()).contains("x-long: " + "x".repeat(60_000));
            assertThat(r.body()).hasSize(100).startsWith("abcdefghijklmnopqrstuvwxyzabcd");
            // The connection goes on (its compression state intact).
            client.get(3, "/plaintext");
            assertThat(client.response(3, WAIT).body()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void aStreamWhoseClientNeverEndsItIsResetWithNoErrorOnceAnswered() throws Exception {
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.headers(1, H2FrameClient.request("GET", "/plaintext"), false); // no END_STREAM, ever
            assertThat(client.response(1, WAIT).body()).isEqualTo("Hello, World!");
            Frame reset = client.await("RST_STREAM", Duration.ofSeconds(5));
            assertThat(reset).as("a reset after the response, %s", client.seen).isNotNull();
            assertThat(reset.stream()).isEqualTo(1);
            assertThat(Http2Error.valueOf(reset.code())).isEqualTo(Http2Error.NO_ERROR);
            // The connection goes on.
            client.get(3, "/plaintext");
            assertThat(client.response(3, WAIT).body()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void aHundredUploadsWhoseHandlersReadLateAreLetInOnlyAsFarAsTheirQueuesAndTheConnectionWindow() throws Exception {
        int streams = 100;
        long size = 2 * MIB;
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            WindowedSender sender = new WindowedSender(client);
            for (int i = 0; i < streams; i++) {
                sender.post(1 + 2 * i, "/count.x?ms=3000", size);
            }
            // For 2.5 s, while every handler waits, then on until every body is sent.
            long start = System.nanoTime();
            long letIn = -1;
            while (!sender.done()) {
                long elapsed = System.nanoTime() - start;
                if (letIn < 0 && elapsed > TimeUnit.MILLISECONDS.toNanos(2500)) {
                    letIn = sender.sentTotal;
                }
                assertThat(elapsed).as("the uploads went on").isLessThan(TimeUnit.SECONDS.toNanos(30));
                sender.round();
            }
            for (int i = 0; i < streams; i++) {
                assertThat(client.response(1 + 2 * i, WAIT).body()).isEqualTo(Long.toString(size));
            }
            // Each stream's body may queue 64 KiB while its handler waits, and the connection's window (2 MiB) bounds
            // what waits beyond that: about 8 MiB of the 200 MiB offered is let in (it was about 100 MiB when a
            // stream's body queued as much as an HTTP/1.1 connection's, 1 MiB).
            System.out.printf(
                    "%d uploads of 2 MiB to handlers reading after 3 s: %s let in at 2.5 s%n",
                    streams, MemorySampler.mib(letIn));
            assertThat(letIn).as(MemorySampler.mib(letIn)).isBetween(4 * MIB, 16 * MIB);
        }
    }

    @Test
    void aBodyWaitingForTheConnectionWindowOtherStreamsHoldIsNotTooSlow() throws Exception {
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            WindowedSender sender = new WindowedSender(client);
            // Three uploads whose handlers read only after 9 s take the whole connection window.
            for (int id : new int[] {1, 3, 5}) {
                sender.post(id, "/count.x?ms=9000", 2 * MIB);
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1000)) {
                sender.round();
            }
            assertThat(sender.done()).isFalse();
            // A fourth, read at once, cannot be sent a byte of its body until they are read: not the client's
            // slowness, so not 408 at the minimum rate's 5 s.
            sender.post(7, "/count.x", 64 * 1024);
            while (!sender.done()) {
                assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
                sender.round();
            }
            H2FrameClient.Response fourth = client.response(7, WAIT);
            assertThat(fourth.headers()).contains("status: 200");
            assertThat(fourth.body()).isEqualTo("65536");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("answered once the others were read")
                    .isGreaterThan(8000);
            for (int id : new int[] {1, 3, 5}) {
                assertThat(client.response(id, WAIT).body()).isEqualTo(Long.toString(2 * MIB));
            }
        }
    }

    /**
     * A client's request bodies sent as its windows allow: the server's initial ones (1 MiB a stream, 64 KiB less a
     * byte for the connection) and what its WINDOW_UPDATEs add; a frame of up to 16 KiB per stream and round.
     */
    private static final class WindowedSender {
        private static final int FRAME = 16 * 1024;
        private static final byte[] ZEROS = new byte[FRAME];
        private final H2FrameClient client;
        private final java.util.Map<Integer, long[]> bodies = new java.util.LinkedHashMap<>(); // {size, sent}
        long sentTotal;

        WindowedSender(H2FrameClient client) {
            this.client = client;
        }

        void post(int id, String path, long size) {
            Http2Headers h = H2FrameClient.request("POST", path);
            h.set("content-length", Long.toString(size));
            client.headers(id, h, false);
            bodies.put(id, new long[] {size, 0});
        }

        boolean done() {
            return bodies.values().stream().allMatch(b -> b[1] == b[0]);
        }

        void round() throws InterruptedException {
            boolean progress = false;
            for (var e : bodies.entrySet()) {
                long[] b = e.getValue();
                long connection = 65_535 + client.granted(0) - sentTotal;
                long stream = MIB + client.granted(e.getKey()) - b[1];
                int n = (int) Math.min(Math.min(FRAME, b[0] - b[1]), Math.min(connection, stream));
                if (n > 0) {
                    b[1] += n;
                    sentTotal += n;
                    client.data(e.getKey(), n == FRAME ? ZEROS : new byte[n], b[1] == b[0]);
                    progress = true;
                }
            }
            if (!progress) {
                Thread.sleep(5);
            }
        }
    }
}
