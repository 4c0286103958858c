package dev.conduit.internal.netty;

import dev.conduit.HttpException;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.spi.HostExchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 connection: hands requests to the runtime one at a time, in order, and keeps the connection honest.
 *
 * <p><b>Ordering.</b> Pipelined requests are queued behind the one being served and started when it completes, so
 * responses leave in request order. When more than {@code maxPipelinedRequests} wait, or more body bytes than one
 * request body may queue ({@link RequestBody#HIGH_WATER}), reading pauses.
 *
 * <p><b>Timers.</b> While the connection waits for a request head: nothing received yet, it closes after the
 * keep-alive timeout (the request-headers timeout for a new connection); once the first byte of a head arrived, the
 * head must be complete within the request-headers timeout, or the client gets 408 and the connection closes.
 *
 * <p><b>Errors.</b> A malformed head, a smuggling pattern or a head over a limit is answered here (400, 414, 417, 431,
 * 505) with {@code Connection: close}, after any response still owed to an earlier pipelined request, and nothing
 * after it is read: once framing is in doubt, no later bytes are trusted as a request. When the client may still be
 * sending (an error answered early, a body refused or not read), the connection closes gracefully: our side ends
 * after the response and what still arrives is discarded for a moment, so that the client reads the response
 * instead of a reset.
 *
 * <p>Every method runs on the connection's event loop except {@link #awaitWritable}, {@link #log}, {@link
 * #isClosing}, and the {@link RequestBody.Flow} callbacks, which the request's thread calls, and {@link
 * #exchangeDone} and {@link #abort}, which hop to the event loop.
 *
 * <p>The class is longer than most because ordering, timers, back-pressure and closing all read and write the same
 * per-connection state on the one event-loop thread; split apart, each part would need the others' fields.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter
        implements RequestBody.Flow, ExchangeOwner, HeadGuardDecoder.Arrivals, OpenConnection, Runnable {
    static final AsciiString SERVER_NAME = AsciiString.cached("Conduit");
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory();
    /**
     * Response headers come from {@code ConduitResponse}, which already refuses names that are not tokens and values
     * with CR, LF or NUL; validating them again in Netty costs a scan per header per response.
     */
    private static final HttpHeadersFactory RESPONSE_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private static final System.Logger LOG = System.getLogger("dev.conduit.server");
    /** How long a closing connection keeps reading (and discarding) what its client still sends. */
    static final Duration LINGER = Duration.ofSeconds(3);

    /** What every connection of the server shares (one field, not four: an idle connection holds each of its fields). */
    private final Shared shared;

    private @Nullable ChannelHandlerContext ctx;
    /** The neighbours in the server's list of its open connections on this event loop ({@link OpenConnections}). */
    private @Nullable OpenConnection previousOpen;

    private @Nullable OpenConnection nextOpen;

    @Override
    public @Nullable OpenConnection previousOpen() {
        return previousOpen;
    }

    @Override
    public void previousOpen(@Nullable OpenConnection previous) {
        previousOpen = previous;
    }

    @Override
    public @Nullable OpenConnection nextOpen() {
        return nextOpen;
    }

    @Override
    public void nextOpen(@Nullable OpenConnection next) {
        nextOpen = next;
    }
    /**
     * The clock of the timers: the event loop's, so that deadlines and the tasks scheduled for them agree, and a test
     * on an {@code EmbeddedChannel} moves both with {@code advanceTimeBy}.
     */
    private Ticker ticker = Ticker.systemTicker();

    /**
     * When the read in progress began ({@link #ticker}), read once per read rather than per request: {@link
     * #arrival()} while {@link #timedRead}.
     */
    private long readStarted;

    /** The same moment by the system clock ({@link System#currentTimeMillis()}): {@link #arrivalMillis()}. */
    private long readStartedMillis;

    /** Bytes are being read and decoded (from {@link #bytesArrived} to {@link #channelReadComplete}). */
    private boolean timedRead;

    /** Requests and contents waiting behind the active one; made when the first has to wait (idle connections hold none). */
    private @Nullable ArrayDeque<Object> backlog;

    private int backlogRequests;
    private long backlogBytes;
    private @Nullable NettyExchange active;
    private @Nullable NettyExchange bodyTarget;
    private boolean awaitingHead = true;
    private boolean headStarted;
    /** Bytes of a next, pipelined head arrived while a request was being served. */
    private boolean nextHeadStarted;

    private volatile boolean closing; // read by request threads deciding on keep-alive
    private boolean pausedByBody;
    private boolean pausedByBacklog;
    private boolean lingering;
    /**
     * The client shut down its side (a TCP half-close): no more requests come, but every response owed for those
     * that arrived is still sent, and the connection closes after the last one.
     */
    private boolean inputEnded;
    /** Whether the channel's half-closure is on (see {@link #halfClosure}). */
    private boolean halfClosure;
    /**
     * The one timer of the connection: it fires at or before {@link #deadline} and, when that moved later meanwhile,
     * sleeps again for the rest; so a request costs two field writes instead of a cancelled and a new scheduled task.
     */
    private @Nullable ScheduledFuture<?> timer;
    /** When the wait for a request head ends ({@link System#nanoTime()}), or 0 when nothing is being waited for. */
    private long deadline;

    private @Nullable ScheduledFuture<?> lingerTimer;
    /** Inside a read (between channelRead and channelReadComplete): responses completed now are flushed at its end. */
    private boolean reading;

    private boolean flushPending;
    /** A flush is scheduled for the end of the event loop's current iteration. */
    private boolean flushAtIterationEnd;

    /** {@link #flushAfterIteration} as a task, made on first use (a connection whose responses all complete in its reads never needs it). */
    private @Nullable Runnable flushAtEnd;
    /** Inside {@link #runBacklog}: a request that completes inline lets the running loop start the next one. */
    private boolean runningBacklog;

    /**
     * Where request threads wait for the channel to become writable: made by the first one that has to wait (most
     * connections never do; an idle connection should cost little heap), never replaced.
     */
    private volatile @Nullable Waiters waiters;

    private record Waiters(ReentrantLock lock, Condition writable) {
        static Waiters create() {
            ReentrantLock lock = new ReentrantLock();
            return new Waiters(lock, lock.newCondition());
        }
    }

    private static final VarHandle WAITERS;

    static {
        try {
            WAITERS = MethodHandles.lookup().findVarHandle(ConnectionHandler.class, "waiters", Waiters.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Shared by every connection of one server. */
    public interface ServerState {
        /** A connection became active, on its event loop {@code loop}: the server lists it until it closes. */
        default void opened(OpenConnection connection, EventExecutor loop) {}

        /** A connection closed, on its event loop {@code loop}. */
        default void closed(OpenConnection connection, EventExecutor loop) {}

        /** The current Date header value. */
        AsciiString date();

        /** Tells whether the server is shutting down (no new keep-alive). */
        boolean isDraining();

        /**
         * Tells whether a stop began, the drain delay included (the server still accepts and serves then, but its
         * health endpoint answers 503 and responses close their connections).
         */
        default boolean isLeaving() {
            return isDraining();
        }

        /** The access log ({@link AccessLog#OFF} when it is off). */
        AccessLog accessLog();

        /** The proxies whose forwarding headers are believed. */
        default TrustedProxies trustedProxies() {
            return TrustedProxies.NONE;
        }
    }

    /**
     * What the connections of one server share: the runtime, the limits, the server's state, and the granularity of the
     * connection timer ({@link #timerFired}): the shorter of the two waits, so that moving the deadline from one to
     * the other never needs an earlier timer.
     */
    public record Shared(HttpRuntime runtime, ServerLimits options, ServerState server, long granularity) {
        public Shared(HttpRuntime runtime, ServerLimits options, ServerState server) {
            this(
                    runtime,
                    options,
                    server,
                    Math.min(
                            options.requestHeadersTimeout().toNanos(),
                            options.keepAliveTimeout().toNanos()));
        }
    }

    public ConnectionHandler(HttpRuntime runtime, ServerLimits options, ServerState server) {
        this(new Shared(runtime, options, server));
    }

    public ConnectionHandler(Shared shared) {
        this.shared = shared;
    }

    @Override
    public HttpHeadersFactory headersFactory() {
        return RESPONSE_HEADERS;
    }

    @Override
    public AsciiString date() {
        return shared.server().date();
    }

    @Override
    public boolean isClosing() {
        return closing || shared.server().isLeaving();
    }

    // ---- lifecycle and timers ---------------------------------------------------------------------------------

    /**
     * Not sharable: the state of one connection. Said here rather than left to Netty's lookup of the {@code @Sharable}
     * annotation, which goes through a per-thread class map each time the handler is added.
     */
    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.ticker = context.executor().ticker();
        if (context.channel().isActive()) {
            activate(context); // added once the protocol was known (ALPN, the h2c preface): the channel is active
        }
    }

    /**
     * Taken out of a live connection (an {@code Upgrade: h2c} made it HTTP/2): it no longer counts as a connection
     * and its timers stop. A closing connection is done with in {@link #channelInactive}.
     */
    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (activated && context.channel().isActive()) {
            shared.server().closed(this, context.executor());
            stopTimers();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        activate(context);
        context.fireChannelActive();
    }

    private boolean activated;

    private void activate(ChannelHandlerContext context) {
        if (activated) {
            return;
        }
        activated = true;
        if (shared.server().isDraining()) {
            // Accepted while the server began to stop: it will never serve a request.
            context.close();
            return;
        }
        shared.server().opened(this, context.executor());
        arm(shared.options().requestHeadersTimeout());
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        shared.server().closed(this, context.executor());
        stopTimers();
        if (active != null || bodyTarget != null) {
            failBodies(new HttpException(400, "The client closed the connection."));
        }
        releaseBacklog();
        signalWritable();
        context.fireChannelInactive();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One clock read a read rather than two a request: a clock read cost as much as a tenth of a pipelined request's
     * own work (async-profiler, 2026-12-06), and a read carries up to dozens of them.
     */
    @Override
    public long arrival() {
        return timedRead ? readStarted : ticker.nanoTime();
    }

    @Override
    public long arrivalMillis() {
        return timedRead ? readStartedMillis : System.currentTimeMillis();
    }

    @Override
    public long now() {
        return ticker.nanoTime();
    }

    /** Bytes arrived from the socket (called by {@link HeadGuardDecoder} before decoding). */
    @Override
    public void bytesArrived() {
        readStarted = ticker.nanoTime();
        readStartedMillis = System.currentTimeMillis();
        timedRead = true;
        if (lingering) {
            return;
        }
        if (!awaitingHead) {
            // While a request is served, bytes after its body are the start of the next head: its timeout runs
            // from the moment the connection waits for it, not from when the connection goes idle.
            nextHeadStarted |= bodyTarget == null;
        } else if (!headStarted) {
            headStarted = true;
            arm(shared.options().requestHeadersTimeout());
        }
    }

    private void arm(Duration after) {
        // Within a read, from the read's start: early by as long as the read has run so far (microseconds).
        deadline = arrival() + after.toNanos();
        if (deadline == 0) {
            deadline = 1;
        }
        if (timer == null) {
            schedule(Math.min(after.toNanos(), shared.granularity()));
        }
    }

    private void schedule(long inNanos) {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            timer = c.executor().schedule(this, Math.max(inNanos, 0), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops waiting for a head; the timer finds nothing to do when it fires. */
    private void cancelTimer() {
        deadline = 0;
    }

    private void stopTimers() {
        deadline = 0;
        if (bodyRateTimer != null) {
            bodyRateTimer.cancel(false);
            bodyRateTimer = null;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
    }

    /**
     * The connection's timer fired (on the event loop). The handler is its own timer task: an idle connection, whose
     * timer is always pending, holds no object for it beyond the scheduled task.
     */
    @Override
    public void run() {
        timerFired();
    }

    private void timerFired() {
        timer = null;
        if (deadline == 0) {
            return;
        }
        long left = deadline - ticker.nanoTime();
        if (left > 0) {
            schedule(Math.min(left, shared.granularity()));
            return;
        }
        deadline = 0;
        if (!awaitingHead || active != null) {
            return;
        }
        if (headStarted) {
            respondAndClose(408, "The request headers did not arrive in time.");
        } else {
            close();
        }
    }

    /** Shutting down: close now if idle, else after the response in progress. */
    @Override
    public void drain() {
        closing = true;
        if (active == null && backlogEmpty()) {
            close();
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        reading = true;
        if (lingering || closing && active == null && backlogEmpty()) {
            // An error response is on its way and the connection closes after it (or already closed): nothing
            // after it is a request.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && backlogEmpty() && bodyTarget != null) {
            feed(bodyTarget, content);
            return;
        }
        if (msg instanceof HttpRequest && active == null && backlogEmpty()) {
            start((HttpRequest) msg);
            return;
        }
        if (msg instanceof HttpContent && bodyTarget == null && backlogEmpty()) {
            // The remainder of a body nobody waits for (its exchange already ended): drop it.
            ReferenceCountUtil.release(msg);
            return;
        }
        backlog().add(msg);
        if (msg instanceof HttpRequest) {
            backlogRequests++;
        }
        if (msg instanceof HttpContent content) {
            backlogBytes += content.content().readableBytes();
        }
        if (!pausedByBacklog && backlogIsFull()) {
            pausedByBacklog = true;
            updateAutoRead();
        }
    }

    /**
     * Too much waits behind the request being served: too many requests, or more body bytes than one request body
     * may queue (a pipelined upload behind a slow request is not read into memory).
     */
    private boolean backlogEmpty() {
        ArrayDeque<Object> waiting = backlog;
        return waiting == null || waiting.isEmpty();
    }

    /** The backlog, made when the first message has to wait (an idle or unpipelined connection holds none). */
    private ArrayDeque<Object> backlog() {
        ArrayDeque<Object> waiting = backlog;
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
            backlog = waiting;
        }
        return waiting;
    }

    private boolean backlogIsFull() {
        return backlogRequests > shared.options().maxPipelinedRequests() || backlogBytes > RequestBody.HIGH_WATER;
    }

    private @Nullable Object pollBacklog() {
        ArrayDeque<Object> waiting = backlog;
        Object next = waiting == null ? null : waiting.poll();
        if (next instanceof HttpRequest) {
            backlogRequests--;
        } else if (next instanceof HttpContent content) {
            backlogBytes -= content.content().readableBytes();
        }
        return next;
    }

    /** The end of a read: one flush for every response completed during it (pipelined requests). */
    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        reading = false;
        timedRead = false;
        if (bodyTarget != null) {
            watchIncompleteBody();
        }
        if (flushPending) {
            flushPending = false;
            context.flush();
        }
        context.fireChannelReadComplete();
    }

    /** An exchange completed on the event loop, keeping the connection; its response is written, not yet flushed. */
    @Override
    public void completedOnLoop(NettyExchange exchange) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        if (closing || shared.server().isDraining() || stillSending(exchange)) {
            // The connection closes after this response: close only once it is on the wire (an empty buffer's
            // write completes after every write before it).
            flushPending = false;
            ChannelFuture f = c.channel().writeAndFlush(Unpooled.EMPTY_BUFFER);
            f.addListener(ignored -> exchangeDone(exchange, !f.isSuccess()));
            return;
        }
        if (reading) {
            flushPending = true;
        } else if (c.channel().eventLoop() instanceof SingleThreadEventLoop loop) {
            // Completed in a task of its own (a synchronous handler's thread carried by the loop): flushed at the end
            // of this loop iteration, with every other response completed in it. A pipelined burst whose requests
            // each complete in a task of their own then leaves in one write, not one per response.
            flushPending = true;
            if (!flushAtIterationEnd) {
                flushAtIterationEnd = true;
                Runnable task = flushAtEnd;
                if (task == null) {
                    task = this::flushAfterIteration;
                    flushAtEnd = task;
                }
                loop.executeAfterEventLoopIteration(task);
            }
        } else {
            c.flush();
        }
        exchangeDone(exchange, false);
    }

    /** The end of the event loop's iteration: one flush for the responses completed outside a read during it. */
    private void flushAfterIteration() {
        flushAtIterationEnd = false;
        ChannelHandlerContext c = ctx;
        if (flushPending && c != null) {
            flushPending = false;
            c.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof HeadRejection rejected) {
            hostError(rejected);
            return;
        }
        if (event instanceof ChannelInputShutdownEvent) {
            inputEnded();
        }
        context.fireUserEventTriggered(event);
    }

    /**
     * The client half-closed the connection (the decoder has already passed on every request that arrived whole).
     * As nginx, Jetty and Tomcat do, the requests already received are answered in order and the connection closes
     * after the last response (RFC 9112 §9.6); a body still incomplete can no longer arrive and fails with 400.
     */
    private void inputEnded() {
        inputEnded = true;
        cancelTimer();
        if (lingering) {
            close(); // the client read our response and closed its side: the linger is over
            return;
        }
        if (bodyTarget != null && !bodyTarget.body.isComplete()) {
            bodyTarget.body.fail(new HttpException(
                    400, "The client closed its side of the connection before the request body was complete."));
            bodyTarget = null;
        }
        if (active == null && backlogEmpty()) {
            closeAfterWrites();
        }
    }

    private void start(HttpRequest request) {
        halfClosure(true);
        cancelTimer();
        awaitingHead = false;
        headStarted = false;
        nextHeadStarted = false;
        HeadRejection rejected = HeadRejection.of(request, shared.options());
        if (rejected != null) {
            ReferenceCountUtil.release(request);
            respondAndClose(rejected);
            return;
        }
        String target = request.uri();
        String host = null;
        boolean asterisk = target.equals("*");
        if (asterisk && !request.method().equals(HttpMethod.OPTIONS)) {
            // RFC 9112 §3.2.4: the asterisk form is only for a server-wide OPTIONS.
            ReferenceCountUtil.release(request);
            respondAndClose(400, "The request target * is only for OPTIONS.");
            return;
        }
        if (!target.startsWith("/") && !asterisk) {
            // Absolute form (RFC 9112 §3.2.2): the authority replaces Host, the rest is the target.
            try {
                URI uri = new URI(target);
                host = uri.getRawAuthority();
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            } catch (URISyntaxException e) {
                ReferenceCountUtil.release(request);
                respondAndClose(400, "Malformed request target.");
                return;
            }
        }
        // RFC 9110 §10.1.1: an HTTP/1.0 client's 100-continue expectation is ignored.
        boolean expectContinue = request.headers().contains(HttpHeaderNames.EXPECT)
                && !request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        // No body at all is known now, not only when the decoder's empty last content is fed a moment later (the
        // handler may answer before that, and must not see a body still arriving).
        RequestBody body = !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0
                ? RequestBody.none()
                : RequestBody.streamed(this, expectContinue);
        NettyExchange exchange = new NettyExchange(this, ctx.channel(), request, target, host, body);
        active = exchange;
        bodyTarget = exchange;
        if (request instanceof HttpContent content) {
            feed(exchange, content);
        }
        // The body's rate is watched from the end of this read if the body is still incomplete then (most bodies
        // arrive with their head: no timer for them).
        if (asterisk) {
            answerServerOptions(exchange);
            return;
        }
        String health = shared.options().healthPath();
        if (!health.isEmpty() && isPath(target, health)) {
            answerHealth(exchange, shared.server());
            return;
        }
        shared.runtime()
                .dispatch(exchange); // a failure outside the pipeline is logged by the runtime and aborts the exchange
    }

    /** Whether {@code target}'s path (the query aside) is {@code path}. */
    static boolean isPath(String target, String path) {
        return target.startsWith(path) && (target.length() == path.length() || target.charAt(path.length()) == '?');
    }

    /**
     * The health check, answered here before the site's pipeline (no module, authorization or session sees it), to
     * any method: 200 while the server serves, 503 once a graceful stop began.
     */
    static void answerHealth(HostExchange exchange, ServerState server) {
        boolean draining = server.isLeaving();
        byte[] body = (draining ? "Draining\n" : "Healthy\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            exchange.sendHead(new dev.conduit.spi.ResponseHead(
                    draining ? 503 : 200,
                    draining ? "Service Unavailable" : "OK",
                    dev.conduit.NameValueCollection.builder()
                            .add("Content-Type", "text/plain; charset=us-ascii")
                            .add("Cache-Control", "no-store")
                            .build(),
                    body.length));
            if (!exchange.method().equals("HEAD")) {
                exchange.sendContent(body, 0, body.length);
            }
            exchange.complete();
        } catch (IOException | RuntimeException e) {
            exchange.abort(e);
        }
    }

    /**
     * {@code OPTIONS *} (RFC 9110 §9.3.7), about the server rather than a resource: 200, no body, and the methods the
     * server routes in {@code Allow}, answered here (a site maps paths; {@code *} is none).
     */
    static void answerServerOptions(HostExchange exchange) {
        try {
            exchange.sendHead(new dev.conduit.spi.ResponseHead(
                    200,
                    "OK",
                    dev.conduit.NameValueCollection.builder()
                            .add("Allow", "OPTIONS, GET, HEAD, POST, PUT, DELETE, PATCH")
                            .build(),
                    0));
            exchange.complete();
        } catch (RuntimeException e) {
            exchange.abort(e);
        }
    }

    @Override
    public TrustedProxies trustedProxies() {
        return shared.server().trustedProxies();
    }

    private void feed(NettyExchange exchange, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        bodyBytes += content.content().readableBytes();
        if (content.decoderResult().isFailure()) {
            content.release();
            exchange.body.fail(new HttpException(
                    400,
                    "Malformed request body: "
                            + HeadRejection.describe(content.decoderResult().cause())));
            bodyTarget = null;
            closing = true;
            return;
        }
        ByteBuf data = content.content().retain();
        content.release();
        if (!exchange.body.offer(data, last)) {
            pausedByBody = true;
            updateAutoRead();
        }
        if (last) {
            bodyTarget = null;
        }
    }

    // ---- the minimum request body data rate ----------------------------------------------------------------------

    /** Bytes of request body received on this connection (all requests): the rate check's counter. */
    private long bodyBytes;

    private io.netty.util.concurrent.@Nullable ScheduledFuture<?> bodyRateTimer;
    /** The exchange whose body is watched (or was last), so that each body is watched once. */
    private @Nullable NettyExchange watchedBody;

    /** At the end of a read: a body still incomplete starts being watched. */
    private void watchIncompleteBody() {
        NettyExchange b = bodyTarget;
        if (b != null && b != watchedBody && shared.options().minRequestBodyRate() > 0 && !b.body.isComplete()) {
            watchBodyRate(b);
        }
    }

    /**
     * Watches the body of {@code exchange} arrive, once a second until it is complete (Kestrel's {@code
     * MinRequestBodyDataRate}): a client that has sent less than the minimum rate on average, counting only the
     * seconds in which the server was ready to read (not paused because the handler has not consumed what came, not
     * owing a {@code 100 Continue}), once the 5 s grace has passed, is answered 408 if the response has not begun and
     * the connection closes.
     */
    private void watchBodyRate(NettyExchange exchange) {
        watchedBody = exchange;
        long[] judged = {0};
        long[] received = {0};
        long[] last = {bodyBytes};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (bodyTarget != exchange || ctx == null || !ctx.channel().isActive()) {
                return; // the body is complete, failed or abandoned (a later body may be watched already)
            }
            bodyRateTimer = null;
            long now = bodyBytes;
            // Seconds in which the client could not send are not judged: the server paused the body, owes a 100
            // Continue.
            if (!pausedByBody && !pausedByBacklog && !exchange.body.awaitsContinue()) {
                judged[0]++;
                received[0] += now - last[0];
                if (judged[0] >= SLOW_BODY_GRACE_SECONDS
                        && received[0] < shared.options().minRequestBodyRate() * judged[0]) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "{0}: the request body arrived at {1} bytes in {2} s (the minimum is {3} bytes/s): 408",
                            ctx.channel().remoteAddress(),
                            received[0],
                            judged[0],
                            shared.options().minRequestBodyRate());
                    exchange.body.fail(new HttpException(408, "The request body did not arrive in time."));
                    bodyTarget = null;
                    closing = true;
                    return;
                }
            }
            last[0] = now;
            bodyRateTimer = ctx.executor().schedule(tick[0], 1, TimeUnit.SECONDS);
        };
        bodyRateTimer = ctx.executor().schedule(tick[0], 1, TimeUnit.SECONDS);
    }

    /** How long a slow request body is given before the minimum rate applies: Kestrel's grace. */
    private static final int SLOW_BODY_GRACE_SECONDS = 5;

    @Override
    public void resume() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.executor().execute(() -> {
                pausedByBody = false;
                updateAutoRead();
            });
        }
    }

    @Override
    public void sendContinue() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.channel()
                    .writeAndFlush(new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    private void updateAutoRead() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        boolean read = !pausedByBody && !pausedByBacklog;
        if (c.channel().config().isAutoRead() != read) {
            c.channel().config().setAutoRead(read);
            if (read) {
                c.read();
            }
        }
    }

    // ---- completion -------------------------------------------------------------------------------------------

    /** The exchange's response was flushed (any thread: hops to the event loop). */
    @Override
    public void exchangeDone(NettyExchange exchange, boolean close) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        if (!c.executor().inEventLoop()) {
            c.executor().execute(() -> exchangeDone(exchange, close));
            return;
        }
        if (active != exchange) {
            return;
        }
        active = null;
        boolean stillSending = stillSending(exchange);
        if (bodyTarget == exchange) {
            bodyTarget = null;
        }
        exchange.body.discard();
        if (pausedByBody) {
            // The handler left part of a body unread that had fully arrived; reading was paused for it.
            pausedByBody = false;
            updateAutoRead();
        }
        watchedBody = null;
        if (close || stillSending || closing || shared.server().isDraining()) {
            if (stillSending) {
                lingerThenClose();
            } else {
                close();
            }
            return;
        }
        awaitingHead = true;
        headStarted = nextHeadStarted;
        nextHeadStarted = false;
        runBacklog();
        if (bodyTarget != null && !reading) {
            watchIncompleteBody(); // a pipelined request started here, outside a read, whose body is still coming
        }
        if (active == null && inputEnded) {
            closeAfterWrites(); // the last response owed to a half-closed client
        } else if (active == null && c.channel().isActive()) {
            halfClosure(false);
            arm(
                    headStarted
                            ? shared.options().requestHeadersTimeout()
                            : shared.options().keepAliveTimeout());
        }
    }

    /**
     * Turns the channel's half-closure on while a response is owed and off while the connection is idle. On, a client
     * that shuts down its side (its FIN) is an end of requests, reported as {@code ChannelInputShutdownEvent}, and the
     * responses owed are still sent; off, Netty closes at once, which is right for an idle connection. Measured on
     * epoll, leaving it on for every read costs about a fifth of the plaintext rate (benchmarks note, issue 11).
     */
    private void halfClosure(boolean on) {
        if (halfClosure != on && ctx != null && ctx.channel().config() instanceof DuplexChannelConfig duplex) {
            halfClosure = on;
            duplex.setAllowHalfClosure(on);
        }
    }

    /**
     * Whether the client may still be sending this exchange's body: it had not all arrived, or it broke a limit or the
     * framing. (A request without a body that completed within the read that decoded it is still the body target: the
     * decoder's empty last content follows in the same read, and is dropped.)
     */
    private boolean stillSending(NettyExchange exchange) {
        return bodyTarget == exchange && !exchange.body.isComplete() || exchange.body.isFailed();
    }

    /** Ends the connection without completing the response (any thread). */
    @Override
    public void abort(NettyExchange exchange) {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            try {
                c.executor().execute(() -> {
                    exchange.body.discard();
                    c.channel().close();
                });
            } catch (RejectedExecutionException stopped) {
                exchange.body.discard(); // the server stopped: its event loops closed every channel
            }
        }
    }

    private void runBacklog() {
        if (runningBacklog) {
            return; // a request started below completed inline: the loop below goes on with the next one
        }
        runningBacklog = true;
        try {
            runBacklogNow();
        } finally {
            runningBacklog = false;
        }
    }

    private void runBacklogNow() {
        Object next;
        while (active == null && (next = pollBacklog()) != null) {
            if (next instanceof HttpRequest request) {
                start(request);
            } else if (next instanceof HeadRejection rejected) {
                respondAndClose(rejected);
                return;
            } else if (next instanceof HttpContent content && bodyTarget != null) {
                feed(bodyTarget, content);
            } else {
                ReferenceCountUtil.release(next);
            }
        }
        // Contents of the request just started follow it in the backlog.
        while (bodyTarget != null && backlog != null && backlog.peek() instanceof HttpContent) {
            feed(bodyTarget, (HttpContent) pollBacklog());
        }
        if (pausedByBacklog && !backlogIsFull()) {
            pausedByBacklog = false;
            updateAutoRead();
        }
    }

    // ---- host-level responses -----------------------------------------------------------------------------------

    private void hostError(HeadRejection rejected) {
        // Requests decoded before the bad head are still answered, in order; nothing after it was decoded.
        if (active == null && backlogEmpty()) {
            respondAndClose(rejected);
        } else {
            backlog().add(rejected);
        }
    }

    private void respondAndClose(HeadRejection rejected) {
        if (!rejected.answered()) {
            close(); // a head cut short by the client's half-close: there is no request to answer
            return;
        }
        respondAndClose(rejected.status(), rejected.message());
    }

    private void respondAndClose(int status, String message) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        closing = true;
        FullHttpResponse response = plainResponse(status, message);
        AccessLog log = shared.server().accessLog();
        if (log.isOn()) {
            // No request to name: the head was refused before it was one.
            log.add(new AccessLog.Entry(
                    System.currentTimeMillis(),
                    null,
                    null,
                    null,
                    (InetSocketAddress) c.channel().remoteAddress(),
                    (InetSocketAddress) c.channel().localAddress(),
                    null,
                    null,
                    null,
                    status,
                    response.content().readableBytes(),
                    0));
        }
        if (status == 408) {
            // A client too slow to send its head gets no more of our time.
            c.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            c.channel().writeAndFlush(response).addListener(f -> lingerThenClose());
        }
    }

    /** A short plain-text response after which the connection closes: the host's own answer to a broken request. */
    @Override
    public FullHttpResponse plainResponse(int status, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body),
                HEADERS,
                HEADERS);
        response.headers()
                .set(Names.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(Names.CONTENT_LENGTH, body.length)
                .set(Names.CONNECTION, HttpHeaderValues.CLOSE)
                .set(Names.DATE, shared.server().date())
                .set(Names.SERVER, SERVER_NAME);
        return response;
    }

    /**
     * Closes a connection whose client may still be sending (a body over a limit, say) without destroying the
     * response just written. Closing a socket with unread input makes the kernel answer with a reset, and a client
     * still writing its body then fails with "connection reset" instead of reading the 413. So: end our side (FIN
     * after the response), read and discard whatever still comes, and close once the client closes or after {@link
     * #LINGER}, whichever is first (nginx's lingering close).
     */
    private void lingerThenClose() {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        Channel channel = c.channel();
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive() || lingering || inputEnded) {
            channel.close(); // (a half-closed client sends nothing more: there is nothing to linger for)
            return;
        }
        lingering = true;
        cancelTimer();
        releaseBacklog();
        bodyTarget = null;
        pausedByBody = false;
        pausedByBacklog = false;
        updateAutoRead();
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                channel.close();
            }
        });
        lingerTimer = c.executor().schedule(() -> channel.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes the connection now, whatever it is doing (a server that stopped waiting for it). */
    @Override
    public void close() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.channel().close();
        }
    }

    /** Closes once every write so far is on the wire, responses still waiting for a flush included. */
    private void closeAfterWrites() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            flushPending = false;
            c.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void failBodies(RuntimeException error) {
        if (active != null) {
            active.body.fail(error);
        }
        if (bodyTarget != null && bodyTarget != active) {
            bodyTarget.body.fail(error);
        }
    }

    private void releaseBacklog() {
        Object o;
        while ((o = pollBacklog()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        signalWritable();
        context.fireChannelWritabilityChanged();
    }

    private void signalWritable() {
        Waiters w = waiters;
        if (w == null) {
            return; // nobody has waited yet (one who starts now checks writability after publishing, under the lock)
        }
        w.lock().lock();
        try {
            w.writable().signalAll();
        } finally {
            w.lock().unlock();
        }
    }

    /** Waits (on the request's thread) until the channel accepts more output. */
    @Override
    public void awaitWritable() throws IOException {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IOException("the connection is closed");
        }
        var channel = c.channel();
        if (channel.isWritable() || c.executor().inEventLoop()) {
            // On the event loop the write is queued instead: waiting there would wait for this very thread.
            return;
        }
        Waiters w = waiters;
        if (w == null) {
            WAITERS.compareAndSet(this, null, Waiters.create());
            w = waiters;
        }
        w.lock().lock();
        try {
            while (!channel.isWritable() && channel.isActive()) {
                w.writable().await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client was slow to read");
        } finally {
            w.lock().unlock();
        }
        if (!channel.isActive()) {
            throw new IOException("the client closed the connection");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!Http2Pipelines.brokenConnection(cause)) {
            LOG.log(System.Logger.Level.WARNING, "connection error", cause);
        }
        context.close();
    }

    /** Queues the access-log entry of a finished exchange (formatted and written by the log's own thread). */
    @Override
    public void log(NettyExchange exchange) {
        exchange.logTo(shared.server().accessLog());
    }
}
