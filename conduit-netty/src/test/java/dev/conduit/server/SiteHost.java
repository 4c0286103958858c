package dev.conduit.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A site started for one test on one kind of host, and the way the test's requests reach it: in memory ({@link
 * InMemoryHost}, on TestHost) or over a socket ({@link SocketHost}, the embedded server and the JDK HttpClient). The
 * shared suites ({@code Abstract*BehaviourTest}) speak only through this interface, so each assertion is written once
 * and run on both; their {@code *Test} subclass starts an {@code InMemoryHost}, their {@code *IT} subclass a {@code
 * SocketHost}.
 */
interface SiteHost extends AutoCloseable {
    /** Sends one request and waits for its whole response. */
    Reply send(String method, String target, Map<String, String> headers, byte[] body);

    /** Whether requests go over TLS (cookies are then marked Secure). */
    default boolean isTls() {
        return false;
    }

    /** A GET without headers. */
    default Reply get(String target) {
        return send("GET", target, Map.of(), new byte[0]);
    }

    /** A GET with {@code headers}. */
    default Reply get(String target, Map<String, String> headers) {
        return send("GET", target, headers, new byte[0]);
    }

    /** A POST of an HTML form's fields, already encoded ({@code user=alice&x=1}). */
    default Reply postForm(String target, String fields) {
        return send(
                "POST",
                target,
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                fields.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the site (and the server, for a socket host). */
    @Override
    void close();
}
