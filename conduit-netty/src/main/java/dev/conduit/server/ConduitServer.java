package dev.conduit.server;

import dev.conduit.internal.netty.ServerChannels;
import dev.conduit.runtime.HttpRuntime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The embedded HTTP/1.1 server: serves one site's {@link HttpRuntime} on a socket.
 *
 * <pre>{@code
 * HttpRuntime runtime = HttpRuntime.start(Path.of("samples/demo"));
 * ConduitServer server = ConduitServer.start(runtime, ServerOptions.builder().host("127.0.0.1").port(8080).build());
 * ...
 * server.stop(); // graceful: in-flight requests finish, then the runtime closes
 * }</pre>
 *
 * <p>Network event loops (epoll on Linux, NIO elsewhere) only move bytes; handlers run on the runtime's threads
 * (virtual threads by default), so a blocking handler never stalls other connections.
 */
public final class ConduitServer implements AutoCloseable {
    private final ServerChannels channels;
    private final HttpRuntime runtime;
    private final ServerOptions options;
    private final AtomicReference<@Nullable CompletableFuture<Void>> stopping = new AtomicReference<>();

    private ConduitServer(ServerChannels channels, HttpRuntime runtime, ServerOptions options) {
        this.channels = channels;
        this.runtime = runtime;
        this.options = options;
    }

    /**
     * Binds and starts serving.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static ConduitServer start(HttpRuntime runtime, ServerOptions options) {
        return new ConduitServer(ServerChannels.bind(runtime, options), runtime, options);
    }

    /**
     * The site at {@code siteRoot} on 127.0.0.1 and a free port ({@link #port()}), without an access log and without
     * watching its files: what tests and tools start to talk to a site over a real socket.
     *
     * @throws java.io.UncheckedIOException when no port can be bound
     */
    public static ConduitServer startLocal(java.nio.file.Path siteRoot) {
        return start(
                HttpRuntime.start(
                        dev.conduit.runtime.RuntimeOptions.of(siteRoot).withWatchForChanges(false)),
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
    }

    /** The port the server listens on (the chosen one when the options said 0). */
    public int port() {
        return channels.port();
    }

    /** Whether the server serves TLS (https). */
    public boolean isTls() {
        return channels.isTls();
    }

    /** The port of the HTTPS listener beside the clear-text {@link #port()}, or -1 when there is none. */
    public int httpsPort() {
        return channels.httpsPort();
    }

    /** The transport in use: {@code epoll} or {@code nio}, and the TLS provider when it serves TLS. */
    public String transport() {
        return channels.transport();
    }

    /** Tells whether the server still accepts connections. */
    public boolean isRunning() {
        return channels.isAccepting();
    }

    /**
     * Stops gracefully: stops accepting at once, closes idle keep-alive connections, lets requests in flight finish
     * within the options' grace period (then closes what is left), and closes the runtime.
     */
    public void stop() {
        stop(options.shutdownGracePeriod());
    }

    /** As {@link #stop()}, with another grace period. */
    public void stop(Duration grace) {
        stopAsync(grace).join();
    }

    /**
     * Begins a graceful stop and returns without waiting for requests in flight: when this method returns the server
     * no longer accepts connections (a client's connect is refused) and idle keep-alive connections are closing. The
     * returned future completes once every connection has closed (within {@code grace}, after which what is left is
     * closed) and the runtime has closed. Calling it again returns the same future.
     */
    public CompletableFuture<Void> stopAsync(Duration grace) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!stopping.compareAndSet(null, done)) {
            return stopping.get();
        }
        Duration delay = options.drainDelay();
        channels.beginLeaving();
        if (delay.isZero()) {
            try {
                channels.stopAccepting();
            } catch (RuntimeException e) {
                runtime.close();
                done.completeExceptionally(e);
                return done;
            }
        }
        Thread.ofPlatform().name("conduit-stop").daemon().start(() -> {
            try {
                if (!delay.isZero()) {
                    // The balancer sees the health endpoint's 503 and stops sending; until then requests are served.
                    Thread.sleep(delay.toMillis());
                    channels.stopAccepting();
                }
                channels.awaitDrained(grace);
                runtime.close();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Override
    public void close() {
        stop();
    }
}
