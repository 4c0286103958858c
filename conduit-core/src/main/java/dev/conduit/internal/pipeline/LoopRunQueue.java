package dev.conduit.internal.pipeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The virtual threads one network thread carries, queued until that thread runs them, and taken to other carriers
 * when it stops running them: what makes {@link LoopCarriedThreads} safe to use by default.
 *
 * <p><b>Why a queue of its own.</b> A virtual thread carried by an event loop is scheduled by handing its continuation
 * to its scheduler. Handed straight to the loop ({@code loop.execute}), a continuation can only ever run there, and a
 * loop that cannot run it strands it: the loop blocked on a monitor (or any lock) that the waiting virtual thread owns
 * or is woken to take, or held by work that does not return. Then the loop waits for a thread only it can run, and
 * every connection of that loop stops for good. Here the continuations wait in a queue that the loop drains with one
 * task, and that a watch thread can also take from.
 *
 * <p><b>The watch.</b> One daemon thread for the JVM looks at every queue each {@link #TICK_NANOS} ({@link
 * #IDLE_TICK_NANOS} after a second in which every queue was empty). A queue that held
 * continuations at three looks in a row while its loop ran none of them in between, and whose loop is then blocked or
 * waiting, is emptied onto the {@link #RESCUE} carriers (platform threads, a few, made on demand), where each
 * continuation runs until its virtual thread next waits (and is queued for its loop again) or ends: the thread that
 * owned what the loop waits for runs, releases it, and the loop goes on. A loop that is running but has run none of
 * them for {@link #BUSY_LOOKS} looks (a handler computing on it, or code that never returns) has them moved too; one
 * only busy for a moment (a burst of reads, the CPU taken by a collection) keeps them. The first rescue of a queue
 * whose loop was blocked or waiting is logged with where the loop waits, since a network thread waiting on a lock is a
 * fault worth fixing where it happens.
 *
 * <p>Threads: {@link #submit} from any thread; {@link #run} (the drain) on the loop, which is one thread; the watch's
 * state on the watch thread only.
 */
final class LoopRunQueue implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");
    /** How often the watch looks while some queue holds continuations. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How often it looks once every queue has been empty for {@link #IDLE_LOOKS} looks: an idle server is not woken a
     * hundred times a second, and a queue that fills then is looked at within this.
     */
    static final long IDLE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int IDLE_LOOKS = 100;
    /** Looks without progress before a blocked or waiting loop's continuations move: 20 ms and more. */
    private static final int BLOCKED_LOOKS = 2;
    /** Looks without progress before a running loop's continuations move: 200 ms and more. */
    private static final int BUSY_LOOKS = 20;
    /** How many continuations one drain runs before it lets the loop's other tasks run. */
    private static final int BATCH = 64;
    /** The rescue carriers: at most this many at once (a continuation that waits frees its carrier). */
    private static final int RESCUE_THREADS = 8;

    /** Carriers for continuations a loop has stranded: platform threads, made when needed, gone after 30 s idle. */
    static final ExecutorService RESCUE = rescuePool();

    /** The queues the watch looks at; cleared references are dropped as it goes (their site has gone). */
    private static final ConcurrentLinkedQueue<WeakReference<LoopRunQueue>> WATCHED = new ConcurrentLinkedQueue<>();

    private static final AtomicBoolean WATCH_STARTED = new AtomicBoolean();

    /** One continuation of a virtual thread, with what running it on the loop should report. */
    interface Continuation {
        /**
         * Runs it on the loop (the caller), timed from {@code started} ({@link System#nanoTime()}, read before it ran or
         * as the one before it ended): one clock read a continuation.
         *
         * @return {@link System#nanoTime()} as it ended
         */
        long runOnLoop(long started);

        /** Runs it on a rescue carrier, or after the loop has stopped: not a hold of any loop. */
        void runElsewhere();
    }

    private final Executor loop;
    /** The loop's thread: the queue is made on it (see {@link LoopCarriedThreads}). */
    private final Thread loopThread;

    private final ConcurrentLinkedQueue<Continuation> queue = new ConcurrentLinkedQueue<>();
    /** Whether a drain is queued on the loop or running; set by whoever queues one, cleared by the drain. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /**
     * Continuations the loop has started: written by the loop only, read by the watch, both opaquely (the watch needs
     * to see it move eventually, not to order anything by it; no fence per continuation).
     */
    private long progress;

    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(LoopRunQueue.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The watch's own state, touched by the watch thread only.
    private long seenProgress = -1;
    private int stalledLooks;
    private boolean reported;

    /** A queue for {@code loop}, made on that loop's thread. */
    LoopRunQueue(Executor loop) {
        this.loop = loop;
        this.loopThread = Thread.currentThread();
        WATCHED.add(new WeakReference<>(this));
        startWatch();
    }

    /** The network thread this queue feeds. */
    Executor loop() {
        return loop;
    }

    /** Queues {@code c} for the loop (the scheduler of its virtual thread; any thread). */
    void submit(Continuation c) {
        queue.offer(c);
        schedule();
    }

    private void schedule() {
        if (scheduled.get() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.execute(this);
        } catch (RejectedExecutionException stopped) {
            // The loop has stopped (the server is shutting down) while threads still wait: they finish elsewhere.
            scheduled.set(false);
            rescueAll();
        } catch (RuntimeException | Error e) {
            scheduled.set(false); // the watch will move what waits
            throw e;
        }
    }

    /** The drain, a task of the loop: runs what is queued, a batch at a time. */
    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                Continuation c = queue.poll();
                if (c == null) {
                    break;
                }
                PROGRESS.setOpaque(this, progress + 1); // the loop is the only writer
                try {
                    now = c.runOnLoop(now);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "a virtual thread carried by a network thread failed", e);
                    now = System.nanoTime(); // after the log: its writing is not the next continuation's hold
                }
            }
        } finally {
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    private void rescueAll() {
        Continuation c;
        while ((c = queue.poll()) != null) {
            Continuation stranded = c;
            try {
                RESCUE.execute(stranded::runElsewhere);
            } catch (RuntimeException | Error e) {
                // No carrier to be had (no thread could be made): the caller carries it rather than lose it.
                stranded.runElsewhere();
            }
        }
    }

    /**
     * One look of the watch at this queue: rescues its continuations when its loop has stopped running them.
     *
     * @return whether the queue held continuations
     */
    private boolean look() {
        long p = (long) PROGRESS.getOpaque(this);
        boolean empty = queue.isEmpty();
        if (empty || p != seenProgress) {
            seenProgress = p;
            stalledLooks = 0;
            return !empty;
        }
        stalledLooks++;
        if (stalledLooks < BLOCKED_LOOKS) {
            return true;
        }
        boolean running = loopThread.getState() == Thread.State.RUNNABLE;
        if (running && stalledLooks < BUSY_LOOKS) {
            return true;
        }
        stalledLooks = 0;
        if (!reported && !running) {
            reported = true;
            report(loopThread);
        }
        rescueAll();
        return true;
    }

    private static void report(Thread t) {
        String at = Arrays.stream(t.getStackTrace())
                .limit(8)
                .map(StackTraceElement::toString)
                .collect(Collectors.joining(" < "));
        LOG.log(
                System.Logger.Level.WARNING,
                "network thread {0} has not run the synchronous handlers it carries for {1} ms or more, {2} at {3}:"
                        + " they go on on other carrier threads until it does. Code on a network thread (a module, an"
                        + " asynchronous handler) waiting for a lock that a synchronous handler holds is the usual"
                        + " cause. Logged once per network thread and application",
                t.getName(),
                BLOCKED_LOOKS * TimeUnit.NANOSECONDS.toMillis(TICK_NANOS),
                t.getState(),
                at);
    }

    private static void startWatch() {
        if (WATCH_STARTED.get() || !WATCH_STARTED.compareAndSet(false, true)) {
            return;
        }
        try {
            Thread t = Thread.ofPlatform()
                    .daemon()
                    .name("conduit-loop-watch")
                    .inheritInheritableThreadLocals(false)
                    .unstarted(LoopRunQueue::watch);
            t.setContextClassLoader(LoopRunQueue.class.getClassLoader()); // not the site's, which it would keep
            t.start();
        } catch (RuntimeException | Error e) {
            WATCH_STARTED.set(false); // the next queue tries again
            throw e;
        }
    }

    private static void watch() {
        int idle = 0;
        while (true) {
            try {
                LockSupport.parkNanos(idle >= IDLE_LOOKS ? IDLE_TICK_NANOS : TICK_NANOS);
                boolean busy = false;
                for (var i = WATCHED.iterator(); i.hasNext(); ) {
                    LoopRunQueue q = i.next().get();
                    if (q == null) {
                        i.remove();
                    } else if (q.look()) {
                        busy = true;
                    }
                }
                idle = busy ? 0 : Math.min(idle + 1, IDLE_LOOKS);
            } catch (Throwable e) {
                try {
                    LOG.log(System.Logger.Level.ERROR, "the network-thread watch failed; it goes on", e);
                } catch (Throwable ignored) {
                    // (the watch outlives its log)
                }
            }
        }
    }

    private static ExecutorService rescuePool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                RESCUE_THREADS, RESCUE_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = Thread.ofPlatform()
                            .daemon()
                            .name("conduit-carrier-rescue-" + n.incrementAndGet())
                            .inheritInheritableThreadLocals(false)
                            .unstarted(r);
                    t.setContextClassLoader(LoopRunQueue.class.getClassLoader());
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
