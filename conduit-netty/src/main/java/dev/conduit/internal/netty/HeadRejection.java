package dev.conduit.internal.netty;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Why a request head is refused before it reaches the runtime, and the one place where every head check is made: the
 * raw-byte checks of {@link HeadGuardDecoder} report one of these, and {@link #of(HttpRequest, ServerLimits)} checks a
 * decoded head. The connection answers with {@link #status()} and {@link #message()} and closes (RFC 9112 §9.6: once
 * framing is in doubt, nothing after it is read); a status of 0 closes without an answer.
 *
 * @param status 400, 414, 417, 431 or 505; 0 to close without a response
 * @param message the text of the response, written for the client
 */
record HeadRejection(int status, String message) {

    /** The client closed its side before a head was complete: there is no request to answer. */
    static final HeadRejection CUT_SHORT = new HeadRejection(0, "");

    /** Tells whether the client gets a response (else the connection just closes). */
    boolean answered() {
        return status != 0;
    }

    /** The refusal of a decoded head, or {@code null} when it is acceptable. */
    static @Nullable HeadRejection of(HttpRequest request, ServerLimits limits) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof PrematureChannelClosureException) {
                return CUT_SHORT;
            }
            if (cause instanceof TooLongHttpLineException) {
                return new HeadRejection(
                        414, "The request line is longer than " + limits.maxRequestLineLength() + " bytes.");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return new HeadRejection(
                        431, "The request headers are larger than " + limits.maxHeaderBlockSize() + " bytes.");
            }
            return new HeadRejection(400, "Malformed request: " + describe(cause));
        }
        HttpVersion v = request.protocolVersion();
        // HTTP/2 only as an HTTP/2 stream's conversion marks it (that very instance): "HTTP/2.0" in an HTTP/1 request
        // line is a version this server does not speak there.
        if (v != Http2Pipelines.HTTP_2 && (v.majorVersion() != 1 || v.minorVersion() > 1)) {
            return new HeadRejection(505, "HTTP version " + v.text() + " is not supported.");
        }
        // Counted through an iterator: getAll makes a list (and a view whose size walks it) on every request.
        Iterator<String> hosts = request.headers().valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            if (v.minorVersion() == 1) {
                return new HeadRejection(400, "HTTP/1.1 requests must carry a Host header.");
            }
        } else {
            hosts.next();
            if (hosts.hasNext()) {
                return new HeadRejection(400, "More than one Host header.");
            }
        }
        String te = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
        if (te != null && !te.trim().equalsIgnoreCase("chunked")) {
            return new HeadRejection(400, "Unsupported Transfer-Encoding: only chunked is accepted.");
        }
        if (te != null
                && request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING).size() > 1) {
            return new HeadRejection(400, "More than one Transfer-Encoding header.");
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            return new HeadRejection(417, "Unsupported expectation: " + expect.replaceAll("[^\\x20-\\x7e]", "?"));
        }
        String uri = request.uri();
        if (!uri.startsWith("/")
                && !uri.equals("*") // the asterisk form: OPTIONS answers it, other methods are refused later
                && !uri.regionMatches(true, 0, "http://", 0, 7)
                && !uri.regionMatches(true, 0, "https://", 0, 8)) {
            return new HeadRejection(
                    400, "The request target must be an absolute path, an absolute URL or * (OPTIONS).");
        }
        return null;
    }

    /** A decoder failure as a short, printable sentence for the client. */
    static String describe(@Nullable Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "invalid HTTP.";
        }
        String m = cause.getMessage().replaceAll("[^\\x20-\\x7e]", "?");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
