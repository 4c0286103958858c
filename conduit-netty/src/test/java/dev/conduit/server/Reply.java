package dev.conduit.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response as a {@link SiteHost} delivered it: what a client sees, whichever host ran the site.
 *
 * @param status the status code
 * @param headers header names in lower case, each with its values in order (framing headers left out:
 *     Content-Length is {@code contentLength}, Transfer-Encoding is not kept)
 * @param body the body bytes
 * @param contentLength the declared length, or -1 when the body streamed without one
 */
record Reply(int status, Map<String, List<String>> headers, byte[] body, long contentLength) {
    /** The first value of the header {@code name}, or null. */
    @Nullable
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Every value of the header {@code name}, in order; empty when absent. */
    List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The body as UTF-8 text. */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The {@code name=value} of the cookie {@code name} the response sets, ready to send back in a Cookie header.
     *
     * @throws AssertionError when the response sets no such cookie
     */
    String cookie(String name) {
        for (String c : headers("Set-Cookie")) {
            if (c.startsWith(name + "=")) {
                int semi = c.indexOf(';');
                return semi < 0 ? c : c.substring(0, semi);
            }
        }
        throw new AssertionError("no Set-Cookie for " + name + " in " + headers);
    }
}
