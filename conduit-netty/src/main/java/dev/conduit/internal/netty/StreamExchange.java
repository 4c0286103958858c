package dev.conduit.internal.netty;

import dev.conduit.HttpException;
import dev.conduit.spi.ResponseHead;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream's request, as the runtime sees it: served straight from its connection's frame listener ({@link
 * Http2Streams}), with no channel or pipeline of its own, its response written through the connection's encoder.
 *
 * <p>A response whose length is known is held until it completes and leaves as one HEADERS and one DATA frame. A
 * streamed one (no length, a flush, more than one piece, a file) goes out piece by piece, each a DATA frame whose
 * write completes once the frame is on the wire: until then its bytes count as on their way, and a request thread
 * that has more than {@link #HIGH_WATER} of them on their way waits. So a handler that writes faster than its client
 * reads (or gives window) holds about that much of the connection's memory, whatever the client's window. On the
 * event loop (an async handler) nothing waits: a file goes out in pieces, each read when the one before is sent.
 *
 * <p>Threads: the request's side (the runtime's calls, whichever thread makes them, never overlapping) hands what it
 * writes to the event loop, which alone touches the stream, the encoder and the fields marked as the loop's.
 *
 * <p>Longer than most classes: the writer, the file pump, the request body's window and the minimum rates all read and
 * write the same count of bytes on their way and the same stream state, and split apart they would share them
 * through accessors that say less than the fields do.
 */
final class StreamExchange extends AbstractExchange {
    private static final System.Logger LOG = System.getLogger("dev.conduit.server");

    /** The bytes of a streamed response on their way before a request thread waits (and a file's next piece). */
    static final int HIGH_WATER = 64 * 1024;

    private static final int FILE_PIECE = 64 * 1024;

    private final Http2Streams connection;
    final Http2Stream stream;

    // ---- the request's side ----
    private int status;
    private long declaredLength = -1;
    private long sent;
    /** The response head, made by sendHead; written by the loop with the first body bytes or at the end. */
    private @Nullable Http2Headers head;
    /** The whole body of a response of known length, held to leave with the head in one write. */
    private @Nullable ByteBuf whole;
    /** Whether the response streams (its head is on its way). */
    private boolean streaming;
    /** complete() was called: an abort after it must not touch what the loop now owns. */
    private volatile boolean completed;

    // ---- the loop's side ----
    private boolean headWritten;
    /** The stream is closed (both sides ended, or reset by either side): nothing more is written. */
    volatile boolean closed;
    /**
     * Bytes of the response handed towards the connection whose write has not completed: counted when a request
     * thread hands them to the loop (not when the loop gets to them, or a fast writer would queue its whole body in
     * the loop's tasks before the first counted), and until their DATA frame is on the wire.
     */
    private volatile long onTheirWay;

    private static final java.lang.invoke.VarHandle ON_THEIR_WAY;

