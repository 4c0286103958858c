package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ServerOptions;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's list of open connections: one per event loop, touched on that loop, and a count to drain on. */
class OpenConnectionsTest {
    @TempDir
    Path site;

    private HttpRuntime runtime;
    private MultiThreadIoEventLoopGroup group;
    private EventExecutor loopA;
    private EventExecutor loopB;
    private OpenConnections connections;

    @BeforeEach
    void start() {
        runtime = HttpRuntime.start(site);
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Iterator<EventExecutor> loops = group.iterator();
        loopA = loops.next();
        loopB = loops.next();
        connections = new OpenConnections(group);
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        runtime.close();
    }

    private ConnectionHandler handler() {
        return new ConnectionHandler(runtime, ServerOptions.defaults(), new FixedServerState());
    }

    private void on(EventExecutor loop, Runnable action) throws Exception {
        loop.submit(action).get(5, TimeUnit.SECONDS);
    }

    /** Every listed connection, with the thread it was visited on. */
    private Map<OpenConnection, Thread> visited() throws Exception {
        Map<OpenConnection, Thread> seen = new ConcurrentHashMap<>();
        connections.forEach(h -> seen.put(h, Thread.currentThread()));
        on(loopA, () -> {}); // forEach queued a task on each loop: these run after them
        on(loopB, () -> {});
        return seen;
    }

    @Test
    void listsConnectionsPerLoopAndVisitsEachOnItsOwnLoop() throws Exception {
        List<ConnectionHandler> a = List.of(handler(), handler(), handler());
        List<ConnectionHandler> b = List.of(handler(), handler());
        on(loopA, () -> a.forEach(h -> connections.opened(h, loopA)));
        on(loopB, () -> b.forEach(h -> connections.opened(h, loopB)));
        on(loopA, () -> connections.opened(a.get(0), loopA)); // twice: listed once

        assertThat(connections.count()).isEqualTo(5);
        Map<OpenConnection, Thread> seen = visited();
        assertThat(seen).containsOnlyKeys(concat(a, b));
        Thread threadA = loopThread(loopA);
        Thread threadB = loopThread(loopB);
        a.forEach(h -> assertThat(seen.get(h)).isSameAs(threadA));
        b.forEach(h -> assertThat(seen.get(h)).isSameAs(threadB));

        // the middle and the last of loop A's list (most recent first), the first of loop B's; one never listed
        on(loopA, () -> connections.closed(a.get(1), loopA));
        on(loopA, () -> connections.closed(a.get(0), loopA));
        on(loopB, () -> connections.closed(b.get(1), loopB));
        on(loopB, () -> connections.closed(handler(), loopB));
        on(loopA, () -> connections.closed(a.get(1), loopA)); // twice: nothing more

        assertThat(connections.count()).isEqualTo(2);
        assertThat(visited()).containsOnlyKeys(a.get(2), b.get(0));
    }

    @Test
    void drainingCompletesWhenTheLastConnectionCloses() throws Exception {
        ConnectionHandler a = handler();
        ConnectionHandler b = handler();
        on(loopA, () -> connections.opened(a, loopA));
        on(loopB, () -> connections.opened(b, loopB));

        connections.draining();
        assertThat(connections.awaitClosed(50)).isFalse();
        on(loopA, () -> connections.closed(a, loopA));
        assertThat(connections.awaitClosed(50)).isFalse();
        on(loopB, () -> connections.closed(b, loopB));
        assertThat(connections.awaitClosed(1000)).isTrue();
    }

    @Test
    void drainingWithNothingOpenIsDoneAtOnce() {
        connections.draining();
        assertThat(connections.awaitClosed(1)).isTrue();
    }

    private static List<ConnectionHandler> concat(List<ConnectionHandler> a, List<ConnectionHandler> b) {
        List<ConnectionHandler> all = new ArrayList<>(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }

    private Thread loopThread(EventExecutor loop) throws Exception {
        return loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    }
}
