package peers;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;

/**
 * VertxServer's handler over HTTP/2: h2c by prior knowledge beside HTTP/1.1 on the plain port (Vert.x's default), or,
 * given a PEM certificate and key, TLS with ALPN h2 then http/1.1. The TLS engine is the JDK's (Vert.x's default) or,
 * for vertx-h2-openssl, OpenSSL through netty-tcnative's BoringSSL, as Conduit's default. At most 100 concurrent
 * streams per connection (Vert.x's default, set here as Conduit's). One verticle instance per core, as VertxServer.
 */
final class VertxH2Server extends VertxServer {
    static final int MAX_CONCURRENT_STREAMS = 100;

    /** TLS files, or null for h2c; openssl picks the engine. */
    record Tls(Path cert, Path key, boolean openssl) {}

    static void start(int port, Tls tls) throws Exception {
        if (tls != null && tls.openssl() && !OpenSSLEngineOptions.isAlpnAvailable()) {
            throw new IllegalStateException("OpenSSL (netty-tcnative) with ALPN is not available");
        }
        deploy(() -> new VertxH2Server(port, tls));
    }

    private final Tls tls;

    private VertxH2Server(int port, Tls tls) {
        super(port);
        this.tls = tls;
    }

    @Override
    HttpServerOptions options() {
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(true)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS));
        if (tls != null) {
            options.setSsl(true)
                    .setUseAlpn(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(tls.cert().toString())
                            .setKeyPath(tls.key().toString()))
                    .setSslEngineOptions(tls.openssl() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
        }
        return options;
    }
}