    static {
        try {
            ON_THEIR_WAY = java.lang.invoke.MethodHandles.lookup()
                    .findVarHandle(StreamExchange.class, "onTheirWay", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private void onTheirWay(long delta) {
        ON_THEIR_WAY.getAndAdd(this, delta);
    }
    /** A file going out from the event loop, a piece at a time; null when none. */
    private @Nullable FilePump pump;
    /** The end of the response, waiting for {@link #pump} to finish. */
    private boolean endAfterPump;
    /** Request body bytes not yet given back to the client as window (the body is paused). */
    private int heldWindow;
    /** The body has more unread than it holds: window is given back only when the reader catches up. */
    private boolean paused;
    /** Request body bytes received (the minimum request rate's counter). */
    long bodyBytes;
    /** The request's body broke a limit or its rate: the stream is reset once the response is out. */
    boolean resetAfter;

    // ---- the minimum rates (the loop's, once a second) ----
    private boolean wroteSinceSweep;
    private long judged;
    private long drained;
    private long lastOnTheirWay;
    private long bodyJudged;
    private long bodyReceived;
    private long lastBodyBytes;

    private StreamExchange(
            Http2Streams connection,
            Http2Stream stream,
            HttpRequest request,
            String target,
            RequestBody body,
            long started,
            long startedMillis) {
        super(
                connection.channel(),
                connection.overTls(),
                request,
                target,
                null,
                body,
                started,
                startedMillis,
                connection.server().trustedProxies());
        this.connection = connection;
        this.stream = stream;
    }

    /**
     * The exchange of {@code request}, the request of {@code stream}; {@code bodyFollows} when DATA frames follow its
     * HEADERS. On the loop.
     */
    static StreamExchange create(
            Http2Streams connection,
            Http2Stream stream,
            HttpRequest request,
            boolean bodyFollows,
            long started,
            long startedMillis) {
        boolean expectContinue = request.headers().contains(io.netty.handler.codec.http.HttpHeaderNames.EXPECT);
        boolean hasBody = bodyFollows
                && (io.netty.handler.codec.http.HttpUtil.isTransferEncodingChunked(request)
                        || io.netty.handler.codec.http.HttpUtil.getContentLength(request, 0L) > 0);
        if (!hasBody) {
            return new StreamExchange(
                    connection, stream, request, request.uri(), RequestBody.none(), started, startedMillis);
        }
        BodyFlow flow = new BodyFlow();
        StreamExchange e = new StreamExchange(
                connection,
                stream,
                request,
                request.uri(),
                RequestBody.streamedOnStream(flow, expectContinue),
                started,
                startedMillis);
        flow.exchange = e;
        return e;
    }

    /** The body's calls back into its stream (the body is made before the exchange it belongs to). */
    private static final class BodyFlow implements RequestBody.Flow {
        private @Nullable StreamExchange exchange;

        @Override
        public void resume() {
            StreamExchange e = exchange;
            if (e != null) {
                e.onLoop(e::resumeBody);
            }
        }

        @Override
        public void sendContinue() {
            StreamExchange e = exchange;
            if (e != null) {
                e.onLoop(e::writeContinue);
            }
        }
    }

    /**
     * The connection's event loop, when the request body has fully arrived: the runtime may then run the request's
     * non-blocking steps right here, in the read that decoded its HEADERS.
     */
    @Override
    public @Nullable Executor eventLoop() {
        return body.isComplete() ? connection.loop() : null;
    }

    @Override
    long now() {
        return System.nanoTime();
    }

    @Override
    int status() {
        return status;
    }

    @Override
    long bytesSent() {
        return sent;
    }

    // ---- the request body (on the loop) ----

    /**
     * DATA (or trailers, {@code data} empty) for the request body; returns the bytes of it that may be given back to
     * the client as window now (the rest once the reader catches up).
     */
    int bodyArrived(ByteBuf data, int padding, boolean last) {
        int n = data.readableBytes();
        bodyBytes += n;
        boolean more = body.offer(data.retain(), last);
        if (paused || !more) {
            paused = true;
            heldWindow += n;
            return padding;
        }
        return n + padding;
    }

    private void resumeBody() {
        paused = false;
        int n = heldWindow;
        heldWindow = 0;
        if (n > 0 && !closed) {
            connection.giveWindow(stream, n);
        }
    }

    /** Whether the client cannot send (the body is paused, or it waits for a 100 Continue). */
    boolean bodyHeldBack() {
        return paused || body.awaitsContinue();
    }

    private void writeContinue() {
        if (!closed && !headWritten) {
            connection.writeContinue(stream);
        }
    }

    /** The stream closed (both sides ended, or a reset): a body still arriving fails, a waiting writer wakes. */
    void streamClosed() {
        closed = true;
        if (!body.isComplete()) {
            body.fail(new HttpException(400, "The client reset the stream."));
        }
        FilePump p = pump;
        if (p != null) {
            pump = null;
            p.close();
        }
        connection.wakeWriters();
    }

    // ---- the response ----

    @Override
    public void sendHead(ResponseHead h) {
        body.finalResponseStarted();
        status = h.status();
        declaredLength = h.contentLength();
        boolean noBody = status < 200 || status == 204 || status == 304;
        head = Http2Messages.headers(status, h.headers(), connection.server().date(), noBody ? -1 : h.contentLength());
    }

    @Override
    public void sendContent(byte[] bytes, int offset, int length) throws IOException {
        if (!streaming && whole == null && declaredLength >= 0 && sent + length == declaredLength) {
            // The whole body in one piece (the common buffered response): held for one write with the head.
            sent += length;
            whole = connection.loop().inEventLoop()
                    ? connection.alloc().buffer(length).writeBytes(bytes, offset, length)
                    // From a request thread: an array copy, composed into the frame on the loop (a direct buffer
                    // filled here costs a method handle's copy a virtual thread's frames have not inlined).
                    : Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, offset, offset + length));
            return;
        }
        send(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, offset, offset + length)));
    }

    @Override
    public void sendBuffer(ByteBuffer content) throws IOException {
        ByteBuf b = Unpooled.wrappedBuffer(content.duplicate()); // no copy: the runtime never changes it
        if (!streaming && whole == null && declaredLength >= 0 && sent + b.readableBytes() == declaredLength) {
            sent += b.readableBytes();
            whole = b;
            return;
        }
        send(b);
    }

    /** A piece of a streamed body (ownership passes on): waits while too much is on its way, off the loop. */
    private void send(ByteBuf piece) throws IOException {
        startStreaming();
        try {
            awaitRoom();
        } catch (IOException e) {
            piece.release();
            throw e;
        }
        int n = piece.readableBytes();
        sent += n;
        onTheirWay(n);
        if (!onLoop(() -> writePiece(piece))) {
            onTheirWay(-n);
            piece.release();
        }
    }

    /** The head (and anything held) goes out now; the body streams after it. */
    private void startStreaming() {
        if (streaming) {
            return;
        }
        streaming = true;
        ByteBuf held = whole;
        whole = null;
        if (held != null) {
            onTheirWay(held.readableBytes());
        }
        onLoop(() -> {
            writeHead();
            if (held != null) {
                writePiece(held);
            }
        });
    }

    /** On a request thread: waits until the bytes on their way are under {@link #HIGH_WATER}. */
    private void awaitRoom() throws IOException {
        if (connection.loop().inEventLoop()) {
            return; // queued instead: waiting here would wait for this very thread
        }
        try {
            connection.awaitWriters(() -> closed || onTheirWay < HIGH_WATER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client was slow to read");
        }
        if (closed || !connection.channel().isActive()) {
            throw new IOException("the client reset the stream");
        }
    }

    @Override
    public void sendFile(Path file, long offset, long length) throws IOException {
        startStreaming();
        FileChannel fc = FileChannel.open(file, StandardOpenOption.READ);
        sent += length;
        if (connection.loop().inEventLoop()) {
            // An async handler: the file goes out a piece at a time, each read when the one before is sent.
            FilePump p = new FilePump(fc, offset, offset + length, null);
            pump = p;
            p.next();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        FilePump p = new FilePump(fc, offset, offset + length, done);
        if (!onLoop(() -> {
            pump = p;
            p.next();
        })) {
            p.close();
            throw new IOException("the server has stopped");
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending " + file);
        } catch (ExecutionException e) {
            throw new IOException("sending " + file + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * A file going out on the loop, a piece at a time: the next piece is read when the bytes on their way drop under
     * {@link #HIGH_WATER}, so a slow client holds one piece or two of it in memory.
     */
    private final class FilePump {
        private final FileChannel fc;
        private long position;
        private final long end;
        private final @Nullable CompletableFuture<Void> done;

        FilePump(FileChannel fc, long position, long end, @Nullable CompletableFuture<Void> done) {
            this.fc = fc;
            this.position = position;
            this.end = end;
            this.done = done;
        }

        /** Reads and writes pieces while there is room (on the loop). */
        void next() {
            try {
                while (pump == this && position < end && onTheirWay < HIGH_WATER) {
                    int n = (int) Math.min(FILE_PIECE, end - position);
                    ByteBuf piece = connection.alloc().ioBuffer(n);
                    try {
                        int read = piece.writeBytes(fc, position, n);
                        if (read <= 0) {
                            throw new IOException("the file ended early");
                        }
                        position += read;
                    } catch (IOException e) {
                        piece.release();
                        throw e;
                    }
                    onTheirWay(piece.readableBytes());
                    writePiece(piece);
                }
            } catch (IOException e) {
                pump = null;
                close();
                if (done != null) {
                    done.completeExceptionally(e);
                } else {
                    resetStream(); // an async sender cannot be told: the response cannot end as framed
                }
                return;
            }
            if (pump == this && position >= end) {
                pump = null;
                if (done != null) {
                    done.complete(null);
                }
                close();
                if (endAfterPump) {
                    writeEnd();
                }
            }
        }

        /** Closes the file; a request thread still waiting for it learns that the stream is gone. */
        void close() {
            try {
                fc.close();
            } catch (IOException ignored) {
                // read-only: nothing was lost
            }
            if (done != null && !done.isDone()) {
                done.completeExceptionally(new IOException("the client reset the stream"));
            }
        }
    }

    @Override
    public void flush() {
        startStreaming();
        onLoop(connection::flushSoon);
    }

    @Override
    public void complete() {
        completed = true;
        if (!onLoop(this::finish)) {
            ByteBuf held = whole;
            whole = null;
            if (held != null) {
                held.release();
            }
            throw new UncheckedIOException(new IOException("the server has stopped"));
        }
    }

    /** The end of the response, on the loop: the head with the whole body, or the end of what streamed. */
    private void finish() {
        ByteBuf held = whole;
        whole = null;
        if (closed) {
            logTo(connection.server().accessLog());
            if (held != null) {
                held.release();
            }
            body.discard(); // a body the client completed before it reset the stream, unread
            return;
        }
        if (!headWritten && body.failure() instanceof HttpException refused && refused.statusCode() != status) {
            // The request body broke a limit or its rate before any of the response went out; a handler that did not
            // read that far never saw it. The request was not what the handler answered: the answer is the error.
            if (held != null) {
                held.release();
            }
            byte[] text = (refused.getMessage() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            status = refused.statusCode();
            sent = text.length;
            head = Http2Messages.headers(status, PLAIN_TEXT, connection.server().date(), text.length);
            held = Unpooled.wrappedBuffer(text);
            resetAfter = true;
        }
        logTo(connection.server().accessLog()); // the status and length the client gets
        if (!headWritten) {
            // Nothing to do once the response is out, and it goes out with the next flush (the windows have room
            // for it): no promise and no listener to run for it (they cost a tenth of a small response's time), and
            // when it fits a frame, its head and body leave as one buffer beside Netty's encoder (writeWhole).
            boolean fireAndForget = body == RequestBody.none()
                    && !resetAfter
                    && !stream.state().remoteSideOpen()
                    && (held == null || connection.windowFor(stream) >= held.readableBytes());
            if (held != null && held.isReadable()) {
                if (fireAndForget && connection.writeWhole(stream, headOrError(), held)) {
                    headWritten = true;
                } else if (fireAndForget) {
                    writeHead();
                    connection.writeLastData(stream, held);
                } else {
                    writeHead();
                    onTheirWay(held.readableBytes());
                    write(held, true);
                }
            } else {
                if (held != null) {
                    held.release();
                }
                headWritten = true;
                if (fireAndForget) {
                    if (!connection.writeWhole(stream, headOrError(), null)) {
                        connection.writeLastHeaders(stream, headOrError());
                    }
                } else {
                    connection.writeHeaders(stream, headOrError(), true).addListener(this::ended);
                }
            }
        } else if (pump != null) {
            endAfterPump = true;
        } else {
            writeEnd();
        }
        connection.flushSoon();
    }

    private static final dev.conduit.NameValueCollection PLAIN_TEXT = dev.conduit.NameValueCollection.builder()
            .add("Content-Type", "text/plain; charset=utf-8")
            .build();

    /** The head sendHead made (the runtime always sends one before the end; a 500 if it did not). */
    private Http2Headers headOrError() {
        Http2Headers h = head;
        return h != null
                ? h
                : Http2Messages.headers(500, PLAIN_TEXT, connection.server().date(), 0);
    }

    /** The head, when it was not written yet; the body follows it. */
    private void writeHead() {
        if (!headWritten && !closed) {
            headWritten = true;
            connection.writeHead(stream, headOrError());
        }
    }

    private void writeEnd() {
        write(Unpooled.EMPTY_BUFFER, true);
    }

    private void writePiece(ByteBuf piece) {
        if (closed) {
            onTheirWay(-piece.readableBytes());
            piece.release();
            return;
        }
        write(piece, false);
        connection.flushSoon();
    }

    /** A DATA frame, already counted on its way ({@link #onTheirWay}) until its write completes (on the loop). */
    private void write(ByteBuf data, boolean endStream) {
        int n = data.readableBytes();
        wroteSinceSweep = true;
        ChannelFuture f = connection.writeData(stream, data, endStream);
        f.addListener((ChannelFutureListener) done -> {
            onTheirWay(-n);
            if (endStream) {
                ended(done);
            }
            if (onTheirWay < HIGH_WATER) {
                FilePump p = pump;
                if (p != null) {
                    p.next();
                }
                connection.wakeWriters();
            }
        });
    }

    /**
     * The response is on the wire (or will never be): the body is done with; a client that has not ended its side
     * (a body it still sends, or never ends) is asked to stop, with RST_STREAM NO_ERROR (RFC 9113 §8.1), as HTTP/1.1
     * closes such a connection.
     */
    private void ended(io.netty.util.concurrent.Future<? super Void> f) {
        body.discard();
        if (closed || !f.isSuccess()) {
            return;
        }
        if (resetAfter || body.isFailed()) {
            resetStream();
        } else if (stream.state().remoteSideOpen()) {
            connection.resetOnceAnswered(stream);
        }
    }

    private void resetStream() {
        if (!closed) {
            connection.reset(stream, io.netty.handler.codec.http2.Http2Error.CANCEL);
        }
    }

    @Override
    public void abort(Throwable cause) {
        if (completed) {
            onLoop(this::resetStream);
            return;
        }
        ByteBuf held = whole;
        whole = null;
        if (held != null) {
            held.release();
        }
        onLoop(() -> {
            logTo(connection.server().accessLog());
            body.discard();
            resetStream();
        });
    }

    @Override
    public boolean isClientConnected() {
        return !closed && connection.channel().isActive();
    }

    /** Runs {@code task} on the loop (now, when called there); false when the loop has stopped. */
    private boolean onLoop(Runnable task) {
        if (connection.loop().inEventLoop()) {
            task.run();
            return true;
        }
        try {
            connection.loop().execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    // ---- the minimum rates, once a second (on the loop) ----

    /**
     * Judges the response while bytes of it are on their way (waiting for the stream's window or the connection's):
     * a client that took less than {@code minRate} bytes a second of them, over the grace and after, has the stream
     * reset. A response of a few bytes held back by a client that gives no window is judged as a large one is.
     *
     * @return whether the stream was reset
     */
    boolean sweepResponse(long minRate) {
        long pending = onTheirWay;
        if (pending == 0 || closed) {
            judged = 0;
            drained = 0;
            wroteSinceSweep = false;
            lastOnTheirWay = 0;
            return false;
        }
        if (wroteSinceSweep || lastOnTheirWay == 0) {
            judged = 0; // the handler wrote since the last look, or the wait has just begun: judged from here
            drained = 0;
        } else {
            judged++;
            drained += Math.max(0, lastOnTheirWay - pending);
            if (judged >= SlowReaderGuard.GRACE_SECONDS && drained < minRate * judged) {
                logTooSlow(
                        " reset: the client took {2} bytes in {3} s while a response waited for its window (the"
                                + " minimum is {4} bytes/s)",
                        drained, judged, minRate);
                resetStream();
                return true;
            }
        }
        wroteSinceSweep = false;
        lastOnTheirWay = pending;
        return false;
    }

    /**
     * Logs, at INFO (the client's doing, not the server's), a stream judged too slow: {@code what} follows the
     * client's address and the stream's id, with {@code {2}} the bytes, {@code {3}} the seconds judged and {@code
     * {4}} the minimum rate.
     */
    private void logTooSlow(String what, long bytes, long seconds, long minRate) {
        LOG.log(
                System.Logger.Level.INFO,
                "{0}: stream {1}" + what,
                connection.channel().remoteAddress(),
                stream.id(),
                bytes,
                seconds,
                minRate);
    }

    /**
     * Judges the request body while it arrives (Kestrel's {@code MinRequestBodyDataRate}), counting only the seconds
     * in which the client could send: a body that came at less than {@code minRate} bytes a second on average, once
     * the grace has passed, fails with 408 and the stream is reset after the response.
     */
    void sweepBody(long minRate, boolean clientCouldSend) {
        if (body.isComplete() || body.isFailed() || closed) {
            return;
        }
        if (clientCouldSend && !bodyHeldBack()) {
            bodyJudged++;
            bodyReceived += bodyBytes - lastBodyBytes;
            if (bodyJudged >= SLOW_BODY_GRACE_SECONDS && bodyReceived < minRate * bodyJudged) {
                logTooSlow(
                        ": the request body arrived at {2} bytes in {3} s (the minimum is {4} bytes/s): 408",
                        bodyReceived, bodyJudged, minRate);
                resetAfter = true;
                body.fail(new HttpException(408, "The request body did not arrive in time."));
            }
        }
        lastBodyBytes = bodyBytes;
    }

    /** How long a slow request body is given before the minimum rate applies: Kestrel's grace. */
    private static final int SLOW_BODY_GRACE_SECONDS = 5;
}
