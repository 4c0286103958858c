package dev.conduit.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A response as read off a raw socket. */
record RawResponse(String version, int status, List<Map.Entry<String, String>> headers, byte[] body, boolean chunked) {

    /** The first value of header {@code name} (ignoring case), or null. */
    @Nullable
    String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** How many times header {@code name} occurs. */
    long count(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).count();
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return version + " " + status + " " + headers + " (" + body.length + " bytes)";
    }
}
