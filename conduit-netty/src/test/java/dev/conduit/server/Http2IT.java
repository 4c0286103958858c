package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 with curl over real sockets: h2c by prior knowledge and h2 by ALPN over TLS give the same status, body and
 * headers as HTTP/1.1 for a synchronous handler, an asynchronous one, a static file with a range and a request body;
 * 100 streams at once on one connection; connection-specific headers a handler sets are dropped rather than breaking
 * the stream; Netty's x-http2-* bookkeeping headers do not reach the site.
 */
class Http2IT {
    private static final TestCertificate KEYS = TestCertificate.localhost();

    @TempDir
    Path site;

    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** curl's answer: exit code, the response's header lines, the body, then the protocol and the status. */
    private static String curl(String protocol, String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "--max-time", "20", "-D", "-", protocol));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-w", "\n%{http_version} %{http_code}", url));
        return Commands.run(cmd.toArray(String[]::new));
    }

    /**
     * {@code answer} with its header lines made comparable across versions: names in lower case (as HTTP/2 sends
     * them), sorted, without the status line (the version is compared at the end), Date (it moves), and HTTP/1.1's
     * connection management (Keep-Alive, Connection), which HTTP/2 does not have; an HTTP/1.1 101 before the
     * upgraded answer is left out too.
     */
    private static String comparable(String answer) {
        String[] parts = answer.split("\r\n\r\n", -1);
        int head = parts[0].contains(" 101 ") ? 1 : 0;
        String exit = parts[0].substring(0, parts[0].indexOf('\n') + 1);
        String headerBlock = head == 1 ? parts[1] : parts[0].substring(exit.length());
        List<String> fields = new ArrayList<>();
        for (String line : headerBlock.split("\r\n")) {
            if (line.startsWith("HTTP/")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            if (!List.of("date", "connection", "keep-alive").contains(name)) {
                fields.add(name + ":" + line.substring(colon + 1).trim());
            }
        }
        java.util.Collections.sort(fields);
        String rest = String.join("\r\n\r\n", java.util.Arrays.copyOfRange(parts, head + 1, parts.length));
        return exit + String.join("\n", fields) + "\n\n" + rest;
    }

    /**
     * For each case, HTTP/1.1 and HTTP/2 (by {@code h2flag}) answer with the same status, header fields (as {@link
     * #comparable} says) and body; the request is seen as HTTP/2 by the site.
     */
    private void sameOverAllProtocols(String base, String h2flag) throws Exception {
        String[][] cases = {
            {"/plaintext"},
            {"/async.x?ms=20"},
            {"/file.txt", "-r", "2-7"},
            {"/file.txt"},
            {"/echo.x", "-H", "Content-Type: text/plain", "--data-binary", "a body sent in DATA frames"},
            {"/info.x"}
        };
        boolean upgrade = h2flag.equals("--http2") && base.startsWith("http:");
        for (String[] c : cases) {
            if (upgrade && c[0].equals("/echo.x")) {
                continue; // an upgrade with a body is answered over HTTP/1.1 (anUpgradeRequestWithABody...)
            }
            String[] extra = java.util.Arrays.copyOfRange(c, 1, c.length);
            String h1 = comparable(curl("--http1.1", base + c[0], extra));
            String h2 = comparable(curl(h2flag, base + c[0], extra));
            if (c[0].equals("/info.x")) {
                // Its body names the protocol, whose names differ in length.
                h1 = h1.replaceFirst("content-length:\\d+\n", "");
                h2 = h2.replaceFirst("content-length:\\d+\n", "");
            }
            assertThat(h1).as(c[0] + " over HTTP/1.1").containsPattern("\n1\\.1 20[06]$");
            assertThat(h1).as("the module's header").contains("x-module:begin-request");
            assertThat(h2.replace("\n2 ", "\n1.1 ").replace("|HTTP/2|", "|HTTP/1.1|"))
                    .as(c[0] + " over HTTP/2: " + h2)
                    .isEqualTo(h1);
            assertThat(h2).endsWith(h1.substring(h1.lastIndexOf('\n') + 1).replace("1.1 ", "2 "));
            if (c[0].equals("/info.x")) {
                assertThat(h2).as("the request's protocol").contains("|HTTP/2|");
            }
        }
        // The trace of the last request (over HTTP/2) is recorded as those over HTTP/1.1 are.
        String trace = curl("--http1.1", base + "/trace.axd");
        assertThat(trace).contains("/info.x").contains("/file.txt");
        assertThat(trace.split("/info.x", -1))
                .as("both /info.x requests traced")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    /** The fixture site with a module that sets a header and tracing on. */
    private Path site() {
        return TestSites.fixtures(site)
                .systemWeb(
                        TestSites.FIXTURES
                                + """
                            <httpModules>
                              <add name="header" type="dev.conduit.server.fixtures.HeaderModule"/>
                            </httpModules>
                            <trace enabled="true" localOnly="false" requestLimit="100"/>
                        """)
                .root();
    }

    @Test
    void h2cByPriorKnowledgeAnswersAsHttp11Does() throws Exception {
        server = RunningServer.start(site());
        sameOverAllProtocols("http://127.0.0.1:" + server.port(), "--http2-prior-knowledge");
    }

    @Test
    void h2cByUpgradeAnswersAsHttp11Does() throws Exception {
        server = RunningServer.start(site(), o -> o.h2cUpgrade(true));
        String base = "http://127.0.0.1:" + server.port();
        String upgraded = curl("--http2", base + "/plaintext");
        assertThat(upgraded)
                .as("101, then the answer over HTTP/2")
                .contains(" 101 ")
                .endsWith("\n2 200");
        sameOverAllProtocols(base, "--http2");
    }

    @Test
    void byDefaultAnUpgradeRequestIsAnsweredOverHttp11() throws Exception {
        // Off unless asked for (--h2c-upgrade): behind HAProxy, which forwards the header, a 101 pinned each client
        // to one instance in a tunnel (benchmarks/scaleout lost requests in a rolling restart that way).
        server = RunningServer.start(site());
        String answer = curl("--http2", "http://127.0.0.1:" + server.port() + "/plaintext");
        assertThat(answer).doesNotContain(" 101 ").endsWith("Hello, World!\n1.1 200");
        assertThat(curl("--http2-prior-knowledge", "http://127.0.0.1:" + server.port() + "/plaintext"))
                .endsWith("Hello, World!\n2 200");
    }

    @Test
    void anUpgradeRequestWithABodyIsAnsweredOverHttp11() throws Exception {
        server = RunningServer.start(site(), o -> o.h2cUpgrade(true));
        String answer = curl(
                "--http2",
                "http://127.0.0.1:" + server.port() + "/echo.x",
                "-H",
                "Content-Type: text/plain",
                "--data-binary",
                "a body");
        assertThat(answer).doesNotContain(" 101 ").endsWith("a body\n1.1 200");
    }

    @Test
    void h2ByAlpnOverTlsAnswersAsHttp11Does() throws Exception {
        server = RunningServer.start(site(), o -> o.tls(KEYS.certificate(), KEYS.key()));
        sameOverAllProtocols("https://127.0.0.1:" + server.port(), "--http2");
    }

    @Test
    void aHundredStreamsAtOnceOnOneConnection() throws Exception {
        server = RunningServer.start(TestSites.write(site), o -> o.tls(KEYS.certificate(), KEYS.key()));
        List<String> cmd = new ArrayList<>(List.of(
                "curl",
                "-sk",
                "--no-progress-meter",
                "--http2",
                "--parallel",
                "--parallel-max",
                "100",
                "--max-time",
                "30",
                "-w",
                "%{http_version} %{http_code} %{num_connects}\n"));
        for (int i = 0; i < 100; i++) {
            cmd.addAll(List.of("-o", "/dev/null", "https://127.0.0.1:" + server.port() + "/async.x?ms=300&i=" + i));
        }
        long start = System.nanoTime();
        String out = Commands.run(cmd.toArray(String[]::new));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<String> lines = out.lines().skip(1).toList();
        assertThat(lines).hasSize(100).allMatch(l -> l.startsWith("2 200"));
        assertThat(lines.stream()
                        .mapToInt(l -> Integer.parseInt(l.split(" ")[2]))
                        .sum())
                .as("one connection made for all 100 streams")
                .isEqualTo(1);
        assertThat(millis)
                .as("the 300 ms requests ran at once, not one after another")
                .isLessThan(10_000);
    }

    @Test
    void connectionSpecificHeadersAreDroppedAndBookkeepingHeadersNeverReachTheSite() throws Exception {
        server = RunningServer.start(TestSites.write(site));
        String h2 = curl("--http2-prior-knowledge", "http://127.0.0.1:" + server.port() + "/hop.x", "-D", "-");
        assertThat(h2).contains("x-kept: yes").endsWith("ok\n2 200");
        assertThat(h2.toLowerCase()).doesNotContain("keep-alive: timeout").doesNotContain("upgrade: websocket");
        String echo = curl("--http2-prior-knowledge", "http://127.0.0.1:" + server.port() + "/info.x");
        assertThat(echo).doesNotContain("x-http2");
    }
}
