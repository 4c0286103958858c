package dev.conduit.spi;

import dev.conduit.NameValueCollection;

/**
 * The status line and headers of a response, as the runtime hands them to the host.
 *
 * @param status the status code
 * @param reason the reason phrase (no CR or LF)
 * @param headers the headers in order, already validated (no CR or LF in names or values); they include
 *     Content-Type and Set-Cookie but never Content-Length or Transfer-Encoding, which the host derives from {@code
 *     contentLength}
 * @param contentLength the exact body length, or -1 when the body streams with a length not known in advance
 *     (the host then uses chunked encoding, or closes the connection for an HTTP/1.0 client)
 */
public record ResponseHead(int status, String reason, NameValueCollection headers, long contentLength) {}
