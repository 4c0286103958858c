package dev.conduit.internal.netty;

import dev.conduit.NameValueCollection;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The conversion between a stream's HEADERS and the HTTP/1 request and response heads the connection code reads and
 * writes, written for the server's two directions only (what Netty's general {@code HttpConversionUtil} does for
 * clients, proxies and both message kinds, and costs every stream: a validating header map filled twice, the
 * {@code x-http2-*} bookkeeping headers added and taken out again, a pooled buffer for a request without a body).
 *
 * <p>Requests, as Netty's conversion makes them: {@code :authority} becomes {@code Host} (a {@code host} field that
 * contradicts it makes the request malformed, RFC 9113 §8.3.1), the {@code cookie} fields are joined into one with
 * {@code "; "} (§8.2.3), {@code trailer} is dropped, and a request whose HEADERS do not end the stream and give no
 * {@code content-length} says {@code Transfer-Encoding: chunked}, which is how the connection code knows a body
 * follows. Names and values arrive validated by the codec's HPACK decoder (names lower-case tokens, no
 * connection-specific field; values without control characters, as HTTP/1.1's decoder checks them: Netty's headers
 * decoder checks values too when given a header list size, as the server's codec is), so the header map here checks
 * nothing again.
 *
 * <p>Responses: names in lower case; the connection-specific fields ({@code Connection} and the fields it names,
 * {@code Keep-Alive}, {@code Proxy-Connection}, {@code Transfer-Encoding}, {@code Upgrade}; RFC 9113 §8.2.2) and
 * {@code Host} dropped; {@code TE} kept only as {@code trailers}.
 */
final class Http2Messages {
    private Http2Messages() {}

    /** Names and values validated by the HPACK decoder: nothing for the header map to check again. */
    private static final HttpHeadersFactory REQUEST_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private static final AsciiString AUTHORITY = Http2Headers.PseudoHeaderName.AUTHORITY.value();
    private static final AsciiString X_HTTP2 = AsciiString.cached("x-http2-");
    private static final AsciiString TRAILERS = HttpHeaderValues.TRAILERS;

    /**
     * The request of {@code headers}, the HEADERS that open a stream ({@code endStream}: they end it too). A {@link
     * io.netty.handler.codec.http.FullHttpRequest} with no content when they end it.
     *
     * @throws Http2Exception a stream error (PROTOCOL_ERROR) for a malformed request
     */
    static HttpRequest request(int streamId, Http2Headers headers, boolean endStream) throws Http2Exception {
        CharSequence method = headers.method();
        boolean connect = method != null && HttpMethod.CONNECT.asciiName().contentEquals(method);
        CharSequence target = connect ? headers.authority() : headers.path();
        if (method == null || target == null) {
            // The codec's decoder refuses such HEADERS before they get here; a second check costs nothing.
            throw Http2Exception.streamError(streamId, Http2Error.PROTOCOL_ERROR, "Missing :method or :path.");
        }
        HttpHeaders out = REQUEST_HEADERS.newHeaders();
        StringBuilder cookies = null;
        CharSequence host = null;
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            CharSequence name = e.getKey();
            CharSequence value = e.getValue();
            if (name.length() > 0 && name.charAt(0) == ':') {
                if (AUTHORITY.contentEquals(name)) {
                    host = host(streamId, host, value);
                }
                continue; // the other pseudo-headers are the method and target above, or the scheme
            }
            if (HttpHeaderNames.COOKIE.contentEquals(name)) {
                if (cookies == null) {
                    cookies = new StringBuilder(value.length() + 16);
                } else if (!cookies.isEmpty()) {
                    cookies.append("; ");
                }
                cookies.append(value);
            } else if (HttpHeaderNames.HOST.contentEquals(name)) {
                host = host(streamId, host, value);
            } else if (!HttpHeaderNames.TRAILER.contentEquals(name) && !bookkeeping(name)) {
                out.add(name, value);
            }
        }
        if (host != null) {
            out.add(HttpHeaderNames.HOST, host);
        }
        if (cookies != null) {
            out.add(HttpHeaderNames.COOKIE, cookies.toString());
        }
        try {
            HttpMethod m = method(method);
            String uri = target.toString();
            if (endStream) {
                return new DefaultFullHttpRequest(
                        Http2Pipelines.HTTP_2, m, uri, Unpooled.EMPTY_BUFFER, out, EmptyHttpHeaders.INSTANCE);
            }
            if (!out.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                out.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            return new DefaultHttpRequest(Http2Pipelines.HTTP_2, m, uri, out);
        } catch (IllegalArgumentException e) {
            // A method that is not a token, a target with a space or a control character: values HPACK carries but
            // no request line could (RFC 9113 §8.3.1: malformed). A stream error, which the codec counts among the
            // resets a client provokes, rather than an exception logged per request.
            throw Http2Exception.streamError(streamId, Http2Error.PROTOCOL_ERROR, e, "Malformed :method or :path.");
        }
    }

