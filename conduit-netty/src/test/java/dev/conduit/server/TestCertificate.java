package dev.conduit.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made once per test run with openssl into a temporary folder
 * (deleted when the JVM exits), and a client context that trusts any certificate, for tests over TLS.
 */
record TestCertificate(Path certificate, Path key) {
    private static TestCertificate made;

    static synchronized TestCertificate localhost() {
        if (made == null) {
            try {
                Path dir = Files.createTempDirectory("conduit-test-tls");
                dir.toFile().deleteOnExit();
                Path cert = dir.resolve("localhost.crt");
                Path key = dir.resolve("localhost.key");
                Process p = new ProcessBuilder(
                                "openssl",
                                "req",
                                "-x509",
                                "-newkey",
                                "ec",
                                "-pkeyopt",
                                "ec_paramgen_curve:P-256",
                                "-nodes",
                                "-days",
                                "2",
                                "-subj",
                                "/CN=localhost",
                                "-addext",
                                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                "-keyout",
                                key.toString(),
                                "-out",
                                cert.toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("openssl could not make a certificate: " + out);
                }
                cert.toFile().deleteOnExit();
                key.toFile().deleteOnExit();
                made = new TestCertificate(cert, key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return made;
    }

    /** A TLS client context that accepts any server certificate (the test's own). */
    static SSLContext trustAll() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String auth) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String auth) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
