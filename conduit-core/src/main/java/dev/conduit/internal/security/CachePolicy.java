package dev.conduit.internal.security;

import dev.conduit.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Keeps responses that depend on who asked out of shared caches. */
public final class CachePolicy {
    private CachePolicy() {}

    /**
     * Makes the response's {@code Cache-Control} private (RFC 9111 §5.2.2.7): {@code public} is dropped and {@code
     * private} added, keeping the other directives ({@code max-age} then only governs the browser's own cache); a
     * response that already says {@code private} or {@code no-store} is left alone, and one without the header gets
     * {@code private}. Does nothing once the headers were sent.
     */
    public static void makePrivate(HttpResponse response) {
        if (response.isHeadersWritten()) {
            return;
        }
        String cc = response.header("Cache-Control");
        if (cc == null) {
            response.setHeader("Cache-Control", "private");
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean alreadyPrivate = false;
        boolean hadPublic = false;
        for (String directive : cc.split(",")) {
            String d = directive.trim();
            if (d.equalsIgnoreCase("public")) {
                hadPublic = true;
            } else if (!d.isEmpty()) {
                alreadyPrivate |= d.equalsIgnoreCase("private") || d.equalsIgnoreCase("no-store");
                kept.add(d);
            }
        }
        if (alreadyPrivate && !hadPublic) {
            return;
        }
        if (!alreadyPrivate) {
            kept.add(0, "private");
        }
        response.setHeader("Cache-Control", String.join(", ", kept));
    }
}
