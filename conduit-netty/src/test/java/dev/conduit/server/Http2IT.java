package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 with curl over real sockets: h2c by prior knowledge and h2 by ALPN over TLS give the same status, body and
 * headers as HTTP/1.1 for a synchronous handler, an asynchronous one, a static file with a range and a request body;
 * 100 streams at once on one connection; connection-specific headers a handler sets are dropped rather than breaking
 * the stream; Netty's x-http2-* bookkeeping headers do not reach the site.
 */
class Http2IT {
    @TempDir
    static Path keys;

    @TempDir
    Path site;

    private RunningServer server;

    @BeforeAll
    static void certificate() throws Exception {
        assertThat(run(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-keyout",
                        keys.resolve("k.pem").toString(),
                        "-out",
                        keys.resolve("c.pem").toString(),
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1"))
                .startsWith("0\n");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + "\n" + out;
    }

    /** curl's answer: exit code, the protocol, the status, then the body. */
    private static String curl(String protocol, String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "--max-time", "20", protocol));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-w", "\n%{http_version} %{http_code}", url));
        return run(cmd.toArray(String[]::new));
    }

    private void sameOverAllProtocols(String base, String h2flag) throws Exception {
        String[][] cases = {
            {"/plaintext"},
            {"/async.x?ms=20"},
            {"/file.txt", "-r", "2-7"},
            {"/file.txt"},
            {"/echo.x", "-H", "Content-Type: text/plain", "--data-binary", "a body sent in DATA frames"},
            {"/info.x"}
        };
        for (String[] c : cases) {
            String[] extra = java.util.Arrays.copyOfRange(c, 1, c.length);
            String h1 = curl("--http1.1", base + c[0], extra);
            String h2 = curl(h2flag, base + c[0], extra);
            assertThat(h1).as(c[0] + " over HTTP/1.1").containsPattern("\n1\\.1 20[06]$");
            assertThat(h2.replace("\n2 ", "\n1.1 ").replace("|HTTP/2|", "|HTTP/1.1|"))
                    .as(c[0] + " over HTTP/2: " + h2)
                    .isEqualTo(h1);
            assertThat(h2).contains("\n2 ");
            if (c[0].equals("/info.x")) {
                assertThat(h2).as("the request's protocol").contains("|HTTP/2|");
            }
        }
    }

    @Test
    void h2cByPriorKnowledgeAnswersAsHttp11Does() throws Exception {
        server = RunningServer.start(TestSites.write(site));
        sameOverAllProtocols("http://127.0.0.1:" + server.port(), "--http2-prior-knowledge");
    }

    @Test
    void h2ByAlpnOverTlsAnswersAsHttp11Does() throws Exception {
        server = RunningServer.start(TestSites.write(site), o -> o.tls(keys.resolve("c.pem"), keys.resolve("k.pem")));
        sameOverAllProtocols("https://127.0.0.1:" + server.port(), "--http2");
    }

    @Test
    void aHundredStreamsAtOnceOnOneConnection() throws Exception {
        server = RunningServer.start(TestSites.write(site), o -> o.tls(keys.resolve("c.pem"), keys.resolve("k.pem")));
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
        String out = run(cmd.toArray(String[]::new));
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
