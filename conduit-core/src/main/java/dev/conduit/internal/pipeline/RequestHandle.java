package dev.conduit.internal.pipeline;

import dev.conduit.HttpCookie;
import dev.conduit.HttpPostedFile;
import dev.conduit.HttpRequest;
import dev.conduit.NameValueCollection;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpRequest} site code is given: the application instance's {@link ConduitRequest} for one request,
 * each call checked as {@link ContextHandle}'s.
 */
final class RequestHandle implements HttpRequest {
    private final ContextHandle context;

    RequestHandle(ContextHandle context) {
        this.context = context;
    }

    /** The request, while its request is the one served (see {@link ContextHandle}). */
    private ConduitRequest live() {
        return context.live().request();
    }

    @Override
    public String httpMethod() {
        return live().httpMethod();
    }

    @Override
    public String requestType() {
        return live().requestType();
    }

    @Override
    public void setRequestType(String requestType) {
        live().setRequestType(requestType);
    }

    @Override
    public URI url() {
        return live().url();
    }

    @Override
    public String rawUrl() {
        return live().rawUrl();
    }

    @Override
    public String path() {
        return live().path();
    }

    @Override
    public String filePath() {
        return live().filePath();
    }

    @Override
    public String pathInfo() {
        return live().pathInfo();
    }

    @Override
    public String applicationPath() {
        return live().applicationPath();
    }

    @Override
    public String appRelativeCurrentExecutionFilePath() {
        return live().appRelativeCurrentExecutionFilePath();
    }

    @Override
    public String physicalPath() {
        return live().physicalPath();
    }

    @Override
    public String physicalApplicationPath() {
        return live().physicalApplicationPath();
    }

    @Override
    public String queryStringText() {
        return live().queryStringText();
    }

    @Override
    public NameValueCollection queryString() {
        return live().queryString();
    }

    @Override
    public NameValueCollection form() {
        return live().form();
    }

    @Override
    public List<HttpPostedFile> files() {
        return live().files();
    }

    @Override
    public @Nullable HttpPostedFile file(String name) {
        return live().file(name);
    }

    @Override
    public NameValueCollection headers() {
        return live().headers();
    }

    @Override
    public @Nullable String header(String name) {
        return live().header(name);
    }

    @Override
    public List<HttpCookie> cookies() {
        return live().cookies();
    }

    @Override
    public @Nullable HttpCookie cookie(String name) {
        return live().cookie(name);
    }

    @Override
    public @Nullable String get(String key) {
        return live().get(key);
    }

    @Override
    public InputStream inputStream() {
        return live().inputStream();
    }

    @Override
    public @Nullable String contentType() {
        return live().contentType();
    }

    @Override
    public long contentLength() {
        return live().contentLength();
    }

    @Override
    public Charset contentEncoding() {
        return live().contentEncoding();
    }

    @Override
    public String protocol() {
        return live().protocol();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return live().remoteAddress();
    }

    @Override
    public String userHostAddress() {
        return live().userHostAddress();
    }

    @Override
    public boolean isLocal() {
        return live().isLocal();
    }

    @Override
    public boolean isSecureConnection() {
        return live().isSecureConnection();
    }
}
