package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.H2FrameClient.Frame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/2 attacks of the last years, each sent by a frame-level client ({@link H2FrameClient}, Netty's frame writer
 * and raw frames) over a real socket: each ends with the attacker's connection closed after a GOAWAY with the code
 * that names it, while a connection opened before the attack and one opened after it are served.
 */
class Http2HostileIT {
    private static final int HEADERS = 0x1;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int CONTINUATION = 0x9;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path site;

    private RunningServer server;
    private H2FrameClient bystander;
    private WarningRecorder log;

    @BeforeEach
    void start() throws Exception {
        log = WarningRecorder.start();
        server = RunningServer.start(TestSites.write(site));
        bystander = H2FrameClient.connect(server.port());
        bystander.get(1, "/plaintext");
        assertThat(bystander.response(1, WAIT).body()).isEqualTo("Hello, World!");
    }

    @AfterEach
    void stop() {
        bystander.close();
        server.close();
        log.close();
        // An attack is the client's doing: a line at INFO for the connection it cost, never a warning (or a stack
        // trace) that a client could repeat at will into the server's log.
        assertThat(log.warnings()).as("warnings logged").isEmpty();
    }

    /** The attacker got a GOAWAY with {@code code} and was closed; the others are served. */
    private void closedWith(H2FrameClient attacker, Http2Error code) throws Exception {
        Frame goAway = attacker.await("GOAWAY", WAIT);
        assertThat(goAway)
                .as("a GOAWAY in %s, open %s", attacker.seen, attacker.isOpen())
                .isNotNull();
        assertThat(Http2Error.valueOf(goAway.code())).as(goAway.toString()).isEqualTo(code);
        assertThat(attacker.awaitClosed(WAIT))
                .as("the attacker's connection is closed")
                .isTrue();
        othersServed();
    }

    private void othersServed() throws Exception {
        bystander.get(3, "/plaintext");
        assertThat(bystander.response(3, WAIT).body())
                .as("the connection opened before")
                .isEqualTo("Hello, World!");
        try (H2FrameClient after = H2FrameClient.connect(server.port())) {
            after.get(1, "/plaintext");
            assertThat(after.response(1, WAIT).body())
                    .as("a connection opened after")
                    .isEqualTo("Hello, World!");
        }
    }

