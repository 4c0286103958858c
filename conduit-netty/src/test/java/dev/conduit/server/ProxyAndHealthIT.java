package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a balancer: forwarding headers believed only from trusted proxies (and a request a proxy on this machine
 * forwards never taken for a local one), and the health endpoint the server answers itself, 503 once draining.
 */
class ProxyAndHealthIT {
    @TempDir
    Path site;

    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String get(RunningServer s, String target, String... headers) {
        StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: conduit.test\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        try (RawConnection c = s.connect()) {
            RawResponse r =
                    c.send(req.append("Connection: close\r\n\r\n").toString()).read();
            return r.status() + " " + r.text();
        }
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnoredAndTheRequestIsNotLocal() {
        server = RunningServer.start(TestSites.write(site));
        assertThat(get(server, "/client.x")).isEqualTo("200 127.0.0.1|true|false|http://conduit.test/client.x");
        // A spoofed header (or a balancer on this machine nobody declared): not believed, and not local either.
        assertThat(get(
                        server,
                        "/client.x",
                        "X-Forwarded-For: 127.0.0.1",
                        "X-Forwarded-Proto: https",
                        "X-Forwarded-Host: evil.example"))
                .isEqualTo("200 127.0.0.1|false|false|http://conduit.test/client.x");
        // Local-only pages stay closed to it: trace.axd refuses non-local requests.
        assertThat(get(server, "/trace.axd", "X-Forwarded-For: 203.0.113.7")).startsWith("403 ");
    }

    @Test
    void aTrustedProxysHeadersGiveTheClientItsAddressSchemeAndHost() {
        server = RunningServer.start(TestSites.write(site), o -> o.trustedProxies(List.of("127.0.0.1", "10.0.0.0/8")));
        assertThat(get(
                        server,
                        "/client.x",
                        "X-Forwarded-For: 198.51.100.1, 203.0.113.7",
                        "X-Forwarded-Proto: https",
                        "X-Forwarded-Host: www.example.com"))
                .as("the rightmost address that is not a trusted proxy is the client")
                .isEqualTo("200 203.0.113.7|false|true|https://www.example.com/client.x");
        assertThat(get(server, "/client.x", "X-Forwarded-For: 203.0.113.7, 10.1.2.3"))
                .isEqualTo("200 203.0.113.7|false|false|http://conduit.test/client.x");
        assertThat(get(server, "/client.x", "X-Forwarded-For: 127.0.0.1"))
                .as("a client on this machine through the proxy is local")
                .isEqualTo("200 127.0.0.1|true|false|http://conduit.test/client.x");
        assertThat(get(server, "/client.x", "X-Forwarded-For: not-an-address, 203.0.113.9"))
                .startsWith("200 203.0.113.9|false");
        assertThat(get(server, "/client.x"))
                .as("no header: the proxy itself is the client")
                .isEqualTo("200 127.0.0.1|true|false|http://conduit.test/client.x");
    }

    @Test
    void theHealthEndpointIsAnsweredBeforeTheSitesModulesAndAuthorization() {
        TestSites.fixtures(site)
                .file("health", "a site file the endpoint shadows")
                .systemWeb("<authorization><deny users=\"*\"/></authorization>" + TestSites.FIXTURES);
        server = RunningServer.start(site);
        assertThat(get(server, "/health")).isEqualTo("200 Healthy\n");
        assertThat(get(server, "/health?from=haproxy")).isEqualTo("200 Healthy\n");
        assertThat(get(server, "/plaintext"))
                .as("the site denies everyone; not the endpoint")
                .startsWith("401 ");
        try (RawConnection c = server.connect()) {
            RawResponse r =
                    c.send("OPTIONS /health HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200); // HAProxy's default check method
            RawResponse head = c.send("HEAD /health HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
                    .read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void duringTheDrainDelayTheHealthEndpointAnswers503WhileRequestsAreStillServed() throws Exception {
        server = RunningServer.start(TestSites.write(site), o -> o.drainDelay(Duration.ofMillis(1500)));
        try (RawConnection kept = server.connect()) {
            assertThat(kept.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n")
                            .read()
                            .header("Connection"))
                    .isNull();
            long stopAt = System.nanoTime();
            CompletableFuture<Void> stopped = server.server.stopAsync(Duration.ofSeconds(10));
            // The balancer's check (a new connection) now fails with 503; the site still answers, closing each
            // connection after its response so clients come back through the balancer.
            assertThat(get(server, "/health")).isEqualTo("503 Draining\n");
            RawResponse served =
                    kept.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(get(server, "/plaintext")).startsWith("200 ");
            stopped.get(15, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(server.server.isRunning()).isFalse();
        }
    }

    @Test
    void anEmptyHealthPathLeavesThePathToTheSite() throws Exception {
        Files.writeString(TestSites.write(site).resolve("health"), "the site's own");
        server = RunningServer.start(site, o -> o.healthPath(""));
        assertThat(get(server, "/health")).isEqualTo("200 the site's own");
    }
}