    /** The host so far and another value for it: the same (case aside), or the request is malformed. */
    private static CharSequence host(int streamId, @Nullable CharSequence host, CharSequence value)
            throws Http2Exception {
        if (host != null && !AsciiString.contentEqualsIgnoreCase(host, value)) {
            throw Http2Exception.streamError(
                    streamId, Http2Error.PROTOCOL_ERROR, "Conflicting :authority and host header fields.");
        }
        return value;
    }

    /**
     * Netty's {@code x-http2-*} names, which only ever meant something inside its conversion (a client's field of
     * one of those names was dropped there too): never the site's. Other names of that form are the client's.
     */
    private static boolean bookkeeping(CharSequence name) {
        if (name.length() <= X_HTTP2.length()
                || name.charAt(0) != 'x'
                || !AsciiString.regionMatches(name, false, 0, X_HTTP2, 0, X_HTTP2.length())) {
            return false;
        }
        for (HttpConversionUtil.ExtensionHeaderNames n : EXTENSION_NAMES) {
            if (n.text().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private static final HttpConversionUtil.ExtensionHeaderNames[] EXTENSION_NAMES =
            HttpConversionUtil.ExtensionHeaderNames.values();

    /** The method, Netty's shared object for the common ones. */
    private static HttpMethod method(CharSequence method) {
        if (HttpMethod.GET.asciiName().contentEquals(method)) {
            return HttpMethod.GET;
        }
        if (HttpMethod.POST.asciiName().contentEquals(method)) {
            return HttpMethod.POST;
        }
        return HttpMethod.valueOf(method.toString());
    }

    /**
     * The HEADERS of a response: {@code status}, the handler's {@code given} headers (the connection-specific ones
     * dropped, TE kept only as {@code trailers}), Server, Date, and {@code content-length} when {@code contentLength}
     * is not negative.
     */
    static Http2Headers headers(int status, NameValueCollection given, CharSequence date, long contentLength) {
        DefaultHttp2Headers out = new DefaultHttp2Headers(false, given.size() + 4);
        out.status(HttpResponseStatus.valueOf(status).codeAsText());
        List<AsciiString> named = given.get("Connection") != null ? connectionNamed(given) : List.of();
        for (int i = 0; i < given.size(); i++) {
            AsciiString name = lowerCase(given.name(i));
            String value = given.value(i);
            if (CONNECTION_SPECIFIC.contains(name) || !named.isEmpty() && named.contains(name)) {
                continue;
            }
            if (HttpHeaderNames.TE.equals(name)) {
                if (teTrailers(value)) {
                    out.add(HttpHeaderNames.TE, TRAILERS);
                }
                continue;
            }
            if (HttpHeaderNames.CONTENT_LENGTH.equals(name)) {
                continue; // the runtime's framing decides it, below
            }
            out.add(name, value);
        }
        out.add(SERVER, ConnectionHandler.SERVER_NAME);
        out.add(DATE, date);
        if (contentLength >= 0) {
            out.add(HttpHeaderNames.CONTENT_LENGTH, Names.length(contentLength));
        }
        return out;
    }

    private static final AsciiString SERVER = HttpHeaderNames.SERVER;
    private static final AsciiString DATE = HttpHeaderNames.DATE;

    /** The fields the {@code Connection} headers of {@code given} name, in lower case. */
    private static List<AsciiString> connectionNamed(NameValueCollection given) {
        List<AsciiString> named = new ArrayList<>(4);
        for (int i = 0; i < given.size(); i++) {
            if (!HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(given.name(i))) {
                continue;
            }
            for (String token : given.value(i).split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) {
                    named.add(AsciiString.of(t).toLowerCase());
                }
            }
        }
        return named;
    }

    private static boolean teTrailers(CharSequence value) {
        for (String part : value.toString().split(",")) {
            if (part.trim().equalsIgnoreCase("trailers")) {
                return true;
            }
        }
        return false;
    }

    /** The response fields HTTP/2 does not carry (RFC 9113 §8.2.2; Host is the request's). */
    private static final java.util.Set<AsciiString> CONNECTION_SPECIFIC = java.util.Set.of(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE,
            HttpHeaderNames.HOST);

    /** The lower-case names of the names the runtime sets most, by identity: no lower-casing per response for them. */
    private static final Map<CharSequence, AsciiString> LOWER = new IdentityHashMap<>();

    static {
        for (AsciiString name : List.of(
                Names.DATE,
                Names.SERVER,
                Names.CONTENT_LENGTH,
                Names.CONTENT_TYPE,
                Names.TRANSFER_ENCODING,
                Names.CONNECTION)) {
            LOWER.put(name, name.toLowerCase());
        }
        for (CharSequence name : Names.common()) {
            LOWER.put(name, AsciiString.of(name).toLowerCase());
        }
    }

    /** {@code name} in lower case (itself when it already is). */
    static AsciiString lowerCase(CharSequence name) {
        AsciiString known = LOWER.get(name);
        return known != null ? known : AsciiString.of(name).toLowerCase();
    }
}
