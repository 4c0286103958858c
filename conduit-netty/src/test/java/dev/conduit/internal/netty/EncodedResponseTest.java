package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EncodedResponse} writes the bytes Netty's {@link HttpResponseEncoder} writes for the same full response, and
 * {@link ResponseEncoder} lets them through without upsetting the responses it encodes itself.
 */
class EncodedResponseTest {
    private static final CharSequence[] HEAD = {
        Names.CONTENT_TYPE,
        "text/plain; charset=utf-8",
        "X-Plain",
        "caf\u00e9 \u20ac1", // Latin-1 as is, U+20AC as '?' (AsciiString.c2b)
        Names.SERVER,
        ConnectionHandler.SERVER_NAME,
        Names.DATE,
        AsciiString.cached("Sun, 06 Dec 2026 14:00:00 GMT"),
        Names.CONTENT_LENGTH,
        "0"
    };

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of(HttpResponseStatus.OK, 0),
                Arguments.of(HttpResponseStatus.OK, 13),
                Arguments.of(HttpResponseStatus.NOT_FOUND, EncodedResponse.COPY_LIMIT),
                Arguments.of(HttpResponseStatus.OK, EncodedResponse.COPY_LIMIT + 1),
                Arguments.of(HttpResponseStatus.OK, 100_000),
                Arguments.of(new HttpResponseStatus(200, "Fine \u00fcber \u4e2d"), 5),
                Arguments.of(HttpResponseStatus.valueOf(299), 5), // no standard reason: Netty makes one per call
                Arguments.of(HttpResponseStatus.NOT_MODIFIED, 7)); // Netty never writes a 304's body
    }

    @ParameterizedTest
    @MethodSource("responses")
    void aResponseFromABufferIsWhatNettyWouldWrite(HttpResponseStatus status, int length) {
        byte[] body = body(length);
        CharSequence[] pairs = head(length);
        ByteBuf content = ByteBufAllocator.DEFAULT.buffer(length).writeBytes(body);
        EncodedResponse encoded = EncodedResponse.of(head(status, pairs), content);
        ByteBuf out = encoded.encode(ByteBufAllocator.DEFAULT);
        assertThat(encoded.refCnt()).as("released by encoding").isZero();
        assertThat(out)
                .as("a large body follows its head uncopied")
                .isInstanceOf(
                        length > EncodedResponse.COPY_LIMIT && status.code() != 304
                                ? io.netty.buffer.CompositeByteBuf.class
                                : ByteBuf.class);
        assertThat(bytes(out)).isEqualTo(netty(status, pairs, body));
        out.release();
        assertThat(content.refCnt()).as("the body went with the response").isZero();
    }

    @ParameterizedTest
    @MethodSource("responses")
    void aResponseFromAnArrayIsWhatNettyWouldWrite(HttpResponseStatus status, int length) {
        byte[] body = body(length + 6);
        CharSequence[] pairs = head(length);
        EncodedResponse encoded = EncodedResponse.of(head(status, pairs), body, 3, length);
        assertThat(encoded(encoded)).isEqualTo(netty(status, pairs, Arrays.copyOfRange(body, 3, 3 + length)));
    }

    @Test
    void aHeadLargerThanTheScratchArrayIsWrittenWhole() throws Exception {
        CharSequence[] pairs = head(3);
        String big = "v".repeat(5000);
        pairs = Arrays.copyOf(pairs, pairs.length + 2);
        pairs[pairs.length - 2] = "X-Big";
        pairs[pairs.length - 1] = big;
        CharSequence[] p = pairs;
        // On an event loop thread, where the scratch array (1 KiB at first) is used and must grow.
        io.netty.channel.DefaultEventLoop loop = new io.netty.channel.DefaultEventLoop();
        try {
            byte[] out = loop.submit(() -> {
                        return encoded(EncodedResponse.of(
                                head(HttpResponseStatus.OK, p), "abc".getBytes(StandardCharsets.US_ASCII), 0, 3));
                    })
                    .get();
            assertThat(out).isEqualTo(netty(HttpResponseStatus.OK, p, "abc".getBytes(StandardCharsets.US_ASCII)));
        } finally {
            loop.shutdownGracefully().sync();
        }
    }

    /**
     * The handler that encodes a connection's responses: the encoder alone, or the clear-text codec that holds it (and
     * makes it only for the first response not encoded whole).
     */
    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of("ResponseEncoder", (java.util.function.Supplier<io.netty.channel.ChannelHandler>)
                        ResponseEncoder::new),
                Arguments.of("Http1Codec", (java.util.function.Supplier<io.netty.channel.ChannelHandler>)
                        () -> new Http1Codec(
                                ServerChannels.decoderConfig(dev.conduit.server.ServerOptions.defaults()),
                                100,
                                () -> {},
                                0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoders")
    void theEncoderPassesEncodedResponsesAndStillFramesItsOwn(
            String name, java.util.function.Supplier<io.netty.channel.ChannelHandler> encoder) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder.get());
        EmbeddedChannel reference = new EmbeddedChannel(new HttpResponseEncoder());
        CharSequence[] pairs = head(2);
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        ch.writeOutbound(EncodedResponse.of(head(HttpResponseStatus.OK, pairs), ab, 0, 2));
        reference.writeOutbound(full(HttpResponseStatus.OK, pairs, ab));
        // A streamed, chunked response between two encoded ones: Netty's encoder frames it.
        for (EmbeddedChannel c : new EmbeddedChannel[] {ch, reference}) {
            DefaultHttpResponse streamed = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            streamed.headers().set("Transfer-Encoding", "chunked");
            c.writeOutbound(streamed, new DefaultHttpContent(Unpooled.copiedBuffer("xyz", StandardCharsets.US_ASCII)));
            c.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        ch.writeOutbound(EncodedResponse.of(head(HttpResponseStatus.OK, pairs), ab, 0, 2));
        reference.writeOutbound(full(HttpResponseStatus.OK, pairs, ab));
        assertThat(drain(ch)).isEqualTo(drain(reference)).contains("\r\n3\r\nxyz\r\n0\r\n\r\n");
        ch.finishAndReleaseAll();
        reference.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoders")
    void anEncodedResponseInsideAStreamedOneIsRefused(
            String name, java.util.function.Supplier<io.netty.channel.ChannelHandler> encoder) {
        EmbeddedChannel ch = new EmbeddedChannel(encoder.get());
        DefaultHttpResponse streamed = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        streamed.headers().set("Transfer-Encoding", "chunked");
        ch.writeOutbound(streamed);
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        EncodedResponse inside = EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 0, 2);
        io.netty.channel.ChannelFuture refused = ch.writeAndFlush(inside);
        assertThat(refused.cause()).isInstanceOf(IllegalStateException.class);
        assertThat(inside.refCnt()).as("released").isZero();
        ch.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        EncodedResponse after = EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 0, 2);
        assertThat(ch.writeAndFlush(after).isSuccess())
                .as("between responses again")
                .isTrue();
        assertThat(drain(ch)).endsWith("\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n" + drainHead(2) + "ab");
        ch.finishAndReleaseAll();
    }

    @Test
    void theCodecWritesTheResponsesOfARead_asOneBatch_inOrderWithEverythingElse() {
        Http1Codec codec = new Http1Codec(
                ServerChannels.decoderConfig(dev.conduit.server.ServerOptions.defaults()), 100, () -> {}, 0);
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        EmbeddedChannel reference = new EmbeddedChannel(new HttpResponseEncoder());
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        int responses = 40; // more than one batch buffer holds
        for (int i = 0; i < responses; i++) {
            CharSequence[] pairs = head(2);
            pairs[3] = "value " + i;
            ch.write(EncodedResponse.of(head(HttpResponseStatus.OK, pairs), ab, 0, 2), ch.voidPromise());
            reference.writeOutbound(full(HttpResponseStatus.OK, pairs, ab));
        }
        assertThat(ch.outboundMessages()).as("kept until the flush").isEmpty();
        ch.flush();
        int buffers = ch.outboundMessages().size();
        assertThat(buffers)
                .as("the first response on its own, then the others in batch buffers")
                .isBetween(2, 1 + responses * 200 / EncodedResponse.BATCH_SIZE + 1);
        // A write that is waited for, and a streamed response, go after the responses written before them.
        ch.write(EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 0, 2), ch.voidPromise());
        io.netty.channel.ChannelFuture waited =
                ch.write(EncodedResponse.of(head(HttpResponseStatus.NOT_FOUND, head(2)), ab, 0, 2));
        ch.write(EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 0, 2), ch.voidPromise());
        DefaultHttpResponse streamed = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        streamed.headers().set("Transfer-Encoding", "chunked");
        ch.write(streamed, ch.voidPromise());
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(waited.isSuccess()).isTrue();
        reference.writeOutbound(
                full(HttpResponseStatus.OK, head(2), ab),
                full(HttpResponseStatus.NOT_FOUND, head(2), ab),
                full(HttpResponseStatus.OK, head(2), ab));
        DefaultHttpResponse streamed2 = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        streamed2.headers().set("Transfer-Encoding", "chunked");
        reference.writeOutbound(streamed2, LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(drain(ch)).isEqualTo(drain(reference));
        // Written, never flushed, then the connection closes: nothing is left unreleased or written after the close.
        ch.write(EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 0, 2), ch.voidPromise());
        ch.close();
        assertThat(ch.outboundMessages()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(ch::checkException)
                .as("failed as Netty fails a write pending at a close")
                .isInstanceOf(java.nio.channels.ClosedChannelException.class);
        ch.finishAndReleaseAll();
        reference.finishAndReleaseAll();
    }

    @Test
    void aResponseWhoseBodyCannotBeCopiedLeavesNothingOfItInTheBatch() {
        byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), ab, 1, 2))
                .as("a range outside the array is refused where it is given")
                .isInstanceOf(IndexOutOfBoundsException.class);
        ByteBuf batch = ByteBufAllocator.DEFAULT.buffer(EncodedResponse.BATCH_SIZE);
        ByteBuf released = ByteBufAllocator.DEFAULT.buffer(2).writeBytes(ab);
        released.retain().release(2); // a body somebody released already: reading it fails
        EncodedResponse broken = EncodedResponse.of(head(HttpResponseStatus.OK, head(2)), released);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.appendTo(ByteBufAllocator.DEFAULT, batch))
                .isInstanceOf(io.netty.util.IllegalReferenceCountException.class);
        assertThat(batch.readableBytes()).as("no head without its body").isZero();
        batch.release();
    }

    @Test
    void theCodecPassesBytesThroughUntouchedOnceTheConnectionUpgrades() {
        Http1Codec codec = new Http1Codec(
                ServerChannels.decoderConfig(dev.conduit.server.ServerOptions.defaults()), 100, () -> {}, 0);
        EmbeddedChannel ch = new EmbeddedChannel(codec);
        // Before the upgrade, a raw buffer where a response should start is the encoder's to refuse...
        io.netty.channel.ChannelFuture refused =
                ch.writeAndFlush(Unpooled.copiedBuffer("frame", StandardCharsets.US_ASCII));
        assertThat(refused.cause()).isNotNull();
        // ...after it (the 101 went out), the HTTP/2 codec's frames go to the socket as they are.
        codec.stopEncoding();
        ch.writeOutbound(Unpooled.copiedBuffer("frame", StandardCharsets.US_ASCII));
        assertThat(drain(ch)).isEqualTo("frame");
        ch.finishAndReleaseAll();
    }

    /** The header lines of {@link #head(int)} and the empty line, as Netty writes them. */
    private static String drainHead(int length) {
        String whole = new String(netty(HttpResponseStatus.OK, head(length), new byte[0]), StandardCharsets.ISO_8859_1);
        return whole.substring(whole.indexOf("\r\n") + 2);
    }

    @Test
    void randomHeadsAreWhatNettyWouldWrite() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int n = random.nextInt(8);
            CharSequence[] pairs = new CharSequence[2 * n];
            for (int i = 0; i < pairs.length; i++) {
                String s = randomText(random, i % 2 == 0 ? 1 : 0);
                pairs[i] = random.nextBoolean() && s.chars().allMatch(c -> c < 0x100) ? new AsciiString(s) : s;
            }
            byte[] body = body(random.nextInt(200));
            EncodedResponse e = EncodedResponse.of(
                    new EncodedResponse.Head(HttpResponseStatus.OK, pairs, 0, pairs), body, 0, body.length);
            assertThat(encoded(e)).as("round %d", round).isEqualTo(netty(HttpResponseStatus.OK, pairs, body));
        }
    }

    @Test
    void aKeptHeadServesOnlyItsKeyStatusAndDate() throws Exception {
        io.netty.channel.DefaultEventLoop loop = new io.netty.channel.DefaultEventLoop();
        try {
            Object key = new Object();
            CharSequence[] pairs = head(3);
            CharSequence[] later = pairs.clone();
            later[7] = AsciiString.cached("Sun, 06 Dec 2026 14:00:01 GMT");
            CharSequence[] other = pairs.clone();
            other[3] = "another value";
            byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
            for (Object[] c : new Object[][] {
                {HttpResponseStatus.OK, pairs, key},
                {HttpResponseStatus.OK, pairs, key}, // kept
                {HttpResponseStatus.OK, later, key}, // the date changed
                {HttpResponseStatus.NOT_FOUND, later, key}, // the status changed
                {HttpResponseStatus.OK, other, new Object()}, // another collection
                {HttpResponseStatus.OK, later, key}
            }) {
                HttpResponseStatus status = (HttpResponseStatus) c[0];
                CharSequence[] p = (CharSequence[]) c[1];
                byte[] out = loop.submit(() -> {
                            return encoded(EncodedResponse.of(new EncodedResponse.Head(status, p, 8, c[2]), abc, 0, 3));
                        })
                        .get();
                assertThat(new String(out, StandardCharsets.ISO_8859_1))
                        .isEqualTo(new String(netty(status, p, abc), StandardCharsets.ISO_8859_1));
            }
        } finally {
            loop.shutdownGracefully().sync();
        }
    }

    /** The head of {@code pairs}: all but the last line (the length) repeat, keyed by a new object. */
    private static EncodedResponse.Head head(HttpResponseStatus status, CharSequence[] pairs) {
        return new EncodedResponse.Head(status, pairs, pairs.length - 2, new Object());
    }

    private static String randomText(Random random, int min) {
        StringBuilder b = new StringBuilder();
        int n = min + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            b.append(
                    kind < 7
                            ? (char) (0x21 + random.nextInt(0x5e))
                            : kind < 9
                                    ? (char) (0xa0 + random.nextInt(0x60))
                                    : (char) (0x100 + random.nextInt(0x3000)));
        }
        return b.toString();
    }

    private static CharSequence[] head(int length) {
        CharSequence[] pairs = HEAD.clone();
        pairs[pairs.length - 1] = Names.length(length);
        return pairs;
    }

    private static byte[] body(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        return b;
    }

    private static DefaultFullHttpResponse full(HttpResponseStatus status, CharSequence[] pairs, byte[] body) {
        return new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                status,
                Unpooled.wrappedBuffer(body),
                new ReadOnlyHttpHeaders(false, pairs.clone()),
                EmptyHttpHeaders.INSTANCE);
    }

    /** What Netty's encoder writes for the same response. */
    private static byte[] netty(HttpResponseStatus status, CharSequence[] pairs, byte[] body) {
        EmbeddedChannel reference = new EmbeddedChannel(new HttpResponseEncoder());
        reference.writeOutbound(full(status, pairs, body));
        byte[] out = drain(reference).getBytes(StandardCharsets.ISO_8859_1);
        reference.finishAndReleaseAll();
        return out;
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder b = new StringBuilder();
        for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
            b.append(new String(bytes(buf), StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return b.toString();
    }

    /** The bytes of {@code e}, encoded on its own. */
    private static byte[] encoded(EncodedResponse e) {
        ByteBuf b = e.encode(ByteBufAllocator.DEFAULT);
        try {
            return bytes(b);
        } finally {
            b.release();
        }
    }

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }
}
