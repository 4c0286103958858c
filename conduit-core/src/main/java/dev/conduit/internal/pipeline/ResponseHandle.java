package dev.conduit.internal.pipeline;

import dev.conduit.HttpCookie;
import dev.conduit.HttpResponse;
import dev.conduit.NameValueCollection;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link HttpResponse} site code is given: the application instance's {@link ConduitResponse} for one request,
 * each call checked as {@link ContextHandle}'s (its stream and writer check theirs too).
 */
final class ResponseHandle implements HttpResponse {
    private final ContextHandle context;

    ResponseHandle(ContextHandle context) {
        this.context = context;
    }

    /** The response, while its request is the one served (see {@link ContextHandle}). */
    private ConduitResponse live() {
        return context.live().response();
    }

    @Override
    public int statusCode() {
        return live().statusCode();
    }

    @Override
    public void setStatusCode(int statusCode) {
        live().setStatusCode(statusCode);
    }

    @Override
    public String statusDescription() {
        return live().statusDescription();
    }

    @Override
    public void setStatusDescription(String description) {
        live().setStatusDescription(description);
    }

    @Override
    public String contentType() {
        return live().contentType();
    }

    @Override
    public void setContentType(String contentType) {
        live().setContentType(contentType);
    }

    @Override
    public @Nullable Charset charset() {
        return live().charset();
    }

    @Override
    public void setCharset(@Nullable Charset charset) {
        live().setCharset(charset);
    }

    @Override
    public void setHeader(String name, String value) {
        live().setHeader(name, value);
    }

    @Override
    public void appendHeader(String name, String value) {
        live().appendHeader(name, value);
    }

    @Override
    public void removeHeader(String name) {
        live().removeHeader(name);
    }

    @Override
    public @Nullable String header(String name) {
        return live().header(name);
    }

    @Override
    public NameValueCollection headers() {
        return live().headers();
    }

    @Override
    public void addCookie(HttpCookie cookie) {
        live().addCookie(cookie);
    }

    @Override
    public List<HttpCookie> cookies() {
        return live().cookies();
    }

    @Override
    public void write(String text) {
        live().write(text);
    }

    @Override
    public void write(byte[] bytes) {
        live().write(bytes);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        live().write(bytes, offset, length);
    }

    @Override
    public OutputStream outputStream() {
        return live().outputStream();
    }

    @Override
    public Writer output() {
        return live().output();
    }

    @Override
    public void transmitFile(Path file) {
        live().transmitFile(file);
    }

    @Override
    public void transmitFile(Path file, long offset, long length) {
        live().transmitFile(file, offset, length);
    }

    @Override
    public void flush() {
        live().flush();
    }

    @Override
    public boolean bufferOutput() {
        return live().bufferOutput();
    }

    @Override
    public void setBufferOutput(boolean buffer) {
        live().setBufferOutput(buffer);
    }

    @Override
    public boolean isHeadersWritten() {
        return live().isHeadersWritten();
    }

    @Override
    public boolean isClientConnected() {
        return live().isClientConnected();
    }

    @Override
    public boolean trySkipIisCustomErrors() {
        return live().trySkipIisCustomErrors();
    }

    @Override
    public void setTrySkipIisCustomErrors(boolean skip) {
        live().setTrySkipIisCustomErrors(skip);
    }

    @Override
    public void clear() {
        live().clear();
    }

    @Override
    public void clearContent() {
        live().clearContent();
    }

    @Override
    public void clearHeaders() {
        live().clearHeaders();
    }

    @Override
    public void redirect(String url) {
        live().redirect(url);
    }

    @Override
    public void redirect(String url, boolean endResponse) {
        live().redirect(url, endResponse);
    }

    @Override
    public void redirectPermanent(String url) {
        live().redirectPermanent(url);
    }

    @Override
    public void end() {
        live().end();
    }

    @Override
    public boolean isEnded() {
        return live().isEnded();
    }
}
