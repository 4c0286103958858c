package dev.conduit.internal.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The open connections of one server, for stopping it: a list per event loop, linked through the connections'
 * handlers and touched only by that loop's thread, and a count. An idle connection costs two references here (a
 * {@code ChannelGroup} kept a map entry per channel: about 30 bytes of every idle keep-alive connection's heap).
 */
final class OpenConnections {
    /** The connections of one event loop; only its thread reads or writes the links. */
    private static final class Loop {
        private @Nullable OpenConnection first;
    }

    /** Filled when the server binds, read-only after: no lock on the way of a connection. */
    private final Map<EventExecutor, Loop> loops = new IdentityHashMap<>();

    private final AtomicInteger open = new AtomicInteger();
    /** Completed when no connection is open after {@link #draining} (the server is stopping). */
    private final CompletableFuture<Void> allClosed = new CompletableFuture<>();

    private volatile boolean draining;

    OpenConnections(EventLoopGroup group) {
        for (EventExecutor e : group) {
            loops.put(e, new Loop());
        }
    }

    /** A connection became active (on its event loop, {@code loop}). */
    void opened(OpenConnection h, EventExecutor loop) {
        Loop l = loops.get(loop);
        if (l == null || listed(h, l)) {
            return; // not one of this server's loops (cannot happen), or already listed
        }
        h.nextOpen(l.first);
        if (l.first != null) {
            l.first.previousOpen(h);
        }
        l.first = h;
        open.incrementAndGet();
    }

    private static boolean listed(OpenConnection h, Loop l) {
        return h.previousOpen() != null || l.first == h;
    }

    /** A connection closed (on its event loop, {@code loop}); nothing when it was never listed. */
    void closed(OpenConnection h, EventExecutor loop) {
        Loop l = loops.get(loop);
        if (l == null || !listed(h, l)) {
            return;
        }
        OpenConnection previous = h.previousOpen();
        OpenConnection next = h.nextOpen();
        if (previous != null) {
            previous.nextOpen(next);
        } else {
            l.first = next;
        }
        if (next != null) {
            next.previousOpen(previous);
        }
        h.previousOpen(null);
        h.nextOpen(null);
        if (open.decrementAndGet() == 0 && draining) {
            allClosed.complete(null);
        }
    }

    /** How many connections are open. */
    int count() {
        return open.get();
    }

    /** Runs {@code action} for every open connection, each on its own event loop. */
    void forEach(Consumer<OpenConnection> action) {
        for (Map.Entry<EventExecutor, Loop> e : loops.entrySet()) {
            Loop l = e.getValue();
            e.getKey().execute(() -> {
                for (OpenConnection h = l.first; h != null; ) {
                    OpenConnection next = h.nextOpen(); // the action may close it, which unlinks it
                    action.accept(h);
                    h = next;
                }
            });
        }
    }

    /** From now on the last connection to close completes {@link #awaitClosed}. */
    void draining() {
        draining = true;
        if (open.get() == 0) {
            allClosed.complete(null);
        }
    }

    /** Waits up to {@code millis} for every connection to close after {@link #draining}; whether they did. */
    boolean awaitClosed(long millis) {
        try {
            allClosed.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
