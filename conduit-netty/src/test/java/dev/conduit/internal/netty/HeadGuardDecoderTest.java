package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.ServerOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The head checks Netty's decoder does not make, on an {@link EmbeddedChannel}, byte by byte where it matters. */
class HeadGuardDecoderTest {
    private static final ServerOptions OPTIONS = ServerOptions.defaults();

    private final List<Object> decoded = new ArrayList<>();
    private final List<HeadRejection> rejections = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new HeadGuardDecoder(ServerChannels.decoderConfig(OPTIONS), OPTIONS.maxHeaderCount()),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof HttpContent content && !(msg instanceof LastHttpContent)) {
                        decoded.add(content.content().toString(StandardCharsets.ISO_8859_1));
                    } else if (msg instanceof HttpRequest request) {
                        decoded.add(
                                request.decoderResult().isFailure()
                                        ? request.decoderResult().cause()
                                        : request.method() + " " + request.uri());
                    } else if (msg instanceof LastHttpContent last) {
                        if (last.content().isReadable()) {
                            decoded.add(last.content().toString(StandardCharsets.ISO_8859_1));
                        }
                        decoded.add(
                                last.decoderResult().isFailure()
                                        ? last.decoderResult().cause()
                                        : "end");
                    }
                    ReferenceCountUtil.release(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof HeadRejection r) {
                        rejections.add(r);
                    }
                }
            });

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void write(String ascii) {
        channel.writeInbound(Unpooled.copiedBuffer(ascii, StandardCharsets.ISO_8859_1));
    }

    private void writeByteByByte(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            write(ascii.substring(i, i + 1));
        }
    }

    @Test
    void aValidHeadIsDecoded() {
        write("GET /a?b=c HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\r\n");
        assertThat(decoded).containsExactly("GET /a?b=c", "end");
        assertThat(rejections).isEmpty();
    }

    @Test
    void aHeadArrivingOneByteAtATimeIsDecodedOnceComplete() {
        String head = "GET /a HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n";
        writeByteByByte(head);
        assertThat(decoded).isEmpty();
        writeByteByByte("\r\n");
        assertThat(decoded).containsExactly("GET /a", "end");
        assertThat(rejections).isEmpty();
    }

    @Test
    void emptyLinesBeforeARequestAreSkipped() {
        write("\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded).containsExactly("GET /a", "end", "GET /b", "end");
    }

    @Test
    void bodyBytesAreNotCheckedAsAHead() {
        write("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\na\n b\rc"
                + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded).containsExactly("POST /a", "a\n b\rc", "end", "GET /b", "end");
        assertThat(rejections).isEmpty();
    }

    @Test
    void theHeadAfterABodyIsChecked() {
        write("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok"
                + "GET /b HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n folded\r\n\r\n");
        assertThat(decoded).containsExactly("POST /a", "ok", "end");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /a HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n 2\r\n\r\n", // obs-fold
                "GET /a HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\t2\r\n\r\n", // obs-fold, tab
                "GET /a HTTP/1.1\r\nHost: h\nX-A: 1\r\n\r\n", // bare LF
                "GET /a HTTP/1.1\nHost: h\r\n\r\n", // bare LF after the request line
                "GET /a HTTP/1.1\r\nHost: h\r\n\n", // bare LF ending the head
                "GET /a HTTP/1.1\r\nHost: h\rX: 1\r\n\r\n", // bare CR
                "GET /a HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", // bare CR in a value
                "GET  /a HTTP/1.1\r\nHost: h\r\n\r\n", // two spaces
                "GET /a  HTTP/1.1\r\nHost: h\r\n\r\n", // two spaces before the version
                "GET\t/a HTTP/1.1\r\nHost: h\r\n\r\n", // tab
                "GET /a HTTP/1.1 \r\nHost: h\r\n\r\n", // trailing space
                " GET /a HTTP/1.1\r\nHost: h\r\n\r\n", // leading space
                "GET /a\u0000b HTTP/1.1\r\nHost: h\r\n\r\n", // NUL in the target
                "G{T /a HTTP/1.1\r\nHost: h\r\n\r\n", // not a token
                "GET /a\r\nHost: h\r\n\r\n", // no version
            })
    void rejectsAndDiscardsEverythingAfter(String head) {
        write(head + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        write("GET /later HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
        assertThat(decoded).isEmpty();
    }

    /** A field that takes the head past the first copy the check makes of it (512 bytes). */
    private static final String PAD = "X-Pad: " + "p".repeat(600) + "\r\n";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "X-A: 1\r\n 2\r\n\r\n", // obs-fold
                "Host: h\nX-A: 1\r\n\r\n", // bare LF
                "Host: h\r\n\n", // bare LF ending the head
                "Host: h\rX: 1\r\n\r\n", // bare CR
            })
    void defectsPastTheFirstCopyOfTheHeadAreFound(String rest) {
        write("GET /a HTTP/1.1\r\n" + PAD + PAD + rest);
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
        assertThat(decoded).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {509, 510, 511, 512, 513})
    void aLineEndAtTheEdgeOfACopyIsCheckedWhole(int at) {
        // A header line whose CR falls at offset `at` of the head: a valid CR LF passes, a bare CR does not.
        String start = "GET /a HTTP/1.1\r\nX-A: ";
        String valid = start + "v".repeat(at - start.length()) + "\r\nHost: h\r\n\r\n";
        assertThat(valid.indexOf("\r\nHost")).isEqualTo(at);
        write(valid);
        assertThat(decoded).containsExactly("GET /a", "end");
        write(start + "v".repeat(at - start.length()) + "\rHost: h\r\n\r\n");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
    }

    @Test
    void manyPipelinedHeadsInOneReadAreEachChecked() {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            burst.append("GET /").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
        }
        burst.append("GET /bad HTTP/1.1\r\nHost: h\nX: 1\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n");
        write(burst.toString());
        assertThat(decoded).hasSize(80).startsWith("GET /0", "end").endsWith("GET /39", "end");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
    }

    @Test
    void aRequestLineAtTheLimitInOneReadIsAccepted() {
        String line = "GET /" + "a".repeat(OPTIONS.maxRequestLineLength() - 14) + " HTTP/1.1";
        write(line + "\r\nHost: h\r\n\r\n");
        assertThat(decoded).hasSize(2).last().isEqualTo("end");
        write("GET /" + "a".repeat(OPTIONS.maxRequestLineLength() - 13) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded).hasSize(3).last().isInstanceOf(TooLongHttpLineException.class);
    }

    @Test
    void aBareCrIsRejectedEvenWhenItArrivesLastInARead() {
        write("GET /a HTTP/1.1\r\nHost: h\r");
        assertThat(rejections).isEmpty();
        write("X: 1\r\n\r\n");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(400);
    }

    @Test
    void oneHundredFieldsPassAndOneMoreIs431() {
        write("GET /a HTTP/1.1\r\n" + fields(100) + "\r\n");
        assertThat(decoded).containsExactly("GET /a", "end");
        write("GET /b HTTP/1.1\r\n" + fields(101) + "\r\n");
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(431);
        assertThat(decoded).hasSize(2);
    }

    @Test
    void tooManyFieldsAreRefusedBeforeTheHeadEnds() {
        write("GET /a HTTP/1.1\r\n" + fields(101));
        assertThat(rejections).extracting(HeadRejection::status).containsExactly(431);
    }

    @Test
    void anUnfinishedRequestLineOverTheLimitIsReportedWithoutWaitingForItsEnd() {
        write("GET /" + "a".repeat(OPTIONS.maxRequestLineLength()));
        assertThat(decoded).singleElement().isInstanceOf(TooLongHttpLineException.class);
    }

    @Test
    void anUnfinishedHeaderBlockOverTheLimitIsReportedWithoutWaitingForItsEnd() {
        write("GET /a HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(OPTIONS.maxHeaderBlockSize()));
        assertThat(decoded).singleElement().isInstanceOf(TooLongHttpHeaderException.class);
    }

    @Test
    void aHeadAtTheSizeLimitIsAccepted() {
        String line = "GET /" + "a".repeat(OPTIONS.maxRequestLineLength() - 14) + " HTTP/1.1";
        assertThat(line).hasSize(OPTIONS.maxRequestLineLength());
        writeByteByByte(line + "\r\nHost: h\r\n\r\n");
        assertThat(decoded).hasSize(2).last().isEqualTo("end");
        String header = "X-A: " + "b".repeat(OPTIONS.maxHeaderBlockSize() - 5);
        writeByteByByte("GET /b HTTP/1.1\r\n" + header + "\r\n\r\n");
        assertThat(decoded).hasSize(4).endsWith("GET /b", "end");
        assertThat(rejections).isEmpty();
    }

    @Test
    void contentLengthWithTransferEncodingFailsTheDecoder() {
        write(
                "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(decoded).singleElement().isInstanceOf(Exception.class);
    }

    @Test
    void differingContentLengthsFailTheDecoder() {
        write("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        assertThat(decoded).singleElement().isInstanceOf(Exception.class);
    }

    @Test
    void aBadChunkSizeFailsTheBody() {
        write("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nxyz\r\nabc\r\n0\r\n\r\n");
        assertThat(decoded).hasSize(3);
        assertThat(decoded.get(1)).isEqualTo("abc");
        assertThat(decoded.get(2)).isInstanceOf(Exception.class);
    }

    private static String fields(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        return sb.toString();
    }

    @Test
    void theLineBreakSearchFindsWhatAByteByByteSearchFinds() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = {'a', ' ', '\t', '\r', '\n', 0, (byte) 0x8d, (byte) 0x8a, (byte) 0xff, 0x0c, 0x0e, 0x0b};
        for (int round = 0; round < 20_000; round++) {
            byte[] a = new byte[random.nextInt(40)];
            for (int k = 0; k < a.length; k++) {
                a[k] = random.nextInt(4) == 0
                        ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) ('A' + random.nextInt(26));
            }
            int from = a.length == 0 ? 0 : random.nextInt(a.length + 1);
            int end = from + random.nextInt(a.length - from + 1);
            int expected = end;
            for (int k = from; k < end; k++) {
                if (a[k] == '\r' || a[k] == '\n') {
                    expected = k;
                    break;
                }
            }
            assertThat(HeadGuardDecoder.lineBreak(a, from, end))
                    .as("%s [%d, %d)", java.util.Arrays.toString(a), from, end)
                    .isEqualTo(expected);
        }
    }
    /** The request-line rule a byte at a time, as it was written first: the reference for the word-at-a-time check. */
    private static boolean requestLineByBytes(byte[] line, int start, int length) {
        int spaces = 0;
        boolean inMethod = true;
        for (int i = 0; i < length; i++) {
            byte b = line[start + i];
            if (b == ' ') {
                if (i == 0 || i == length - 1 || line[start + i - 1] == ' ') {
                    return false;
                }
                spaces++;
                inMethod = false;
            } else if ((b >= 0 && b < 0x20) || b == 0x7f) {
                return false;
            } else if (inMethod && !(b > 0 && "!#$%&'*+-.^_`|~".indexOf(b) >= 0 || Character.isLetterOrDigit(b))) {
                return false;
            }
        }
        return spaces == 2;
    }

    @Test
    void theRequestLineCheckAgreesWithTheByteAtATimeRule() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = {
            'G',
            'E',
            'T',
            '/',
            'a',
            '1',
            ' ',
            ' ',
            ' ',
            '.',
            0x00,
            0x09,
            0x1f,
            0x7f,
            (byte) 0x80,
            (byte) 0xff,
            '?',
            '%',
            'H',
            '\r'
        };
        int accepted = 0;
        for (int round = 0; round < 200_000; round++) {
            int length = 1 + random.nextInt(40);
            byte[] line = new byte[length + 6];
            for (int i = 0; i < line.length; i++) {
                // Mostly a plausible line: a method, a target, a version; now and then any byte of the alphabet.
                line[i] = random.nextInt(6) == 0
                        ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) "GET /index.html?q=1 HTTP/1.1".charAt(random.nextInt(28));
            }
            int start = random.nextInt(4);
            boolean expected = requestLineByBytes(line, start, length);
            accepted += expected ? 1 : 0;
            assertThat(HeadGuardDecoder.isRequestLine(line, start, length))
                    .as("%s", new String(line, start, length, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected);
        }
        assertThat(accepted).as("lines of both kinds were tried").isBetween(100, 199_900);
    }
}
