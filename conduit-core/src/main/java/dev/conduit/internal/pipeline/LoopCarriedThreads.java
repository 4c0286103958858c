package dev.conduit.internal.pipeline;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Runs synchronous handlers on virtual threads whose carrier is the network thread that read their request, instead
 * of the JDK's shared carrier pool: the decision of issue 13 (docs/performance.md, "The synchronous path").
 *
 * <p><b>Why.</b> A virtual thread on the shared pool costs two cross-thread hand-offs per request: the network thread
 * wakes a carrier, and the carrier's response wakes the network thread. On a busy machine those are futex calls and
 * context switches (measured: 0.30 futex calls and 0.22 context switches per request, a fifth of the synchronous
 * path's rate). Carried by the network thread, the virtual thread is one more task of that thread: started, run and
 * answered without a system call. A handler that waits (a socket, a lock, {@code sleep}, a JDBC call) unmounts as
 * on any carrier, and the network thread serves other connections meanwhile.
 *
 * <p><b>The network thread is never held for long.</b> What a virtual thread cannot unmount from (work on the CPU, a
 * file read, a native call) holds its carrier. Every time such a thread runs on a network thread, the time it held
 * the thread is measured; a handler class that holds it longer than {@link #HOLD_LIMIT_NANOS} again and again (see
 * {@link #judge}) is moved, and its requests run on the shared pool from then on (as Jetty's adaptive execution
 * strategy moves work that blocks off the selector). So a handler that computes or reads files costs its network
 * thread a few requests' time, once per application.
 *
 * <p><b>A network thread that stops running them.</b> A virtual thread unmounts while it waits inside a monitor it
 * owns, and one woken to take a monitor is queued for its carrier before it does. If that carrier, an event loop
 * running code of its own (a module, an asynchronous handler, a JDK class that locks inside, such as a {@code
 * ConcurrentHashMap} bin being written), then blocks on the same monitor, it waits for a thread only it can run. The
 * continuations therefore wait in a {@link LoopRunQueue}, whose watch moves them to other carriers when the loop
 * blocked or waiting has run none of them for 20 ms: the owner runs, releases, and the loop goes on.
 *
 * <p><b>Where.</b> By default on JDK 24 and later, where {@code synchronized} and {@code Object.wait} unmount a virtual
 * thread (JEP 491; before, a handler waiting in a monitor would hold the network thread it needs to wake it), when the
 * JDK lets the runtime name a virtual thread's scheduler ({@code --add-opens java.base/java.lang=ALL-UNNAMED}, which
 * the {@code conduit} script passes), and unless {@code -Dconduit.syncHandlers=pool} asks for the shared pool.
 * Otherwise every synchronous handler runs on the shared pool.
 */
final class LoopCarriedThreads {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");
    /** How long a handler may hold its network thread at a stretch before its class is moved to the shared pool. */
    static final long HOLD_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** A hold this long counts even among a class's first runs: no cold start explains it. */
    static final long LONG_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** {@code new ThreadBuilders.VirtualThreadBuilder(Executor scheduler)}, or null where the JDK does not offer it. */
    private static final @Nullable MethodHandle NEW_BUILDER = builderConstructor();

    /** How many runs of a class are not judged: its first requests load classes and run before the JIT compiled them. */
    static final int GRACE = 20;
    /** How many long holds move a class, when they are also at least one run in {@link #RATIO} of its runs. */
    static final int STRIKES = 3;
    /** See {@link #STRIKES}: holds that are rarer than one run in this many are noise (a GC, a preemption). */
    static final int RATIO = 100;

    /** The runs of one handler class on network threads, and how many of them held it too long. */
    private static final class Record {
        final AtomicLong runs = new AtomicLong();
        final AtomicInteger strikes = new AtomicInteger();
        volatile boolean moved;
        /**
         * A thread builder per network thread that carried this class's requests (its scheduler bound to that thread
         * and this record), made once: copied on write, as network threads are few and fixed.
         */
        final AtomicReference<Carrier[]> carriers = new AtomicReference<>(new Carrier[0]);
    }

    /** A network thread and the builder of the virtual threads it carries for one handler class. */
    private record Carrier(Executor loop, Thread.Builder.OfVirtual builder) {}

    /** The run queue of each network thread that has carried a synchronous handler of this site. */
    private final AtomicReference<LoopRunQueue[]> queues = new AtomicReference<>(new LoopRunQueue[0]);

    /** Per handler class, without keeping the class (a recompiled .ashx leaves its old class behind). */
    private final ClassValue<Record> records = new ClassValue<>() {
        @Override
        protected Record computeValue(Class<?> type) {
            return new Record();
        }
    };

    private static @Nullable MethodHandle builderConstructor() {
        if (Runtime.version().feature() < 24 || "pool".equals(System.getProperty("conduit.syncHandlers"))) {
            return null;
        }
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(builder, MethodHandles.lookup());
            return lookup.findConstructor(builder, MethodType.methodType(void.class, Executor.class))
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // java.lang not opened to us, or a JDK without that constructor: the shared pool
        }
    }

    /** Whether a handler of {@code type} should run on the network thread's own virtual thread. */
    boolean accepts(Class<?> type) {
        if (NEW_BUILDER == null) {
            return false;
        }
        return !records.get(type).moved;
    }

    /**
     * Starts {@code request} on a virtual thread carried by {@code loop} (the network thread, which is the caller: the
     * thread starts once the caller's task returns, with no wake-up).
     */
    void start(Executor loop, Runnable request, Class<?> type) {
        Record record = records.get(type);
        for (Carrier c : record.carriers.get()) {
            if (c.loop() == loop) {
                c.builder().start(request);
                return;
            }
        }
        carrier(queueOf(loop), type, record).builder().start(request);
    }

    /** The run queue of {@code loop}, made on its first synchronous request (on that loop: no other thread adds). */
    private LoopRunQueue queueOf(Executor loop) {
        for (LoopRunQueue q : queues.get()) {
            if (q.loop() == loop) {
                return q;
            }
        }
        LoopRunQueue made = new LoopRunQueue(loop);
        queues.updateAndGet(now -> {
            LoopRunQueue[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = made;
            return more;
        });
        return made;
    }

    /** One continuation of a virtual thread of {@code type}: timed and judged when its loop runs it. */
    private record Timed(Runnable continuation, Class<?> type, Record record) implements LoopRunQueue.Continuation {
        @Override
        public long runOnLoop(long started) {
            continuation.run();
            long ended = System.nanoTime();
            judge(type, record, ended - started);
            return ended;
        }

        @Override
        public void runElsewhere() {
            continuation.run();
        }
    }

    /** The builder of virtual threads of {@code type} carried by a loop: made on a class's first request there. */
    private static Carrier carrier(LoopRunQueue queue, Class<?> type, Record record) {
        Executor scheduler = continuation -> queue.submit(new Timed(continuation, type, record));
        MethodHandle newBuilder = NEW_BUILDER;
        if (newBuilder == null) {
            throw new IllegalStateException("virtual threads cannot be carried by network threads in this JVM");
        }
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) newBuilder.invokeExact(scheduler);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a virtual thread carried by a network thread", e);
        }
        Carrier made = new Carrier(queue.loop(), builder);
        // Copied on write with a compare-and-set, not under a monitor (see IdleStack for why).
        record.carriers.updateAndGet(now -> {
            Carrier[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = made;
            return more;
        });
        return made;
    }

    /**
     * Counts one run (one stretch on the network thread) and moves the class to the shared pool when it holds the
     * thread too long too often: {@link #STRIKES} runs over {@link #HOLD_LIMIT_NANOS} after its first {@link #GRACE}
     * (among which only holds over {@link #LONG_HOLD_NANOS} count), making at least one in {@link #RATIO} of its runs.
     * A class that computes or reads files on every request is moved after a few; one that waits on sockets and
     * locks never is; a garbage collection or a preemption that lands in a run now and then does not add up to the
     * ratio.
     */
    private static void judge(Class<?> type, Record r, long held) {
        long runs = r.runs.incrementAndGet();
        if (held <= HOLD_LIMIT_NANOS || runs <= GRACE && held <= LONG_HOLD_NANOS || r.moved) {
            return;
        }
        int strikes = r.strikes.incrementAndGet();
        if (strikes >= STRIKES && (long) strikes * RATIO >= Math.max(runs - GRACE, 1)) {
            r.moved = true;
            LOG.log(
                    System.Logger.Level.INFO,
                    "{0} held its network thread for {1} ms at a stretch, {2} times in {3} requests (work on the CPU,"
                            + " or a call a virtual thread cannot wait in, such as a file read): its requests now run"
                            + " on the shared pool of carrier threads",
                    type.getName(),
                    held / 1_000_000,
                    strikes,
                    runs);
        }
    }
}
