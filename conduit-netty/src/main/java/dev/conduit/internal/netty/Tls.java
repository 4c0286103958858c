package dev.conduit.internal.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The server's TLS: a certificate chain and key from PEM files or a PKCS#12 file, TLS 1.3 and 1.2 only, the
 * provider's modern cipher suites, ALPN offering http/1.1. OpenSSL (netty-tcnative's BoringSSL) when it loads, the
 * JDK's provider otherwise. The files are looked at again every few seconds (by the caller's timer): a changed
 * certificate is used for new connections without a restart; one that does not load keeps the old one, logged.
 */
public final class Tls {
    private static final System.Logger LOG = System.getLogger("dev.conduit.server");

    private final Path certificate;
    private final @Nullable Path key;
    private final @Nullable String password;
    private final SslProvider provider;
    private volatile SslContext context;
    private volatile List<FileTime> seen;

    private Tls(Path certificate, @Nullable Path key, @Nullable String password, String provider) {
        this.certificate = certificate;
        this.key = key;
        this.password = password;
        this.provider = switch (provider) {
            case "auto" -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException(
                            "OpenSSL (netty-tcnative) does not load here: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            default ->
                throw new IllegalArgumentException("the TLS provider is auto, openssl or jdk, not '" + provider + "'");
        };
        this.seen = times();
        this.context = build();
    }

    /**
     * The TLS of a certificate (PEM chain, or a PKCS#12 file ending in {@code .p12} or {@code .pfx}), its key (PEM;
     * none for PKCS#12) and the password of an encrypted key or of the PKCS#12 file.
     *
     * @throws IllegalArgumentException saying what is wrong with the files, naming them
     */
    public static Tls of(Path certificate, @Nullable Path key, @Nullable String password) {
        return of(certificate, key, password, "auto");
    }

    /**
     * As {@link #of(Path, Path, String)}, with the provider: {@code auto} (OpenSSL when it loads, else the JDK's),
     * {@code openssl} (refused when it does not load) or {@code jdk}.
     */
    public static Tls of(Path certificate, @Nullable Path key, @Nullable String password, String provider) {
        return new Tls(certificate, key, password, provider);
    }

    private static boolean isPkcs12(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private SslContext build() {
        SslContextBuilder b;
        try {
            if (isPkcs12(certificate)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                char[] pw = password == null ? new char[0] : password.toCharArray();
                try (InputStream in = Files.newInputStream(certificate)) {
                    ks.load(in, pw);
                }
                PrivateKey pk = null;
                List<X509Certificate> chain = new ArrayList<>();
                for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements(); ) {
                    String alias = aliases.nextElement();
                    if (ks.isKeyEntry(alias)) {
                        pk = (PrivateKey) ks.getKey(alias, pw);
                        for (Certificate c : ks.getCertificateChain(alias)) {
                            chain.add((X509Certificate) c);
                        }
                        break;
                    }
                }
                if (pk == null) {
                    throw new IllegalArgumentException(certificate + " holds no private key");
                }
                b = SslContextBuilder.forServer(pk, chain);
            } else {
                if (key == null) {
                    throw new IllegalArgumentException("a PEM certificate (" + certificate + ") needs its key file");
                }
                b = password == null
                        ? SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                        : SslContextBuilder.forServer(certificate.toFile(), key.toFile(), password);
            }
            return b.sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.NONE)
                    // HTTP/2 over TLS 1.2 needs the suites RFC 9113 allows: Netty's list, filtered by the provider.
                    .ciphers(
                            io.netty.handler.codec.http2.Http2SecurityUtil.CIPHERS,
                            io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new io.netty.handler.ssl.ApplicationProtocolConfig(
                            io.netty.handler.ssl.ApplicationProtocolConfig.Protocol.ALPN,
                            io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            "h2",
                            "http/1.1"))
                    .build();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the TLS certificate or key (" + certificate + (key == null ? "" : ", " + key) + "): "
                            + e.getMessage(),
                    e);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae
                    && iae.getMessage() != null
                    && iae.getMessage().contains(certificate.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "the TLS certificate or key (" + certificate + (key == null ? "" : ", " + key) + ") does not load: "
                            + e.getMessage(),
                    e);
        }
    }

    private List<FileTime> times() {
        List<FileTime> t = new ArrayList<>();
        for (Path p : key == null ? List.of(certificate) : List.of(certificate, key)) {
            try {
                t.add(Files.getLastModifiedTime(p));
            } catch (IOException e) {
                t.add(FileTime.fromMillis(0));
            }
        }
        return t;
    }

    /** Loads the files again when they changed since last seen; a failure keeps the current certificate. */
    public void reloadIfChanged() {
        List<FileTime> now = times();
        if (now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            context = build();
            LOG.log(System.Logger.Level.INFO, "TLS certificate reloaded from " + certificate);
        } catch (IllegalArgumentException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the changed TLS certificate does not load; keeping the last one: " + e.getMessage());
        }
    }

    /** A handler for a new connection, with the current certificate. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /** The provider in use, for the start line: {@code OpenSSL (BoringSSL)} or {@code the JDK}. */
    public String providerName() {
        return provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "the JDK";
    }

    @Override
    public String toString() {
        return "TLS " + certificate + " via " + providerName();
    }
}