    @Test
    void rapidResetCve202344487() throws Exception {
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            // Each request cancelled at once. In batches of 50, each sent once a PING after the one before was
            // acknowledged: the server has then read all that was sent, and its close after the GOAWAY leaves no
            // request unread (which would turn the close into a TCP reset, and the GOAWAY could be lost with it).
            int sent = 0;
            for (int batch = 1; batch <= 20; batch++) {
                int first = sent;
                int ping = batch;
                attacker.on(c -> {
                    for (int stream = 1 + 2 * first; stream < 1 + 2 * (first + 50); stream += 2) {
                        attacker.writer()
                                .writeHeaders(
                                        c,
                                        stream,
                                        H2FrameClient.request("GET", "/async.x?ms=500"),
                                        0,
                                        true,
                                        c.newPromise());
                        attacker.writer().writeRstStream(c, stream, Http2Error.CANCEL.code(), c.newPromise());
                    }
                    attacker.writer().writePing(c, false, ping, c.newPromise());
                });
                sent += 50;
                if (!attacker.awaitCount("PING_ACK", batch, WAIT)) {
                    break;
                }
            }
            closedWith(attacker, Http2Error.ENHANCE_YOUR_CALM);
        }
    }

    /**
     * Sends {@code perStream} for stream after stream, in batches of 50 streams each sent once the server answered
     * the previous batch with as many RST_STREAM frames (so that the connection is not closed with requests unread,
     * which would turn the GOAWAY into a TCP reset), until the server sends a GOAWAY.
     */
    private static void streamAfterStream(
            H2FrameClient attacker,
            java.util.function.BiConsumer<io.netty.channel.ChannelHandlerContext, Integer> perStream)
            throws InterruptedException {
        int sent = 0;
        for (int batch = 0; batch < 20; batch++) {
            int first = sent;
            attacker.on(c -> {
                for (int i = first; i < first + 50; i++) {
                    perStream.accept(c, 1 + 2 * i);
                }
            });
            sent += 50;
            if (!attacker.awaitCount("RST_STREAM", sent, WAIT)) {
                return;
            }
        }
    }

    @Test
    void madeYouResetCve202555163() throws Exception {
        // Frames that make the server reset the stream itself (a zero window increment is a stream error): after 200
        // resets of its own within 30 s the server closes the connection.
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            streamAfterStream(attacker, (c, stream) -> {
                attacker.writer()
                        .writeHeaders(c, stream, H2FrameClient.request("POST", "/echo.x"), 0, false, c.newPromise());
                c.write(H2FrameClient.rawFrame(WINDOW_UPDATE, 0, stream, new byte[4]));
            });
            closedWith(attacker, Http2Error.ENHANCE_YOUR_CALM);
            assertThat(attacker.count("RST_STREAM")).isBetween(200, 251);
        }
    }

    @Test
    void malformedRequestsResetTheirStreamAndNothingElse() throws Exception {
        // RFC 9113 §8.1.1: a malformed request is a stream error. A CR LF or NUL in a value (no line break in HTTP/2,
        // but a handler copying it into an HTTP/1.1 message would split it), a Host contradicting :authority
        // (§8.3.1), a method or a target with a space (which no request line could carry).
        java.util.List<Http2Headers> malformed = new java.util.ArrayList<>();
        for (String bad : java.util.List.of("a\r\nSet-Cookie: x=1", "a\u0000b")) {
            malformed.add(unchecked(H2FrameClient.request("GET", "/plaintext")).add("x-thing", bad));
        }
        malformed.add(unchecked(H2FrameClient.request("GET", "/plaintext")).add("host", "elsewhere.example"));
        malformed.add(unchecked(H2FrameClient.request("GET", "/plain text")));
        malformed.add(unchecked(H2FrameClient.request("G T", "/plaintext")));
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            int stream = 1;
            for (Http2Headers headers : malformed) {
                client.headers(stream, headers, true);
                Frame reset = client.await("RST_STREAM", WAIT);
                assertThat(reset)
                        .as("a reset for %s in %s", headers, client.seen)
                        .isNotNull();
                assertThat(reset.stream()).isEqualTo(stream);
                assertThat(Http2Error.valueOf(reset.code())).as("%s", headers).isEqualTo(Http2Error.PROTOCOL_ERROR);
                stream += 2;
            }
            client.get(stream, "/plaintext");
            assertThat(client.response(stream, WAIT).body())
                    .as("the same connection serves the next stream")
                    .isEqualTo("Hello, World!");
            assertThat(client.count("GOAWAY")).isZero();
        }
        othersServed();
    }

    /** {@code headers} in a map that checks nothing, so that the client writes what the test gives. */
    private static Http2Headers unchecked(Http2Headers headers) {
        Http2Headers raw = new io.netty.handler.codec.http2.DefaultHttp2Headers(false, false, 8);
        raw.add(headers);
        return raw;
    }

    @Test
    void aFrameOfAnUnknownTypeInTheMiddleOfAnUploadIsIgnored() throws Exception {
        // RFC 9113 §5.5: frames of unknown types are ignored, also on a stream; the body around them arrives whole.
        try (H2FrameClient client = H2FrameClient.connect(server.port())) {
            client.headers(1, H2FrameClient.request("POST", "/echo.x"), false);
            client.data(1, "hello, ".getBytes(StandardCharsets.US_ASCII), false);
            client.raw(0x2a, 0, 1, new byte[] {1, 2, 3});
            client.data(1, "world".getBytes(StandardCharsets.US_ASCII), true);
            assertThat(client.response(1, WAIT).body()).isEqualTo("hello, world");
        }
    }

    @Test
    void continuationFloodOfSmallFrames() throws Exception {
        // A header block that never ends, in empty CONTINUATION frames: the 17th small one closes the connection.
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            attacker.raw(HEADERS, END_STREAM, 1, new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84});
            attacker.flood(20, i -> H2FrameClient.rawFrame(CONTINUATION, 0, 1, new byte[0]));
            closedWith(attacker, Http2Error.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void continuationFloodBeyondTheHeaderListSize() throws Exception {
        // Literal fields of 8 KiB each (not "small" frames) in CONTINUATION frames that never end the block: past
        // 1.25 times the header list size (32 KiB) of encoded bytes the connection is closed.
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            attacker.raw(HEADERS, END_STREAM, 1, new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84});
            byte[] field = literal("x-flood", "a".repeat(8200), false);
            attacker.flood(6, i -> H2FrameClient.rawFrame(CONTINUATION, 0, 1, field));
            closedWith(attacker, Http2Error.PROTOCOL_ERROR);
        }
    }

    @Test
    void hpackBomb() throws Exception {
        // One 4,000-byte value put in the dynamic table, then named by its index a thousand times: 5 KB sent, 4 MB
        // of headers once decoded. The decoder stops keeping fields past the header list size: the stream is
        // answered 431 and reset, as an oversized head is over HTTP/1.1, and the connection serves on.
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes(new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84});
        block.writeBytes(literal("x-bomb", "b".repeat(4000), true));
        byte[] references = new byte[1000];
        java.util.Arrays.fill(references, (byte) (0x80 | 62)); // indexed: the first dynamic entry
        block.writeBytes(references);
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            attacker.raw(HEADERS, END_STREAM | END_HEADERS, 1, block.toByteArray());
            H2FrameClient.Response bombed = attacker.response(1, WAIT);
            assertThat(bombed.headers()).contains(":status: 431");
            attacker.get(3, "/plaintext");
            assertThat(attacker.response(3, WAIT).body()).isEqualTo("Hello, World!");
            // Bomb after bomb: each reset counts, and the 200th within 30 s closes the connection.
            byte[] again = new byte[3 + references.length];
            again[0] = (byte) 0x82;
            again[1] = (byte) 0x86;
            again[2] = (byte) 0x84;
            System.arraycopy(references, 0, again, 3, references.length);
            streamAfterStream(
                    attacker,
                    (c, stream) ->
                            c.write(H2FrameClient.rawFrame(HEADERS, END_STREAM | END_HEADERS, stream + 4, again)));
            closedWith(attacker, Http2Error.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void settingsFloodFromAClientThatDoesNotRead() throws Exception {
        try (H2FrameClient attacker = H2FrameClient.connectNotReading(server.port(), new Http2Settings())) {
            attacker.flood(2_000_000, i -> H2FrameClient.rawFrame(0x4, 0, 0, new byte[0]));
            assertThat(attacker.awaitClosed(Duration.ofSeconds(30)))
                    .as("closed once its unread SETTINGS acknowledgements pile up")
                    .isTrue();
            othersServed();
        }
    }

    @Test
    void pingFloodFromAClientThatDoesNotRead() throws Exception {
        try (H2FrameClient attacker = H2FrameClient.connectNotReading(server.port(), new Http2Settings())) {
            attacker.flood(1_000_000, i -> H2FrameClient.rawFrame(0x6, 0, 0, new byte[8]));
            assertThat(attacker.awaitClosed(Duration.ofSeconds(30)))
                    .as("closed once its unread PING acknowledgements pile up")
                    .isTrue();
            othersServed();
        }
    }

    @Test
    void emptyDataFrameFlood() throws Exception {
        // DATA frames that carry nothing and do not end the stream: the third in a row closes the connection.
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            attacker.headers(1, H2FrameClient.request("POST", "/echo.x"), false);
            attacker.flood(3, i -> H2FrameClient.rawFrame(0x0, 0, 1, new byte[0]));
            closedWith(attacker, Http2Error.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void moreThanAHundredConcurrentStreamsAreRefused() throws Exception {
        try (H2FrameClient attacker = H2FrameClient.connect(server.port())) {
            assertThat(attacker.seen.get(0).text()).contains("MAX_CONCURRENT_STREAMS=100");
            attacker.on(c -> {
                for (int i = 0; i < 101; i++) {
                    attacker.writer()
                            .writeHeaders(
                                    c,
                                    1 + 2 * i,
                                    H2FrameClient.request("GET", "/async.x?ms=2000"),
                                    0,
                                    true,
                                    c.newPromise());
                }
            });
            Frame reset = attacker.await("RST_STREAM", WAIT);
            assertThat(reset).isNotNull();
            assertThat(reset.stream()).isEqualTo(201);
            assertThat(Http2Error.valueOf(reset.code())).isEqualTo(Http2Error.REFUSED_STREAM);
            othersServed();
        }
    }

    /** An HPACK literal field with a new name (RFC 7541 §6.2), with or without incremental indexing. */
    private static byte[] literal(String name, String value, boolean index) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(index ? 0x40 : 0x00);
        string(b, name);
        string(b, value);
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        integer(b, bytes.length, 7, 0);
        b.writeBytes(bytes);
    }

    /** An HPACK integer with an {@code n}-bit prefix (RFC 7541 §5.1). */
    private static void integer(ByteArrayOutputStream b, int value, int n, int first) {
        int max = (1 << n) - 1;
        if (value < max) {
            b.write(first | value);
            return;
        }
        b.write(first | max);
        value -= max;
        while (value >= 128) {
            b.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        b.write(value);
    }
}
