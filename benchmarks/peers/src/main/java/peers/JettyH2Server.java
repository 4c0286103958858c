package peers;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * JettyServer's core Handler over HTTP/2, Jetty's default thread pool and execution strategy: on the plain port
 * HTTP/1.1 and h2c by prior knowledge (HTTP2CServerConnectionFactory); given a PEM certificate and PKCS#8 key, TLS
 * (the JDK's provider, jetty-alpn-java-server) with ALPN h2 then http/1.1. At most 100 concurrent streams per
 * connection, as Conduit.
 */
final class JettyH2Server {
    static final int MAX_CONCURRENT_STREAMS = 100;

    /** cert and key null: h2c. */
    static void start(int port, Path cert, Path key) throws Exception {
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration(); // default: adds Server and Date headers
        ServerConnector connector;
        if (cert == null) {
            HTTP2CServerConnectionFactory h2c = limit(new HTTP2CServerConnectionFactory(config));
            connector = new ServerConnector(server, new HttpConnectionFactory(config), h2c);
        } else {
            config.addCustomizer(new SecureRequestCustomizer(false)); // no SNI host check: the certificate is for localhost
            HttpConnectionFactory http1 = new HttpConnectionFactory(config);
            HTTP2ServerConnectionFactory h2 = limit(new HTTP2ServerConnectionFactory(config));
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol(http1.getProtocol());
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keyStore(cert, key));
            ssl.setKeyStorePassword("");
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
            SslConnectionFactory tls = new SslConnectionFactory(ssl, alpn.getProtocol());
            connector = new ServerConnector(server, tls, alpn, h2, http1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(JettyServer.handler());
        server.start();
    }

    private static <F extends AbstractHTTP2ServerConnectionFactory> F limit(F factory) {
        factory.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        return factory;
    }

    /** A key store from a PEM certificate chain and a PEM PKCS#8 key (EC or RSA), which Jetty does not read itself. */
    static KeyStore keyStore(Path cert, Path key) throws Exception {
        Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(cert)))
                .toArray(Certificate[]::new);
        String pem = Files.readString(key);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(key + ": not a PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        String algorithm = chain[0].getPublicKey().getAlgorithm();
        PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", privateKey, new char[0], chain);
        return store;
    }

    private JettyH2Server() {}
}
