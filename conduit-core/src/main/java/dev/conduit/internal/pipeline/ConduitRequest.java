package dev.conduit.internal.pipeline;

import dev.conduit.HttpCookie;
import dev.conduit.HttpException;
import dev.conduit.HttpUtility;
import dev.conduit.NameValueCollection;
import dev.conduit.spi.HostExchange;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The request over a {@link HostExchange}; query string, form, headers and cookies are parsed on first use. One per
 * application instance, reset for each request it serves ({@link ConduitContext}); site code reaches it through a
 * {@link RequestHandle}.
 */
public final class ConduitRequest {
    private final Path siteRoot;
    // Set by begin, for the request served; cleared by end (nothing reads them before the next begin).
    private HostExchange exchange;
    private RequestTarget target;
    private String filePath;
    private String pathInfo;
    private String requestType;
    private long maxRequestLength = Long.MAX_VALUE;

    private @Nullable NameValueCollection query;
    private @Nullable NameValueCollection form;
    private @Nullable MultipartForm multipart;
    private @Nullable List<HttpCookie> cookies;
    private @Nullable InputStream body;

    ConduitRequest(Path siteRoot) {
        this.siteRoot = siteRoot;
    }

    /** Begins a request over {@code exchange}. */
    void begin(HostExchange exchange, RequestTarget target, String filePath, String pathInfo) {
        this.exchange = exchange;
        this.target = target;
        this.filePath = filePath;
        this.pathInfo = pathInfo;
        this.requestType = exchange.method();
    }

    /** Forgets the request that ended (its body is closed already: {@link #close}). */
    void reset() {
        exchange = null;
        target = null;
        filePath = null;
        pathInfo = null;
        requestType = null;
        maxRequestLength = Long.MAX_VALUE;
        query = null;
        form = null;
        multipart = null;
        cookies = null;
        body = null;
    }

    /** Points the request at another file (default documents); path info is kept. */
    void rewriteFilePath(String newFilePath) {
        this.filePath = newFilePath;
    }

    void setMaxRequestLength(long bytes) {
        this.maxRequestLength = bytes;
    }

    public String httpMethod() {
        return exchange.method();
    }

    public String requestType() {
        return requestType;
    }

    public void setRequestType(String requestType) {
        if (requestType.isEmpty()) {
            throw new IllegalArgumentException("requestType must not be empty");
        }
        this.requestType = requestType;
    }

    public URI url() {
        String host = exchange.requestHeader("Host");
        if (host == null || host.isBlank()) {
            InetSocketAddress local = exchange.localAddress();
            host = local.getHostString() + ":" + local.getPort();
        }
        String scheme = exchange.isSecure() ? "https" : "http";
        try {
            return new URI(scheme + "://" + host + exchange.rawTarget());
        } catch (URISyntaxException e) {
            throw new HttpException(400, "Bad Request: invalid Host header.", e);
        }
    }

    public String rawUrl() {
        return exchange.rawTarget();
    }

    public String path() {
        return target.path();
    }

    public String filePath() {
        return filePath;
    }

    public String pathInfo() {
        return pathInfo;
    }

    public String applicationPath() {
        return "/";
    }

    public String appRelativeCurrentExecutionFilePath() {
        return "~" + filePath;
    }

    public String physicalPath() {
        return physicalFile().toString();
    }

    /** {@link #physicalPath()} as a {@link Path}. */
    public Path physicalFile() {
        return filePath.length() <= 1 ? siteRoot : siteRoot.resolve(filePath.substring(1));
    }

    public String physicalApplicationPath() {
        return siteRoot.toString() + File.separator;
    }

    public String queryStringText() {
        return target.query();
    }

    public NameValueCollection queryString() {
        NameValueCollection q = query;
        if (q == null) {
            q = parseUrlEncoded(target.query());
            query = q;
        }
        return q;
    }

    public NameValueCollection form() {
        NameValueCollection f = form;
        if (f == null) {
            f = readForm();
            form = f;
        }
        return f;
    }

    /** The form if a handler or module already read it, else {@code null} (for tracing, which must not read it). */
    public @Nullable NameValueCollection parsedForm() {
        return form;
    }

