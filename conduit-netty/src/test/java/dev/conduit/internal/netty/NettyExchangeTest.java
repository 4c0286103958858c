package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.NameValueCollection;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ServerOptions;
import dev.conduit.spi.ResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link NettyExchange} frames a response, on an {@link EmbeddedChannel} whose outbound messages are inspected
 * before any encoder: the headers it derives, when it asks for the connection to close, and that a file goes out as
 * a {@link DefaultFileRegion} (sendfile), never through a buffer.
 */
class NettyExchangeTest {
    @TempDir
    Path site;

    private HttpRuntime runtime;
    private ConnectionHandler connection;
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(site.resolve("web.config"), "<configuration/>");
        runtime = HttpRuntime.start(site);
        connection = new ConnectionHandler(runtime, ServerOptions.defaults(), new FixedServerState());
        channel.pipeline().addLast(connection); // the exchange waits for writability through it
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        runtime.close();
    }

    private NettyExchange exchange(HttpRequest request, boolean bodyComplete) {
        RequestBody body = RequestBody.streamed(connection, false);
        if (bodyComplete) {
            body.offer(Unpooled.EMPTY_BUFFER, true);
        }
        return new NettyExchange(connection, channel, request, request.uri(), null, body);
    }

    private static HttpRequest request(HttpVersion version, String method, String... headers) {
        HttpRequest r = new DefaultHttpRequest(version, HttpMethod.valueOf(method), "/x");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    /** The head as written once the handler flushes (a buffered head is otherwise held for its body). */
    private HttpResponse head(NettyExchange e, int status, long length) {
        e.sendHead(new ResponseHead(status, "Reason", NameValueCollection.empty(), length));
        e.flush();
        channel.flushOutbound();
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(HttpResponse.class);
        return (HttpResponse) out;
    }

    @Test
    void knownLengthIsDeclaredAndTheConnectionKept() {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "GET"), true), 200, 13);
        assertThat(r.headers().get("Content-Length")).isEqualTo("13");
        assertThat(r.headers().get("Transfer-Encoding")).isNull();
        assertThat(r.headers().get("Connection")).isNull();
        assertThat(r.headers().get("Server")).isEqualTo("Conduit");
        assertThat(r.headers().get("Date")).isEqualTo("Sat, 21 Nov 2026 10:00:00 GMT");
    }

    @Test
    void unknownLengthIsChunkedOnHttp11() {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "GET"), true), 200, -1);
        assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.headers().get("Connection")).isNull();
    }

    @Test
    void unknownLengthEndsWithTheConnectionOnHttp10() {
        HttpResponse r =
                head(exchange(request(HttpVersion.HTTP_1_0, "GET", "Connection", "keep-alive"), true), 200, -1);
        assertThat(r.headers().get("Transfer-Encoding")).isNull();
        assertThat(r.headers().get("Content-Length")).isNull();
        assertThat(r.headers().get("Connection")).isEqualTo("close");
    }

    @Test
    void http10KeepAliveIsConfirmed() {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_0, "GET", "Connection", "keep-alive"), true), 200, 5);
        assertThat(r.headers().get("Connection")).isEqualTo("keep-alive");
    }

    @Test
    void headDeclaresTheLengthButNeverChunks() {
        assertThat(head(exchange(request(HttpVersion.HTTP_1_1, "HEAD"), true), 200, 13)
                        .headers()
                        .get("Content-Length"))
                .isEqualTo("13");
        HttpResponse streamed = head(exchange(request(HttpVersion.HTTP_1_1, "HEAD"), true), 200, -1);
        assertThat(streamed.headers().get("Transfer-Encoding")).isNull();
        assertThat(streamed.headers().get("Connection")).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 204, 304})
    void statusesWithoutABodyGetNoFramingHeaders(int status) {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "GET"), true), status, 0);
        assertThat(r.headers().get("Content-Length")).isNull();
        assertThat(r.headers().get("Transfer-Encoding")).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {413, 414})
    void refusalsForSizeCloseTheConnection(int status) {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "GET"), true), status, 10);
        assertThat(r.headers().get("Connection")).isEqualTo("close");
    }

    @Test
    void aBodyStillArrivingClosesTheConnection() {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "POST"), false), 200, 2);
        assertThat(r.headers().get("Connection")).isEqualTo("close");
    }

    @Test
    void theClientsConnectionCloseIsHonoured() {
        HttpResponse r = head(exchange(request(HttpVersion.HTTP_1_1, "GET", "Connection", "close"), true), 200, 2);
        assertThat(r.headers().get("Connection")).isEqualTo("close");
    }

    @Test
    void theHeadWaitsForTheBodyUnlessTheHandlerFlushes() {
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET"), true);
        e.sendHead(new ResponseHead(200, "OK", NameValueCollection.empty(), -1));
        assertThat(channel.<Object>readOutbound())
                .as("written, not yet flushed")
                .isNull();
        e.flush();
        Object head = channel.readOutbound();
        assertThat(head).isInstanceOf(HttpResponse.class);
        ReferenceCountUtil.release(head);
    }

    @Test
    void aFileGoesOutAsAFileRegionNotThroughABuffer() throws Exception {
        Path file = Files.writeString(site.resolve("f.txt"), "0123456789");
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET"), true);
        ReferenceCountUtil.release(head(e, 200, 4));
        e.sendFile(file, 3, 4);
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(DefaultFileRegion.class);
        DefaultFileRegion region = (DefaultFileRegion) out;
        assertThat(region.position()).isEqualTo(3);
        assertThat(region.count()).isEqualTo(4);
        region.release();
        e.complete();
        Object last = channel.readOutbound();
        assertThat(last).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void contentIsWrittenAsItComesAndTheLastPartWaitsForComplete() throws Exception {
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET"), true);
        ReferenceCountUtil.release(head(e, 200, 6));
        e.sendContent("abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 6);
        e.complete();
        HttpContent content = channel.readOutbound();
        assertThat(content.content().toString(java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("abcdef");
        content.release();
        assertThat(channel.<Object>readOutbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Test
    void aBufferedBodyLeavesWithItsHeadAsOneFullResponse() throws Exception {
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET"), true);
        e.sendHead(new ResponseHead(200, "OK", NameValueCollection.empty(), 6));
        e.sendContent("abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 6);
        assertThat(channel.<Object>readOutbound())
                .as("not flushed before complete")
                .isNull();
        e.complete();
        Object out = channel.readOutbound();
        assertThat(out).as("encoded by the exchange").isInstanceOf(EncodedResponse.class);
        var full = decoded((EncodedResponse) out);
        assertThat(full.status().code()).isEqualTo(200);
        assertThat(full.headers().get("Content-Length")).isEqualTo("6");
        assertThat(full.headers().get("Server")).isEqualTo("Conduit");
        assertThat(full.content().toString(java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("abcdef");
        full.release();
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void aBufferedBodyFromARequestThreadIsEncodedOnComplete() throws Exception {
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET", "Connection", "close"), true);
        e.sendHead(new ResponseHead(404, "Not Found", NameValueCollection.empty(), 3));
        e.sendBuffer(java.nio.ByteBuffer.wrap("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        e.complete();
        var full = decoded(channel.readOutbound());
        assertThat(full.status().code()).isEqualTo(404);
        assertThat(full.headers().get("Connection")).isEqualTo("close");
        assertThat(full.content().toString(java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("abc");
        full.release();
    }

    /** The response an encoded one is, read back with Netty's client codec. */
    private static io.netty.handler.codec.http.FullHttpResponse decoded(EncodedResponse encoded) {
        EmbeddedChannel client = new EmbeddedChannel(
                new io.netty.handler.codec.http.HttpResponseDecoder(),
                new io.netty.handler.codec.http.HttpObjectAggregator(1 << 20));
        client.writeInbound(encoded.encode(client.alloc()));
        io.netty.handler.codec.http.FullHttpResponse r = client.readInbound();
        assertThat(r).isNotNull();
        assertThat(r.decoderResult().isSuccess()).isTrue();
        client.finishAndReleaseAll();
        return r;
    }

    @Test
    void aResponseWithoutABodyLeavesAsOneFullResponseOnComplete() {
        NettyExchange e = exchange(request(HttpVersion.HTTP_1_1, "GET"), true);
        e.sendHead(new ResponseHead(204, "No Content", NameValueCollection.empty(), 0));
        e.complete();
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(io.netty.handler.codec.http.FullHttpResponse.class);
        ReferenceCountUtil.release(out);
        assertThat(channel.<Object>readOutbound()).isNull();
    }
}
