package dev.conduit.internal.netty;

import dev.conduit.HttpException;
import dev.conduit.spi.LimitExceeded;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A request body arriving from the event loop and read by the request's thread, with back-pressure.
 *
 * <p>The event loop {@link #offer}s chunks; when more than {@link #HIGH_WATER} bytes wait unread, the connection
 * stops reading from the socket, and it resumes once the reader has brought the backlog under {@link #LOW_WATER}.
 * So a handler reading a body of any size holds at most about a megabyte of it. An HTTP/2 stream's body uses
 * {@link #STREAM_HIGH_WATER} instead: a connection carries up to a hundred streams, and what a paused stream leaves
 * unread stays within the connection's flow-control window. Buffers are released as they are read, on {@link
 * #discard}, or when the body fails.
 */
abstract sealed class RequestBody extends InputStream permits RequestBody.Streamed, RequestBody.None {
    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;
    /** The high-water mark of an HTTP/2 stream's body (its low-water mark a quarter of it). */
    static final int STREAM_HIGH_WATER = 64 * 1024;

    /** What the body asks of its connection; called from the reading thread. */
    interface Flow {
        /** Asks for reading to resume (the backlog drained). */
        void resume();

        /** The first read of a body that expected {@code 100-continue}. */
        void sendContinue();
    }

    /** A body that arrives from the connection, for a request that announced one (or may have one). */
    static RequestBody streamed(Flow flow, boolean expectContinue) {
        return new Streamed(flow, expectContinue, HIGH_WATER, LOW_WATER);
    }

    /** A body that arrives on an HTTP/2 stream: as {@link #streamed}, with the stream's smaller marks. */
    static RequestBody streamedOnStream(Flow flow, boolean expectContinue) {
        return new Streamed(flow, expectContinue, STREAM_HIGH_WATER, STREAM_HIGH_WATER / 4);
    }

    /**
     * The body of a request that announced none (no Content-Length or 0, not chunked): complete from the start,
     * shared, with nothing to lock, so the common GET allocates no body at all.
     */
    static RequestBody none() {
        return None.INSTANCE;
    }

    /**
     * Adds a chunk (ownership passes to the body); returns false when the connection should pause reading. Called
     * on the event loop.
     */
    abstract boolean offer(ByteBuf chunk, boolean last);

    /** Sets the most bytes the body may carry; if more already arrived, the body fails now. */
    abstract void limit(long maxBytes);

    /**
     * The final response head went out: it answers the expectation, so no {@code 100 Continue} may follow it (RFC
     * 9110 §10.1.1). Called on the request's thread.
     */
    abstract void finalResponseStarted();

    /** Tells whether the whole body arrived (the connection can then be reused). */
    abstract boolean isComplete();

    /** Tells whether the body failed (too large or malformed): the connection must not be reused. */
    abstract boolean isFailed();

    /**
     * Tells whether the client waits for a {@code 100 Continue} before it sends the body (none was sent yet): the
     * body's slowness is then not the client's.
     */
    boolean awaitsContinue() {
        return false;
    }

    /** Why the body failed (too large, malformed, cut short), or {@code null} while it has not. */
    abstract @Nullable RuntimeException failure();

    /** Fails the body: waiting and later reads throw {@code error}; queued chunks are released. */
    abstract void fail(RuntimeException error);

    /** Drops what is queued (the exchange ended); later reads see the end. */
    abstract void discard();

    /** The body of a request without one: every read sees the end; nothing arrives, fails or is kept. */
    static final class None extends RequestBody {
        static final None INSTANCE = new None();

        private None() {}

        @Override
        boolean offer(ByteBuf chunk, boolean last) {
            chunk.release(); // the decoder's empty last content
            return true;
        }

        @Override
        void limit(long maxBytes) {}

        @Override
        void finalResponseStarted() {}

        @Override
        boolean isComplete() {
            return true;
        }

        @Override
        boolean isFailed() {
            return false;
        }

        @Override
        @Nullable
        RuntimeException failure() {
            return null;
        }

        @Override
        void fail(RuntimeException error) {} // nothing can be waiting for it

        @Override
        void discard() {}

        @Override
        public int read() {
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : -1;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** A body arriving in chunks, read by the request's thread with back-pressure. */
    static final class Streamed extends RequestBody {
        private static final long READ_TIMEOUT_SECONDS = 300;

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>(4); // most bodies are empty or a few chunks
        private final Flow flow;
        private final boolean expectContinue;
        private long queued;
        private long received;
        private long limit = Long.MAX_VALUE;
        private boolean complete;
        /** The exchange is done with the body: what still arrives is released on arrival. */
        private boolean discarded;

        private boolean continueSent;
        private @Nullable RuntimeException failure;
        private boolean paused;
        private final int highWater;
        private final int lowWater;

        Streamed(Flow flow, boolean expectContinue, int highWater, int lowWater) {
            this.flow = flow;
            this.expectContinue = expectContinue;
            this.highWater = highWater;
            this.lowWater = lowWater;
        }

        @Override
        boolean offer(ByteBuf chunk, boolean last) {
            lock.lock();
            try {
                if (discarded) {
                    // The response has ended and the client still sends (HTTP/2: until its stream is reset): nobody
                    // will read it. Kept, it would stay queued after the stream closed, its buffer never released.
                    chunk.release();
                    return true;
                }
                received += chunk.readableBytes();
                if (failure != null || received > limit) {
                    chunk.release();
                    if (failure == null) {
                        fail(LimitExceeded.body());
                    }
                    return true;
                }
                if (chunk.isReadable()) {
                    chunks.add(chunk);
                    queued += chunk.readableBytes();
                } else {
                    chunk.release();
                }
                complete |= last;
                changed.signalAll();
                // Only the reader lifts a pause (it alone calls resume): a chunk still arriving from the read that
                // paused the connection must not clear it, or the connection stays paused with nobody to resume it.
                paused |= queued > highWater;
                return !paused;
            } finally {
                lock.unlock();
            }
        }

        @Override
        void limit(long maxBytes) {
            lock.lock();
            try {
                limit = maxBytes;
                if (received > limit && failure == null) {
                    fail(LimitExceeded.body());
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        void finalResponseStarted() {
            lock.lock();
            try {
                continueSent = true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        boolean isComplete() {
            lock.lock();
            try {
                return complete && failure == null;
            } finally {
                lock.unlock();
            }
        }

        @Override
        boolean awaitsContinue() {
            lock.lock();
            try {
                return expectContinue && !continueSent;
            } finally {
                lock.unlock();
            }
        }

        @Override
        boolean isFailed() {
            lock.lock();
            try {
                return failure != null;
            } finally {
                lock.unlock();
            }
        }

        @Override
        @Nullable
        RuntimeException failure() {
            lock.lock();
            try {
                return failure;
            } finally {
                lock.unlock();
            }
        }

        @Override
        void fail(RuntimeException error) {
            lock.lock();
            try {
                if (failure == null) {
                    failure = error;
                }
                releaseAll();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        void discard() {
            lock.lock();
            try {
                releaseAll();
                discarded = true;
                complete = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void releaseAll() {
            ByteBuf b;
            while ((b = chunks.poll()) != null) {
                b.release();
            }
            queued = 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            boolean resume = false;
            lock.lock();
            try {
                if (expectContinue && !continueSent && chunks.isEmpty() && !complete) {
                    continueSent = true;
                    flow.sendContinue();
                }
                while (chunks.isEmpty() && !complete && failure == null) {
                    if (!changed.await(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new HttpException(408, "The request body did not arrive in time.");
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                ByteBuf head = chunks.peek();
                if (head == null) {
                    return -1;
                }
                int n = Math.min(len, head.readableBytes());
                head.readBytes(b, off, n);
                queued -= n;
                if (!head.isReadable()) {
                    chunks.poll().release();
                }
                if (paused && queued < lowWater) {
                    paused = false;
                    resume = true;
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            } finally {
                lock.unlock();
                if (resume) {
                    flow.resume();
                }
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, queued);
            } finally {
                lock.unlock();
            }
        }
    }
}
