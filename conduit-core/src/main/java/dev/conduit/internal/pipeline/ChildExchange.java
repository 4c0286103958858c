package dev.conduit.internal.pipeline;

import dev.conduit.NameValueCollection;
import dev.conduit.spi.HostExchange;
import dev.conduit.spi.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A request the runtime makes to its own site on behalf of another ({@code <httpErrors responseMode="ExecuteURL">}):
 * a GET (HEAD for a HEAD) of a site URL with the original request's headers, client and connection facts but no body,
 * whose response is kept in memory. At most {@link #MAX_BYTES} of body are kept; more fails the child request.
 */
final class ChildExchange implements HostExchange {
    /** The most a child response may hold: an error page, not a download. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final Set<String> BODY_HEADERS = Set.of("content-length", "content-type", "transfer-encoding");

    /**
     * The original request's exchange, taken when the child is made: the parent's request object is its application
     * instance's, reset once the parent ends, which a child that outlives it (a timed-out error page) must not see.
     */
    private final HostExchange parent;

    private final String method;
    private final String target;
    private final NameValueCollection headers;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private @Nullable ResponseHead head;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    ChildExchange(ConduitRequest parent, String target) {
        this.parent = parent.exchange();
        this.method = parent.httpMethod().equals("HEAD") ? "HEAD" : "GET";
        this.target = target;
        NameValueCollection.Builder b = NameValueCollection.builder();
        for (var e : parent.headers().entries()) {
            if (!BODY_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                b.add(e.getKey(), e.getValue());
            }
        }
        this.headers = b.build();
    }

    /** The child's response head, once sent. */
    @Nullable
    ResponseHead head() {
        return head;
    }

    /** The child's response body. */
    byte[] body() {
        return body.toByteArray();
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
        return parent.protocol();
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
        return 0;
    }

    @Override
    public InputStream requestBody() {
        return InputStream.nullInputStream();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return parent.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return parent.localAddress();
    }

    @Override
    public boolean isSecure() {
        return parent.isSecure();
    }

    @Override
    public boolean clientAddressFromProxy() {
        return parent.clientAddressFromProxy();
    }

    @Override
    public void sendHead(ResponseHead h) {
        head = h;
    }

    @Override
    public void sendContent(byte[] bytes, int offset, int length) throws IOException {
        if (body.size() + (long) length > MAX_BYTES) {
            throw new IOException("the error page is larger than " + MAX_BYTES + " bytes");
        }
        body.write(bytes, offset, length);
    }

    @Override
    public void sendFile(Path file, long offset, long length) throws IOException {
        if (body.size() + length > MAX_BYTES) {
            throw new IOException("the error page is larger than " + MAX_BYTES + " bytes");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("the file " + file + " is shorter than " + (offset + length) + " bytes");
                }
                pos += n;
            }
            body.write(buf.array(), 0, buf.position());
        }
    }

    @Override
    public void complete() {
        done.complete(null);
    }

    @Override
    public void abort(Throwable cause) {
        done.completeExceptionally(cause);
    }

    @Override
    public boolean isClientConnected() {
        return true;
    }
}
