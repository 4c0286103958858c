package dev.conduit.internal.netty;

import dev.conduit.HttpException;
import dev.conduit.NameValueCollection;
import dev.conduit.spi.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One request on a connection, as the runtime sees it.
 *
 * <p>Writes go through {@link Channel#write}, which Netty runs on the connection's event loop in the order they were
 * made, whichever thread makes them. A write waits while the channel is not writable (the client reads slowly), so
 * a large response never piles up in memory; a file goes out as a {@link DefaultFileRegion} (sendfile on Linux) and
 * the call returns once it has been sent. The connection is reused only when the request said so, the response
 * has a known end, the request body had fully arrived when the head was sent, and the request was not refused for
 * its size.
 */
final class NettyExchange extends AbstractExchange {
    private final ExchangeOwner connection;
    private final Channel channel;

    private boolean closeAfter;
    /**
     * A head held back until its body is known, so both can go out as one full response: as Netty's headers, or as
     * {@link #pendingEncoded} when the response may leave as an {@link EncodedResponse} (an HTTP/1.1 connection, a
     * status Netty's encoder leaves alone). At most one of the two is set ({@link #holdsHead()}).
     */
    private @Nullable HttpHeaders pendingHead;
    /** The held-back head as the exchange encodes it (see {@link #pendingHead}). */
    private EncodedResponse.@Nullable Head pendingEncoded;
    /** The status of {@link #pendingHead} (a response object is made only when it is written, whole or not). */
    private HttpResponseStatus pendingStatus = HttpResponseStatus.OK;
    /**
     * The whole buffered body of a response, held with {@link #pendingHead} until {@link #complete()} writes both on
     * the event loop: when the response came from a request thread (one task on the loop instead of two), and when
     * the connection closes after it, so that a request body that broke its framing or a limit in the bytes already
     * read can still turn the response into that error (see {@link #complete()}).
     */
    private @Nullable ByteBuf pendingBody;
    /**
     * The whole body of an encodable response that a request thread sent, as an array copy (the response's own
     * buffer goes back to its application instance): composed with the head on the event loop. An array and no
     * buffer around it, which costs a buffer object and its reference count per response; {@link #takeBody} turns it
     * into one on the rarer paths that want a buffer.
     */
    private byte @Nullable [] pendingArray;
    /** The response went out as one full response (head, body and end together). */
    private boolean fullWritten;
    /** Something was written and not flushed (the head, or the last bytes of a declared length). */
    private boolean unflushed;

    /** complete() was called (any thread): an abort after it must not touch what complete() now owns. */
    private volatile boolean completed;

    private long declaredLength = -1;
    private long sent;
    private int status;

    NettyExchange(
            ExchangeOwner connection,
            Channel channel,
            HttpRequest request,
            String target,
            @Nullable String hostOverride,
            RequestBody body) {
        super(
                channel,
                channel.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null,
                request,
                target,
                hostOverride,
                body,
                connection.arrival(),
                connection.arrivalMillis(),
                connection.trustedProxies());
        this.connection = connection;
        this.channel = channel;
    }

    /**
     * The connection's event loop, when the request body has fully arrived (a GET, or a small body that came with the
     * head): the runtime may then run the request's non-blocking steps right here, in the read that decoded it.
     */
    @Override
    public java.util.concurrent.@Nullable Executor eventLoop() {
        return body.isComplete() ? channel.eventLoop() : null;
    }

    @Override
    public void sendHead(ResponseHead head) {
        body.finalResponseStarted();
        status = head.status();
        declaredLength = head.contentLength();
        boolean http10 = request().protocolVersion().equals(HttpVersion.HTTP_1_0);
        closeAfter = !HttpHeaders.isKeepAlive(request())
                || !body.isComplete()
                || connection.isClosing()
                || refusedForSize(head.status());
        boolean noBody = head.status() < 200 || head.status() == 204 || head.status() == 304;
        CharSequence framingName = null;
        CharSequence framingValue = null;
        if (!noBody) {
            if (head.contentLength() >= 0) {
                framingName = Names.CONTENT_LENGTH;
                framingValue = Names.length(head.contentLength());
            } else if (http10) {
                closeAfter = true; // HTTP/1.0 has no chunked coding: the end of the body is the end of the connection
            } else if (!isHead()) {
                framingName = Names.TRANSFER_ENCODING;
                framingValue = HttpHeaderValues.CHUNKED;
            }
        }
        CharSequence connectionValue = closeAfter ? HttpHeaderValues.CLOSE : http10 ? Names.KEEP_ALIVE : null;
        // The head as one array of name-value pairs, read in place by whichever encoder writes it: no hash table,
        // entry objects or number formatting per response.
        NameValueCollection given = head.headers();
        int n = 2 * given.size() + 4 + (framingName != null ? 2 : 0) + (connectionValue != null ? 2 : 0);
        CharSequence[] pairs = new CharSequence[n];
        int at = 0;
        boolean held = noBody || isHead() || head.contentLength() >= 0; // held back until its body is known
        boolean encodable = held && EncodedResponse.encodes(head.status());
        // Names pre-encoded for Netty's encoder; this exchange's own encoder copies a String as fast, and mostly
        // copies these lines already encoded (EncodedResponse keeps them).
        for (int i = 0; i < given.size(); i++) {
            pairs[at++] = encodable ? given.name(i) : Names.ascii(given.name(i));
            pairs[at++] = given.value(i);
        }
        pairs[at++] = Names.SERVER;
        pairs[at++] = ConnectionHandler.SERVER_NAME;
        pairs[at++] = Names.DATE; // last of the lines that may repeat: the one value among them that changes
        pairs[at++] = connection.date();
        if (framingName != null) {
            pairs[at++] = framingName;
            pairs[at++] = framingValue;
        }
        if (connectionValue != null) {
            pairs[at++] = Names.CONNECTION;
            pairs[at] = connectionValue;
        }
        HttpResponseStatus responseStatus = status(head);
        if (held) {
            // A buffered response, held back so that head and body leave as one full response (one write); or one
            // without a body, which complete() writes as a full response.
            pendingStatus = responseStatus;
            if (encodable) {
                // The handler's headers, Server and Date may repeat from response to response, the given collection
                // standing for them (a content type's is one the runtime keeps). No Netty headers unless needed.
                pendingEncoded = new EncodedResponse.Head(responseStatus, pairs, 2 * given.size() + 4, given);
            } else {
                pendingHead = nettyHeaders(head.status(), pairs);
            }
            return;
        }
        // Not flushed: the body and the end follow, and go out in the same flush.
        channel.write(
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, responseStatus, nettyHeaders(head.status(), pairs)),
                channel.voidPromise());
        unflushed = true;
    }

    /**
     * The head's name-value pairs as Netty's headers, read in place (Netty's encoder changes the headers only for 1xx,
     * 204 and 205, which get headers it may change).
     */
    private HttpHeaders nettyHeaders(int status, CharSequence[] pairs) {
        if (status >= 200 && status != 204 && status != 205) {
            return new ReadOnlyHttpHeaders(false, pairs);
        }
        HttpHeaders h = connection.headersFactory().newHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            h.add(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    /** Whether a head is held back ({@link #pendingHead} or {@link #pendingEncoded}). */
    private boolean holdsHead() {
        return pendingHead != null || pendingEncoded != null;
    }

    /** Netty's shared status object when the reason is the standard one (no status line to build per response). */
    private static HttpResponseStatus status(ResponseHead head) {
        if (head.status() == 200 && "OK".equals(head.reason())) {
            return HttpResponseStatus.OK; // most responses: no look-up
        }
        HttpResponseStatus standard = HttpResponseStatus.valueOf(head.status());
        return standard.reasonPhrase().equals(head.reason())
                ? standard
                : new HttpResponseStatus(head.status(), head.reason());
    }

    /** Drops what is held back unsent (head and body), releasing a held buffer: the response will not be written. */
    private void dropHeld() {
        pendingHead = null;
        pendingEncoded = null;
        pendingArray = null;
        ByteBuf unsent = pendingBody;
        pendingBody = null;
        if (unsent != null) {
            unsent.release();
        }
    }

    /** The held body, whichever way it is held ({@link #pendingBody}, {@link #pendingArray}), now the caller's. */
    private @Nullable ByteBuf takeBody() {
        ByteBuf content = pendingBody;
        pendingBody = null;
        byte[] array = pendingArray;
        if (array != null) {
            pendingArray = null;
            return Unpooled.wrappedBuffer(array);
        }
        return content;
    }

    /** Writes the held-back head on its own (the body streams after all), or with its whole body. */
    private void writePendingHead() {
        if (holdsHead()) {
            ByteBuf content = takeBody();
            if (content == null) {
                EncodedResponse.Head encoded = pendingEncoded;
                HttpHeaders head = encoded != null
                        ? nettyHeaders(encoded.status().code(), encoded.pairs())
                        : java.util.Objects.requireNonNull(pendingHead);
                pendingHead = null;
                pendingEncoded = null;
                channel.write(
                        new DefaultHttpResponse(HttpVersion.HTTP_1_1, pendingStatus, head), channel.voidPromise());
            } else {
                channel.write(takeFull(content), channel.voidPromise());
            }
            fullWritten = content != null;
            unflushed = true;
        }
    }

    /**
     * The held-back head with its whole body ({@code content}, whose ownership passes to the result) as one response:
     * encoded here when it may be, else Netty's full response (its encoder encodes it).
     */
    private Object takeFull(ByteBuf content) {
        EncodedResponse.Head encoded = pendingEncoded;
        HttpHeaders head = pendingHead;
        pendingHead = null;
        pendingEncoded = null;
        if (encoded != null) {
            return EncodedResponse.of(encoded, content);
        }
        java.util.Objects.requireNonNull(head);
        // No trailers: a full response either has a length or ends with an empty last chunk.
        return new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, pendingStatus, content, head, EmptyHttpHeaders.INSTANCE);
    }

    @Override
    public void flush() {
        writePendingHead();
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    /**
     * A request refused for its size closes the connection, as http.sys and Kestrel do: for 413 the rest of a body
     * nobody will read may still be on its way, and a client that sent a URL over the limit is not one to keep.
     */
    private static boolean refusedForSize(int status) {
        return status == 413 || status == 414;
    }

    @Override
    public void sendContent(byte[] bytes, int offset, int length) throws IOException {
        connection.awaitWritable();
        EncodedResponse.Head encoded = pendingEncoded;
        if (encoded != null
                && sent + length == declaredLength
                && !closeAfter
                && channel.eventLoop().inEventLoop()) {
            // The whole body of an encodable response, on the event loop (send's fast case): head and body are
            // composed in one buffer, without a buffer of the body's own in between.
            sent += length;
            pendingHead = null;
            pendingEncoded = null;
            // The codec reads the array before this write returns (it is on the event loop); over TLS a handler in
            // between (chunked writes) may keep the write for the flush, after the caller reused the array.
            byte[] body = overTls() ? java.util.Arrays.copyOfRange(bytes, offset, offset + length) : bytes;
            channel.write(EncodedResponse.of(encoded, body, overTls() ? 0 : offset, length), channel.voidPromise());
            fullWritten = true;
            unflushed = true;
            return;
        }
        if (encoded != null && sent + length == declaredLength && length <= EncodedResponse.COPY_LIMIT) {
            // The whole body of an encodable response, from a request thread: kept as an array copy (the response's
            // buffer goes back to its application instance), with no buffer object around it, and copied into direct
            // memory once, with the head, on the event loop when the exchange completes. Copied into a direct buffer
            // here instead, it cost a twentieth of a pipelined synchronous profile: without Unsafe, Netty's copy goes
            // through a method handle that a virtual thread's frames did not have inlined.
            sent += length;
            pendingArray = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
            return;
        }
        send(channel.alloc().buffer(length).writeBytes(bytes, offset, length));
    }

    @Override
    public void sendBuffer(ByteBuffer content) throws IOException {
        connection.awaitWritable();
        send(Unpooled.wrappedBuffer(content.duplicate())); // no copy: the runtime never changes it
    }

    /** Writes body bytes (ownership passes to the channel). */
    private void send(ByteBuf buf) {
        int length = buf.readableBytes();
        if (holdsHead() && declaredLength >= 0 && sent + length == declaredLength) {
            // The whole body in one piece, the common buffered case: one write for head, body and end.
            sent += length;
            if (closeAfter || !channel.eventLoop().inEventLoop()) {
                // complete() writes head and body on the event loop: from a request thread, one task carries the
                // whole response and the end of the exchange, instead of a write task and then a completion task.
                pendingBody = buf;
                return;
            }
            // Nothing waits for this write but the connection's next request; a failed write closes the channel.
            channel.write(takeFull(buf), channel.voidPromise());
            fullWritten = true;
            unflushed = true;
            return;
        }
        writePendingHead();
        sent += length;
        Object content = new DefaultHttpContent(buf);
        if (declaredLength >= 0 && sent == declaredLength) {
            channel.write(content, channel.voidPromise()); // the last bytes: complete() flushes them
            unflushed = true;
        } else {
            channel.writeAndFlush(content, channel.voidPromise());
            unflushed = false;
        }
    }

    @Override
    public void sendFile(Path file, long offset, long length) throws IOException {
        connection.awaitWritable();
        writePendingHead();
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ);
        // The region owns the file channel and closes it when released after the write. Over TLS the bytes must pass
        // through the encryption: the file is read in 64 KiB chunks (the pipeline's ChunkedWriteHandler), not sent
        // with sendfile.
        Object region = overTls()
                ? new io.netty.handler.stream.ChunkedNioFile(fc, offset, length, 64 * 1024)
                : new DefaultFileRegion(fc, offset, length);
        unflushed = false;
        sent += length;
        if (channel.eventLoop().inEventLoop()) {
            // Queued in order; waiting here would wait for this very thread. A failed write closes the channel.
            channel.writeAndFlush(region, channel.voidPromise());
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.writeAndFlush(region).addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending " + file);
        } catch (ExecutionException e) {
            throw new IOException("sending " + file + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void complete() {
        completed = true;
        if (!channel.eventLoop().inEventLoop()) {
            // From a request thread: one task on the event loop writes the end and frees the connection for the next
            // request (instead of a write task and then a completion listener's task).
            try {
                channel.eventLoop().execute(this::complete);
            } catch (RejectedExecutionException stopped) {
                // The server stopped, its event loops with it, while the handler ran: nothing will be written.
                dropHeld();
                throw new UncheckedIOException(new IOException("the server has stopped", stopped));
            }
            return;
        }
        if (!closeAfter) {
            connection.log(this);
            // On the event loop, keeping the connection: the end is queued and flushed with the other responses of
            // this read (or at once, outside a read), and the next pipelined request may start right away.
            byte[] array = pendingArray;
            EncodedResponse.Head encoded = pendingEncoded;
            if (array != null && encoded != null) {
                pendingArray = null;
                pendingEncoded = null;
                channel.write(EncodedResponse.of(encoded, array, 0, array.length), channel.voidPromise());
            } else if (holdsHead()) {
                ByteBuf content = takeBody();
                channel.write(takeFull(content == null ? Unpooled.EMPTY_BUFFER : content), channel.voidPromise());
            } else if (!fullWritten) {
                channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            }
            connection.completedOnLoop(this);
            return;
        }
        // The connection closes after this response: the close waits until the end is on the wire.
        boolean held = holdsHead();
        ChannelFuture f;
        if (held && body.failure() instanceof HttpException refused && refused.statusCode() != status) {
            // The request body broke its framing or a limit before any of the response went out; a handler that
            // did not read that far never saw it. The request was not what the handler answered, so the answer is
            // the error (on the event loop, every byte of the read that carried the error is decoded by now).
            dropHeld();
            FullHttpResponse error = connection.plainResponse(refused.statusCode(), refused.getMessage());
            status = refused.statusCode();
            sent = error.content().readableBytes();
            f = channel.writeAndFlush(error);
        } else if (held) {
            ByteBuf content = takeBody();
            f = channel.writeAndFlush(takeFull(content == null ? Unpooled.EMPTY_BUFFER : content));
        } else if (fullWritten) {
            f = channel.writeAndFlush(Unpooled.EMPTY_BUFFER); // completes once the full response before it is out
        } else {
            f = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        connection.log(this);
        f.addListener(ignored -> connection.exchangeDone(this, true));
    }

    @Override
    public void abort(Throwable cause) {
        if (completed) {
            // The response is already owned by complete() (perhaps still queued on the event loop): what it holds
            // is written or, the channel closed, released by Netty; closing is all that is left, logged once.
            connection.abort(this);
            return;
        }
        dropHeld();
        connection.log(this);
        connection.abort(this);
    }

    @Override
    public boolean isClientConnected() {
        return channel.isActive();
    }

    @Override
    int status() {
        return status;
    }

    @Override
    long bytesSent() {
        return sent;
    }

    @Override
    long now() {
        return connection.now();
    }
}