    private NameValueCollection readForm() {
        String type = contentType();
        if (MultipartForm.isMultipart(type)) {
            return multipart().fields;
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return NameValueCollection.empty();
        }
        try {
            byte[] bytes = inputStream().readAllBytes();
            return parseUrlEncoded(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the form body failed", e);
        }
    }

    /** Parses {@code a=1&b=2}, decoding each part as UTF-8; a part without {@code =} is a name with an empty value. */
    static NameValueCollection parseUrlEncoded(String text) {
        if (text.isEmpty()) {
            return NameValueCollection.empty();
        }
        NameValueCollection.Builder b = NameValueCollection.builder();
        int start = 0;
        while (start <= text.length()) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? text.length() : amp;
            if (end > start) {
                int eq = text.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    b.add(HttpUtility.urlDecode(text.substring(start, end)), "");
                } else {
                    b.add(
                            HttpUtility.urlDecode(text.substring(start, eq)),
                            HttpUtility.urlDecode(text.substring(eq + 1, end)));
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return b.build();
    }

    private MultipartForm multipart() {
        MultipartForm m = multipart;
        if (m == null) {
            m = MultipartForm.parse(this);
            multipart = m;
        }
        return m;
    }

    public List<dev.conduit.HttpPostedFile> files() {
        return MultipartForm.isMultipart(contentType()) ? multipart().files : List.of();
    }

    public dev.conduit.@Nullable HttpPostedFile file(String name) {
        for (dev.conduit.HttpPostedFile f : files()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Deletes what the request spooled to disk; called when it ends. */
    void close() {
        MultipartForm m = multipart;
        if (m != null) {
            m.delete();
        }
    }

    /** The host's exchange this request came over. */
    HostExchange exchange() {
        return exchange;
    }

    public NameValueCollection headers() {
        return exchange.requestHeaders();
    }

    public @Nullable String header(String name) {
        return exchange.requestHeader(name);
    }

    public List<HttpCookie> cookies() {
        List<HttpCookie> c = cookies;
        if (c == null) {
            // Most requests carry no cookie: then the header collection need not be built at all.
            c = exchange.requestHeader("Cookie") == null
                    ? List.of()
                    : parseCookies(exchange.requestHeaders().getAll("Cookie"));
            cookies = c;
        }
        return c;
    }

    /** Parses Cookie headers (RFC 6265 §5.4); malformed pairs are skipped, never fatal. */
    static List<HttpCookie> parseCookies(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return List.of();
        }
        List<HttpCookie> out = new ArrayList<>();
        for (String header : headerValues) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                try {
                    out.add(new HttpCookie(name, value, null, null, null, false, false, null));
                } catch (IllegalArgumentException malformed) {
                    // A cookie we could not send back is still not worth failing the request for.
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    public @Nullable HttpCookie cookie(String name) {
        for (HttpCookie c : cookies()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public @Nullable String get(String key) {
        String v = queryString().getFirst(key);
        if (v == null) {
            v = form().getFirst(key);
        }
        if (v == null) {
            HttpCookie c = cookie(key);
            v = c == null ? null : c.value();
        }
        return v;
    }

    public InputStream inputStream() {
        InputStream b = body;
        if (b == null) {
            b = new LimitedInputStream(exchange.requestBody(), maxRequestLength);
            body = b;
        }
        return b;
    }

    public @Nullable String contentType() {
        return exchange.requestHeader("Content-Type");
    }

    public long contentLength() {
        return exchange.requestContentLength();
    }

    public Charset contentEncoding() {
        String type = contentType();
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).replace("\"", "").trim();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new HttpException(415, "Unsupported charset: " + name, e);
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    public String protocol() {
        return exchange.protocol();
    }

    public InetSocketAddress remoteAddress() {
        return exchange.remoteAddress();
    }

    public String userHostAddress() {
        InetAddress a = exchange.remoteAddress().getAddress();
        return a == null ? exchange.remoteAddress().getHostString() : a.getHostAddress();
    }

    public boolean isLocal() {
        InetAddress remote = exchange.remoteAddress().getAddress();
        if (remote == null) {
            return false;
        }
        InetAddress local = exchange.localAddress().getAddress();
        if (!remote.isLoopbackAddress() && !remote.equals(local)) {
            return false;
        }
        // A peer on this machine that forwards for someone (a balancer on loopback) is not the client: the request is
        // local only when a trusted proxy said the client is on this machine, or when nobody forwarded it.
        return exchange.clientAddressFromProxy()
                || exchange.requestHeader("X-Forwarded-For") == null && exchange.requestHeader("Forwarded") == null;
    }

    public boolean isSecureConnection() {
        return exchange.isSecure();
    }
}
