package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the embedded server: PEM and PKCS#12 certificates made here with openssl and keytool, curl over TLS 1.3 and
 * 1.2 (older versions refused), the request seen as secure, a plain-text client on the TLS port not hurting the
 * server, a renewed certificate used without a restart, and files that do not load refused at start.
 */
class TlsIT {
    @TempDir
    Path site;

    @TempDir
    Path keys;

    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void pem(String name, String commonName) throws Exception {
        assertThat(Commands.run(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-keyout",
                        keys.resolve(name + ".key").toString(),
                        "-out",
                        keys.resolve(name + ".crt").toString(),
                        "-subj",
                        "/CN=" + commonName,
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1"))
                .startsWith("0\n");
    }

    private String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "--max-time", "10"));
        cmd.addAll(List.of(args));
        return Commands.run(cmd.toArray(String[]::new));
    }

    /** The subject of the certificate a new TLS connection is shown. */
    private String subject() throws Exception {
        try (SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
        }
    }

    @Test
    void aClientThatHalfClosesTheConnectionOverTlsIsAnswered() throws Exception {
        // The half-closed client of HTTP/1.1 (its FIN after the request) over TLS: the FIN without a close_notify, as
        // shutdown(SHUT_WR) under a TLS layer sends it. (A close_notify closes the TLS session both ways in the
        // OpenSSL and JDK engines alike: nothing can be written after it.)
        pem("server", "localhost");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key")));
        for (String target : List.of("/async.x?ms=200", "/sleep.x?ms=200", "/file.txt")) {
            try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", server.port());
                    SSLSocket s = (SSLSocket)
                            trustAll().getSocketFactory().createSocket(tcp, "localhost", server.port(), false)) {
                s.setSoTimeout(10_000);
                s.getOutputStream()
                        .write(("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                tcp.shutdownOutput(); // the FIN, under TLS
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
                try {
                    s.getInputStream().transferTo(answer);
                } catch (javax.net.ssl.SSLException e) {
                    // The server closes without a close_notify of its own after answering: the bytes before count.
                }
                String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text).as(target).startsWith("HTTP/1.1 200 ");
                if (target.equals("/file.txt")) {
                    assertThat(text).endsWith(TestSites.FILE_TEXT);
                }
            }
        }
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] c, String a) {}

                        public void checkServerTrusted(X509Certificate[] c, String a) {}

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return trustAll;
    }

    @Test
    void pemServesHttpsOverTls13And12AndTheRequestIsSecure() throws Exception {
        pem("server", "localhost");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key")));
        assertThat(server.server.isTls()).isTrue();
        assertThat(server.server.transport()).contains("TLS via OpenSSL");
        String url = "https://127.0.0.1:" + server.port();
        assertThat(curl(url + "/client.x")).isEqualTo("0\n127.0.0.1|true|true|" + url + "/client.x");
        assertThat(curl("--tlsv1.2", "--tls-max", "1.2", url + "/plaintext")).isEqualTo("0\nHello, World!");
        assertThat(curl("-v", "--http1.1", url + "/plaintext"))
                .contains("SSL connection using TLSv1.3")
                .contains("ALPN: server" + " accepted http/1.1");
        assertThat(curl("-v", url + "/plaintext")).as("h2 first").contains("ALPN: server accepted h2");
        assertThat(curl("--tlsv1.1", "--tls-max", "1.1", url + "/plaintext"))
                .as("TLS 1.1 and older are refused")
                .doesNotStartWith("0\n");
        // Static files: the first request reads the file through the encryption (no sendfile), later ones come from
        // the cache; a range too.
        for (int i = 0; i < 2; i++) {
            assertThat(curl(url + "/file.txt")).isEqualTo("0\n" + TestSites.FILE_TEXT);
        }
        assertThat(curl("-r", "0-5", url + "/file.txt")).isEqualTo("0\nstatic");
        // A client speaking plain HTTP to the TLS port is closed on; the server goes on serving.
        try (RawConnection plain = server.connect()) {
            plain.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(plain.isClosedByServer()).isTrue();
        }
        assertThat(curl(url + "/plaintext")).isEqualTo("0\nHello, World!");
    }

    @Test
    void anHttpsPortServesTlsBesidePlainHttp() throws Exception {
        pem("server", "localhost");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key"))
                        .httpsPort(0));
        assertThat(server.server.isTls()).as("the main port is plain").isFalse();
        int https = server.server.httpsPort();
        assertThat(https).isPositive().isNotEqualTo(server.port());
        String plain = "http://127.0.0.1:" + server.port();
        String secure = "https://127.0.0.1:" + https;
        assertThat(curl(plain + "/client.x")).isEqualTo("0\n127.0.0.1|true|false|" + plain + "/client.x");
        assertThat(curl(secure + "/client.x")).isEqualTo("0\n127.0.0.1|true|true|" + secure + "/client.x");
        assertThat(curl("--http2-prior-knowledge", "-w", "|%{http_version}", plain + "/plaintext"))
                .isEqualTo("0\nHello, World!|2");
        assertThat(curl("--http2", "-w", "|%{http_version}", secure + "/plaintext"))
                .isEqualTo("0\nHello, World!|2");
        server.close();
        assertThat(curl(secure + "/plaintext")).as("a stop closes both").doesNotStartWith("0\n");
        assertThatThrownBy(() -> ServerOptions.builder().httpsPort(8443).build())
                .hasMessageContaining("needs a TLS certificate");
    }

    @Test
    void theJdkProviderServesWhenAskedFor() throws Exception {
        pem("server", "localhost");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key"))
                        .tlsProvider("jdk"));
        assertThat(server.server.transport()).contains("TLS via the JDK");
        String url = "https://127.0.0.1:" + server.port();
        assertThat(curl(url + "/plaintext")).isEqualTo("0\nHello, World!");
        assertThat(curl("--http2", "-w", "|%{http_version}", url + "/plaintext"))
                .isEqualTo("0\nHello, World!|2");
        assertThatThrownBy(() -> ServerOptions.builder().tlsProvider("boring"))
                .hasMessageContaining("auto, openssl or jdk");
    }

    @Test
    void aPkcs12FileWithItsPasswordServesHttps() throws Exception {
        Path p12 = keys.resolve("server.p12");
        assertThat(Commands.run(
                        "keytool",
                        "-genkeypair",
                        "-alias",
                        "conduit",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        "s3cret",
                        "-keypass",
                        "s3cret",
                        "-ext",
                        "san=ip:127.0.0.1"))
                .startsWith("0\n");
        server =
                RunningServer.start(TestSites.write(site), o -> o.tls(p12, null).tlsPassword("s3cret"));
        assertThat(curl("https://127.0.0.1:" + server.port() + "/plaintext")).isEqualTo("0\nHello, World!");
        assertThat(subject()).isEqualTo("CN=localhost");
    }

    @Test
    void aRenewedCertificateIsUsedForNewConnectionsWithoutARestart() throws Exception {
        pem("server", "first.example");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key")));
        assertThat(subject()).isEqualTo("CN=first.example");
        pem("renewed", "renewed.example");
        Files.move(
                keys.resolve("renewed.key"),
                keys.resolve("server.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(
                keys.resolve("renewed.crt"),
                keys.resolve("server.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String now = subject();
        while (!now.equals("CN=renewed.example") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = subject();
        }
        assertThat(now).isEqualTo("CN=renewed.example");
        assertThat(curl("https://127.0.0.1:" + server.port() + "/plaintext")).isEqualTo("0\nHello, World!");
    }

    @Test
    void filesThatDoNotLoadAreRefusedAtStartNamingThem() throws Exception {
        pem("server", "localhost");
        Files.writeString(
                keys.resolve("broken.key"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServerOptions.builder()
                        .tls(keys.resolve("server.crt"), keys.resolve("broken.key"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.key");
        assertThatThrownBy(() -> ServerOptions.builder()
                        .tls(keys.resolve("server.crt"), null)
                        .build())
                .hasMessageContaining("needs its key file");
        assertThatThrownBy(() -> ServerOptions.builder()
                        .tls(null, keys.resolve("server.key"))
                        .build())
                .hasMessageContaining("tlsKey needs tlsCertificate");
    }

    @Test
    void failedHandshakesAreNotWarnedAbout() throws Exception {
        pem("server", "localhost");
        server = RunningServer.start(
                TestSites.write(site), o -> o.tls(keys.resolve("server.crt"), keys.resolve("server.key")));
        try (WarningRecorder log = WarningRecorder.start()) {
            // Plain HTTP to the TLS port; a handshake begun and then reset; a TLS 1.1 client refused.
            try (RawConnection plain = server.connect()) {
                plain.send("GET /plaintext HTTP/1.1\r\nHost: h\r\n\r\n");
                assertThat(plain.isClosedByServer()).isTrue();
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
                s.getOutputStream().flush();
                Thread.sleep(200);
                s.setSoLinger(true, 0); // a reset, not a FIN
            }
            assertThat(curl("--tlsv1.1", "--tls-max", "1.1", "https://127.0.0.1:" + server.port() + "/plaintext"))
                    .doesNotStartWith("0\n");
            Thread.sleep(300);
            assertThat(curl("https://127.0.0.1:" + server.port() + "/plaintext"))
                    .isEqualTo("0\nHello, World!");
            assertThat(log.warnings()).as("warnings logged").isEmpty();
        }
    }
}
