package dev.conduit.testing;

import dev.conduit.NameValueCollection;
import dev.conduit.spi.HostExchange;
import dev.conduit.spi.ResponseHead;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@link HostExchange} in memory: the request is given, the response is collected. Enforces the SPI's order. */
final class InMemoryExchange implements HostExchange {
    private final String method;
    private final String target;
    private final NameValueCollection headers;
    private final byte[] body;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;

    private @Nullable ResponseHead head;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private final List<Path> files = new ArrayList<>();
    private int buffersSent;
    private final CompletableFuture<TestResponse> result = new CompletableFuture<>();

    InMemoryExchange(
            String method,
            String target,
            NameValueCollection headers,
            byte[] body,
            InetSocketAddress remote,
            InetSocketAddress local,
            boolean secure) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.remote = remote;
        this.local = local;
        this.secure = secure;
    }

    CompletableFuture<TestResponse> result() {
        return result;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawTarget() {
        return target;
    }

    @Override
    public String protocol() {
        return "HTTP/1.1";
    }

    @Override
    public @Nullable String requestHeader(String name) {
        return headers.getFirst(name);
    }

    @Override
    public NameValueCollection requestHeaders() {
        return headers;
    }

    @Override
    public long requestContentLength() {
        String declared = headers.getFirst("Content-Length");
        return declared != null ? Long.parseLong(declared) : body.length;
    }

    @Override
    public InputStream requestBody() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public synchronized void sendHead(ResponseHead responseHead) {
        if (head != null) {
            throw new IllegalStateException("sendHead called twice");
        }
        if (result.isDone()) {
            throw new IllegalStateException("sendHead after the exchange ended");
        }
        head = responseHead;
    }

    @Override
    public synchronized void sendContent(byte[] bytes, int offset, int length) {
        checkStreaming("sendContent");
        content.write(bytes, offset, length);
    }

    @Override
    public synchronized void sendBuffer(ByteBuffer buffer) {
        checkStreaming("sendBuffer");
        buffersSent++;
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        content.write(bytes, 0, bytes.length);
    }

    @Override
    public synchronized void sendFile(Path file, long offset, long length) throws IOException {
        checkStreaming("sendFile");
        files.add(file);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, 1 << 16));
            long left = length;
            while (left > 0) {
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                int n = ch.read(buf);
                if (n < 0) {
                    throw new IOException("file shorter than the range sent: " + file);
                }
                content.write(buf.array(), 0, n);
                left -= n;
            }
        }
    }

    private void checkStreaming(String what) {
        if (head == null) {
            throw new IllegalStateException(what + " before sendHead");
        }
        if (result.isDone()) {
            throw new IllegalStateException(what + " after the exchange ended");
        }
        if (method.equals("HEAD")) {
            throw new IllegalStateException(what + " for a HEAD request");
        }
    }

    @Override
    public synchronized void complete() {
        if (head == null) {
            throw new IllegalStateException("complete before sendHead");
        }
        if (head.contentLength() >= 0 && !method.equals("HEAD") && head.contentLength() != content.size()) {
            throw new IllegalStateException(
                    "declared Content-Length " + head.contentLength() + " but sent " + content.size());
        }
        finish(false);
    }

    @Override
    public synchronized void abort(Throwable cause) {
        finish(true);
    }

    private void finish(boolean aborted) {
        if (result.isDone()) {
            throw new IllegalStateException("the exchange ended twice");
        }
        ResponseHead h = head;
        result.complete(new TestResponse(
                h == null ? 0 : h.status(),
                h == null ? "" : h.reason(),
                h == null ? NameValueCollection.empty() : h.headers(),
                h == null ? -1 : h.contentLength(),
                content.toByteArray(),
                List.copyOf(files),
                buffersSent,
                aborted));
    }

    @Override
    public boolean isClientConnected() {
        return !result.isDone();
    }
}
