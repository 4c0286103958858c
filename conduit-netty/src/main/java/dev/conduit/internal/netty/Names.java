package dev.conduit.internal.netty;

import io.netty.util.AsciiString;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Header names in their canonical casing (Netty's constants are lower case, which is valid but unusual to read). */
final class Names {
    static final AsciiString DATE = AsciiString.cached("Date");
    static final AsciiString SERVER = AsciiString.cached("Server");
    static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    static final AsciiString CONNECTION = AsciiString.cached("Connection");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");

    /** Response header names the runtime and handlers commonly set, pre-encoded (Netty copies them in one go). */
    private static final Map<String, AsciiString> COMMON = Stream.of(
                    "Content-Type",
                    "Cache-Control",
                    "ETag",
                    "Last-Modified",
                    "Accept-Ranges",
                    "Content-Range",
                    "Content-Disposition",
                    "Content-Encoding",
                    "Location",
                    "Set-Cookie",
                    "Expires",
                    "Vary",
                    "Allow",
                    "Pragma",
                    "WWW-Authenticate",
                    "X-Powered-By",
                    "X-AspNet-Version")
            .collect(Collectors.toUnmodifiableMap(n -> n, AsciiString::cached));

    /** The common names, pre-encoded. */
    static java.util.Collection<AsciiString> common() {
        return COMMON.values();
    }

    /** Content-Length values up to this many bytes are kept encoded once made (the short bodies of most responses). */
    private static final int LENGTHS_KEPT = 4096;

    private static final AsciiString[] LENGTHS = new AsciiString[LENGTHS_KEPT];

    private Names() {}

    /**
     * {@code length} as a header value: encoded once for short lengths (a benign race may encode one twice), formatted
     * per call for longer ones.
     */
    static CharSequence length(long length) {
        if (length < 0 || length >= LENGTHS_KEPT) {
            return Long.toString(length);
        }
        AsciiString a = LENGTHS[(int) length];
        if (a == null) {
            a = AsciiString.cached(Long.toString(length));
            LENGTHS[(int) length] = a;
        }
        return a;
    }

    /** {@code name} pre-encoded when it is a common one (spelled exactly so), else itself. */
    static CharSequence ascii(String name) {
        AsciiString a = COMMON.get(name);
        return a != null ? a : name;
    }
}
