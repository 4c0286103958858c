package dev.conduit.internal.netty;

import io.netty.util.AsciiString;

/** Header names in their canonical casing (Netty's constants are lower case, which is valid but unusual to read). */
final class Names {
    static final AsciiString DATE = AsciiString.cached("Date");
    static final AsciiString SERVER = AsciiString.cached("Server");
    static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    static final AsciiString CONNECTION = AsciiString.cached("Connection");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");

    private Names() {}
}
