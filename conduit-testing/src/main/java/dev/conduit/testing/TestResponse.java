package dev.conduit.testing;

import dev.conduit.NameValueCollection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What one in-memory request got back: the status line, headers and body exactly as the runtime handed them to the
 * host.
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers the headers as sent (Content-Length is not among them; see {@link #contentLength()})
 * @param contentLength the length the runtime declared, or -1 for a streamed body
 * @param body the body bytes (file parts included)
 * @param filesSent the files sent with {@code transmitFile}, in order
 * @param buffersSent how many unchanging buffers were sent without a copy (the static file cache's)
 * @param aborted whether the runtime aborted the exchange instead of completing it
 */
public record TestResponse(
        int status,
        String reason,
        NameValueCollection headers,
        long contentLength,
        byte[] body,
        List<Path> filesSent,
        int buffersSent,
        boolean aborted) {

    /** The first value of a header, or {@code null}. */
    public @Nullable String header(String name) {
        return headers.getFirst(name);
    }

    /** The body decoded as the Content-Type's charset, or UTF-8. */
    public String text() {
        return new String(body, charset());
    }

    private Charset charset() {
        String type = header("Content-Type");
        if (type != null) {
            int i = type.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                return Charset.forName(type.substring(i + 8).trim());
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return status + " " + reason + " " + headers + " (" + body.length + " bytes" + (aborted ? ", aborted" : "")
                + ")";
    }
}
