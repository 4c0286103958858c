package demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import dev.conduit.testing.BrowserSession;
import dev.conduit.testing.Chromium;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo over HTTPS in Chromium: a development certificate made as {@code ./conduit demo --https} makes it (the JDK's
 * keytool, PKCS#12, localhost), trusted by Chromium for this test only by its key's hash; the home page loads over
 * {@code https://localhost} and the browser says it came over HTTP/2 ({@code nextHopProtocol} "h2").
 */
class DemoHttpsBrowserIT {
    private static final String PASSWORD = "conduit-dev";

    @TempDir
    Path tmp;

    @Test
    void chromiumLoadsTheDemoOverHttpsWithHttp2() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        Path p12 = tmp.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "localhost",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "san=dns:localhost,ip:127.0.0.1",
                        "-ext",
                        "eku=serverAuth",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        String trust = Chromium.spki(store.getCertificate("localhost"));

        try (DemoSiteCopy site = DemoSiteCopy.create()) {
            HttpRuntime runtime =
                    HttpRuntime.start(RuntimeOptions.of(site.root()).withWatchForChanges(false));
            ConduitServer server = ConduitServer.start(
                    runtime,
                    ServerOptions.builder()
                            .host("127.0.0.1")
                            .port(0)
                            .accessLog(false)
                            .tls(p12, null)
                            .tlsPassword(PASSWORD)
                            .build());
            try (BrowserSession browser = chromium.open(Duration.ofSeconds(30), List.of(trust))) {
                browser.navigate("https://localhost:" + server.port() + "/");
                assertThat(browser.evaluate("location.protocol")).isEqualTo("https:");
                assertThat(browser.evaluate("performance.getEntries()[0].nextHopProtocol"))
                        .as("the page came over HTTP/2")
                        .isEqualTo("h2");
                assertThat(browser.text("body")).contains("a guest book with postback");
            } finally {
                server.stop(Duration.ofSeconds(1));
                runtime.close();
            }
        }
    }
}
