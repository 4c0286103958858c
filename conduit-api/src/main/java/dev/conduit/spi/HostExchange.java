package dev.conduit.spi;

import dev.conduit.NameValueCollection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange as a host presents it to the runtime.
 *
 * <p><b>Order.</b> The runtime reads the request side at any time while the request runs. It then calls {@link
 * #sendHead} exactly once, {@link #sendContent} and {@link #sendFile} zero or more times (never for a HEAD request
 * or a status without a body), {@link #flush} any number of times after the head, and {@link #complete} (or {@link
 * #abort}) exactly once, last. If the exchange fails before the head is
 * sent, the runtime still sends a head (an error status) and completes; if it fails after the head was sent and
 * the response can no longer be framed correctly, it calls {@link #abort} instead of {@link #complete}. After {@link #complete} the runtime never
 * touches the exchange again.
 *
 * <p><b>Threading.</b> Calls for one exchange never overlap. {@link #requestBody()} reads and {@link #sendContent}
 * and {@link #sendFile} may block for back-pressure, except on the host's own network thread (see {@link
 * #eventLoop()}), where they must queue their bytes and return. {@link #sendHead} and {@link #complete} must not
 * block: the runtime may call them from any thread, including the thread that completed an async handler.
 */
public interface HostExchange {

    /**
     * The host's network thread (an event loop) that called the runtime's {@code execute} for this exchange, when the
     * runtime may run this request's steps that never block on it; {@code null} (the default) when every step runs
     * on the runtime's executor.
     *
     * <p>Running the pipeline on the thread that read the request saves two thread hand-offs per request, and lets
     * the host batch the responses of pipelined requests. The runtime runs a step there only when the step cannot
     * block (validation, mapping to a pooled handler, async handlers and async event subscribers, the built-in
     * modules); before a step that may block (a synchronous handler or event subscriber, a handler factory from the
     * site) it moves the request to its executor. A host returns an executor only when the request body has fully
     * arrived: a body read on the network thread would wait for itself. Called once, on the thread that called
     * {@code execute}; a stage that completes elsewhere resumes the request through this executor. The executor must
     * be one thread that runs its tasks in order and never runs one inside {@code execute}: the runtime also makes it
     * the carrier of synchronous handlers' virtual threads.
     */
    default @Nullable Executor eventLoop() {
        return null;
    }

    /**
     * When the host received the request, in milliseconds since the epoch by the system clock
     * ({@link System#currentTimeMillis()}), or 0 (the default) when the host does not say: the runtime then reads its
     * clock. It becomes the request's timestamp when the runtime's clock is the system clock. A host that receives
     * many requests at once (a pipelined burst in one read) reads the clock once for all of them. Called once, when the
     * runtime begins the request, which may be on its executor rather than the thread that called {@code execute}: a
     * host answers with the time it took when the request arrived, not the time of the call.
     */
    default long receivedAt() {
        return 0;
    }

    /** The request method as received, for example {@code GET}. */
    String method();

    /** The request target in origin form ({@code /path?query}), still percent-encoded. */
    String rawTarget();

    /** The protocol version, for example {@code HTTP/1.1}. */
    String protocol();

    /** The first value of a request header (name compared ignoring case), or {@code null}. */
    @Nullable
    String requestHeader(String name);

    /** Every request header, in the order received. */
    NameValueCollection requestHeaders();

    /** The declared request body length; -1 when it is not known in advance (chunked); 0 when there is none. */
    long requestContentLength();

    /**
     * The request body. Reads may block. A body over the host's limit fails the read with an {@link
     * dev.conduit.HttpException} of status 413.
     */
    InputStream requestBody();

    /**
     * Tells the host the most body bytes this request may carry (the folder's {@code maxRequestLength}); called once,
     * before the handler runs. The host stops accepting body bytes as soon as more arrive, whether or not anyone
     * reads them: later reads fail with an {@link dev.conduit.HttpException} of status 413, and the connection is
     * not reused. The default does nothing; the runtime also counts the bytes it reads.
     */
    default void limitRequestBody(long maxBytes) {}

    /** The client's address. */
    InetSocketAddress remoteAddress();

    /** The address the request arrived on. */
    InetSocketAddress localAddress();

    /** Tells whether the exchange arrived over TLS. */
    boolean isSecure();

    /**
     * Whether {@link #remoteAddress()} is the client's address as a trusted proxy reported it (X-Forwarded-For from
     * a proxy the host trusts) rather than the connection's peer. The runtime then believes it; otherwise a request
     * that carries forwarding headers from a peer on this machine is not treated as local (a proxy on loopback would
     * make every client local).
     */
    default boolean clientAddressFromProxy() {
        return false;
    }

    /** Sends the status line and headers. Called exactly once, before any content. Must not block. */
    void sendHead(ResponseHead head);

    /**
     * Sends body bytes; the host may keep a reference to {@code bytes} only until this call returns. May block
     * while the client is slow to read.
     *
     * @throws IOException when the client has gone
     */
    void sendContent(byte[] bytes, int offset, int length) throws IOException;

    /**
     * Sends {@code length} bytes of {@code file} from {@code offset}, zero-copy where the transport allows. May block
     * while the client is slow to read.
     *
     * @throws IOException when the file cannot be read or the client has gone
     */
    void sendFile(Path file, long offset, long length) throws IOException;

    /**
     * Sends {@code content} (from its position to its limit), a buffer that never changes: the host may keep it and
     * send it without copying (the runtime's cache of small static files uses this). The default copies it through
     * {@link #sendContent}. May block while the client is slow to read, except on the host's network thread.
     *
     * @throws IOException when the client has gone
     */
    default void sendBuffer(ByteBuffer content) throws IOException {
        ByteBuffer b = content.duplicate();
        byte[] chunk = new byte[Math.min(b.remaining(), 64 * 1024)];
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            sendContent(chunk, 0, n);
        }
    }

    /**
     * Pushes everything sent so far to the client now: the handler called {@code HttpResponse.flush()}, perhaps to
     * show the head or a first part before a long wait. A host that batches its writes must not hold them for more.
     * Must not block. The default does nothing (for hosts that never hold writes back).
     */
    default void flush() {}

    /** Ends the response; the host may reuse or close the connection. Called exactly once. Must not block. */
    void complete();

    /**
     * Ends the exchange abnormally: the response cannot be completed as framed (for example fewer bytes were
     * written than a declared Content-Length), so the host closes the connection instead of reusing it. Called at
     * most once, instead of {@link #complete}. Must not block.
     */
    void abort(Throwable cause);

    /** Tells whether the client is still connected. */
    boolean isClientConnected();
}
