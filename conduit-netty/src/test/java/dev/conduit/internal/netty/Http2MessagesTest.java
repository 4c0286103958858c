package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.NameValueCollection;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversion between a stream's HEADERS and the HTTP/1 heads the connection code reads and writes. */
class Http2MessagesTest {
    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers()
                .method("GET")
                .scheme("https")
                .authority("example.org:8443")
                .path(path);
    }

    @Test
    void aRequestIsHttp2WithItsMethodTargetAndTheAuthorityAsHost() throws Exception {
        Http2Headers h2 = get("/a/b.ashx?x=1").add("accept", "text/plain").add("user-agent", "curl/8");

        HttpRequest request = Http2Messages.request(3, h2, true);

        assertThat(request.protocolVersion()).isSameAs(Http2Pipelines.HTTP_2);
        assertThat(request.method()).isEqualTo(HttpMethod.GET);
        assertThat(request.uri()).isEqualTo("/a/b.ashx?x=1");
        assertThat(request.headers().get("Host")).isEqualTo("example.org:8443");
        assertThat(request.headers().get("Accept")).isEqualTo("text/plain");
        assertThat(request.headers().get("User-Agent")).isEqualTo("curl/8");
        assertThat(request.headers().names()).noneMatch(n -> n.startsWith(":"));
        // Ends the stream: a request without a body, as a full request with nothing in it.
        assertThat(request).isInstanceOf(FullHttpRequest.class);
        assertThat(((FullHttpRequest) request).content().readableBytes()).isZero();
        assertThat(HttpUtil.isTransferEncodingChunked(request)).isFalse();
    }

    @Test
    void aRequestWhoseHeadersDoNotEndTheStreamHasABodyToCome() throws Exception {
        HttpRequest streamed = Http2Messages.request(1, get("/upload").method("PUT"), false);
        HttpRequest sized =
                Http2Messages.request(1, get("/upload").method("PUT").add("content-length", "12"), false);

        assertThat(streamed.method()).isEqualTo(HttpMethod.PUT);
        assertThat(streamed).isNotInstanceOf(FullHttpRequest.class);
        assertThat(HttpUtil.isTransferEncodingChunked(streamed)).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(sized)).isFalse();
        assertThat(HttpUtil.getContentLength(sized)).isEqualTo(12);
    }

    @Test
    void cookieFieldsAreJoinedIntoOneAsRfc9113Says() throws Exception {
        Http2Headers h2 = get("/").add("cookie", "a=1").add("cookie", "b=2").add("cookie", "c=3");

        HttpHeaders headers = Http2Messages.request(1, h2, true).headers();

        assertThat(headers.getAll("Cookie")).containsExactly("a=1; b=2; c=3");
    }

    @Test
    void aHostFieldAgreeingWithTheAuthorityIsKeptOnceAndAContradictingOneResetsTheStream() throws Exception {
        HttpHeaders same = Http2Messages.request(1, get("/").add("host", "EXAMPLE.org:8443"), true)
                .headers();
        assertThat(same.getAll("Host")).hasSize(1);

        assertThatThrownBy(() -> Http2Messages.request(5, get("/").add("host", "evil.example"), true))
                .isInstanceOfSatisfying(Http2Exception.StreamException.class, e -> {
                    assertThat(e.streamId()).isEqualTo(5);
                    assertThat(e.error()).isEqualTo(Http2Error.PROTOCOL_ERROR);
                });
    }

    @Test
    void aHostFieldAloneIsTheHost() throws Exception {
        Http2Headers h2 =
                new DefaultHttp2Headers().method("GET").scheme("http").path("/").add("host", "only.example");

        assertThat(Http2Messages.request(1, h2, true).headers().getAll("Host")).containsExactly("only.example");
    }

    @Test
    void aMethodOrTargetNoRequestLineCouldCarryResetsTheStream() {
        // HPACK carries a space in a value; a request line cannot (RFC 9113 §8.3.1: malformed).
        for (Http2Headers bad : List.of(get("/a b"), get("/").method("G T"))) {
            assertThatThrownBy(() -> Http2Messages.request(9, bad, true))
                    .isInstanceOfSatisfying(Http2Exception.StreamException.class, e -> {
                        assertThat(e.streamId()).isEqualTo(9);
                        assertThat(e.error()).isEqualTo(Http2Error.PROTOCOL_ERROR);
                    });
        }
    }

    @Test
    void anEmptyCookieFieldAddsNoSeparator() throws Exception {
        Http2Headers h2 = get("/").add("cookie", "").add("cookie", "a=1");

        assertThat(Http2Messages.request(1, h2, true).headers().getAll("Cookie"))
                .containsExactly("a=1");
    }

    @Test
    void nettysBookkeepingNamesAndTrailerNeverReachTheSite() throws Exception {
        Http2Headers h2 = get("/").add("x-http2-stream-id", "99")
                .add("x-http2-scheme", "gopher")
                .add("trailer", "x-checksum")
                .add("x-http2", "kept: not one of Netty's names")
                .add("x-http2-trace", "kept: not one of Netty's names either")
                .add("x-other", "kept");

        HttpHeaders headers = Http2Messages.request(1, h2, true).headers();

        assertThat(headers.names()).containsExactlyInAnyOrder("host", "x-http2", "x-http2-trace", "x-other");
    }

    @Test
    void aResponseHeadIsLowerCasedAndLosesTheConnectionSpecificFields() {
        NameValueCollection given = NameValueCollection.builder()
                .add("Content-Type", "text/plain")
                .add("X-Custom", "1")
                .add("Connection", "close, X-Hop")
                .add("X-Hop", "secret")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c")
                .add("Proxy-Connection", "keep-alive")
                .add("TE", "trailers, deflate")
                .add("Content-Length", "99")
                .build();

        Http2Headers h2 = Http2Messages.headers(200, given, "Mon, 07 Dec 2026 12:00:00 GMT", 12);

        assertThat(h2.status()).hasToString("200");
        List<String> names = new ArrayList<>();
        for (Map.Entry<CharSequence, CharSequence> e : h2) {
            names.add(e.getKey().toString());
        }
        // The handler's Content-Length is not the framing: the runtime's length is.
        assertThat(names)
                .containsExactly(":status", "content-type", "x-custom", "te", "server", "date", "content-length");
        assertThat(h2.get("te")).hasToString("trailers");
        assertThat(h2.get("server")).hasToString("Conduit");
        assertThat(h2.get("content-length")).hasToString("12");
    }

    @Test
    void aResponseWithoutConnectionFieldsKeepsEveryFieldInOrder() {
        NameValueCollection given = NameValueCollection.builder()
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("ETag", "\"x\"")
                .build();
        Http2Headers h2 = Http2Messages.headers(404, given, "Mon, 07 Dec 2026 12:00:00 GMT", -1);

        assertThat(h2.status()).hasToString("404");
        assertThat(h2.getAll("set-cookie")).extracting(CharSequence::toString).containsExactly("a=1", "b=2");
        assertThat(h2.get("etag")).hasToString("\"x\"");
        assertThat(h2.contains("content-length")).isFalse();
    }

    @Test
    void lowerCasingKeepsWhatIsLowerAlready() {
        AsciiString lower = AsciiString.cached("x-already-lower");
        assertThat((Object) Http2Messages.lowerCase(lower)).isSameAs(lower);
        assertThat((Object) Http2Messages.lowerCase(Names.CONTENT_TYPE)).hasToString("content-type");
        assertThat((Object) Http2Messages.lowerCase("Cache-Control")).hasToString("cache-control");
        assertThat((Object) Http2Messages.lowerCase("X-Mixed-CASE")).hasToString("x-mixed-case");
    }
}
