package dev.conduit.internal.pipeline;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The virtual threads one network thread carries, queued until that thread runs them, and taken to other carriers
 * when it stops running them: what makes {@link LoopCarriedThreads} safe to use by default.
 *
 * <p><b>Why a queue of its own.</b> A virtual thread carried by an event loop is scheduled by handing its continuation
 * to its scheduler. Handed straight to the loop ({@code loop.execute}), a continuation can only ever run there, and a
 * loop that cannot run it strands it: the loop blocked on a monitor (or any lock) that the waiting virtual thread owns,
 * which the JVM can make it the owner of while it is unmounted (JEP 491), or the loop held by work that does not
 * return. Then the loop waits for a thread only it can run, and every connection of that loop stops for good. Here the
 * continuations wait in a queue that the loop drains with one task, and that a watch thread can also take from.
 *
 * <p><b>The watch.</b> One daemon thread for the JVM looks at every queue each {@link #TICK_NANOS}; a queue that held
 * continuations at three looks in a row with no drain by its loop in between (so its oldest has waited at least two
 * ticks, 20 ms, as long as a handler may hold its loop) is emptied onto the {@link #RESCUE} carriers, platform threads
 * made on demand, where each continuation runs until its virtual thread next waits (and is queued for its loop again)
 * or ends. The thread that owned what the loop waits for runs, releases it, and the loop goes on. A loop that was busy
 * rather than blocked (a burst of I/O, the machine's CPU taken by something else) loses nothing by it: the threads
 * run elsewhere a little earlier. The first rescue of a loop found blocked or waiting is logged with where it waits,
 * since a network thread waiting on a lock is a fault worth fixing where it happens.
 *
 * <p>Threads: {@link #submit} from any thread; {@link #run} (the drain) on the loop; the watch on its own thread.
 */
final class LoopRunQueue implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");
    /** How often the watch looks; a stranded continuation waits two to three of these before it moves. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How many continuations one drain runs before it lets the loop do its I/O and other tasks. */
    private static final int BATCH = 64;

    /** Carriers for continuations a loop has stranded: platform threads, made when needed, gone after 30 s idle. */
    static final ExecutorService RESCUE = Executors.newCachedThreadPool(rescueThreads());

    /** The queues the watch looks at; cleared references are dropped as it goes (their site has gone). */
    private static final ConcurrentLinkedQueue<WeakReference<LoopRunQueue>> WATCHED = new ConcurrentLinkedQueue<>();

    private static final AtomicBoolean WATCH_STARTED = new AtomicBoolean();

    /** One continuation of a virtual thread, with what running it on the loop should report. */
    interface Continuation {
        /** Runs it on the loop (the caller), timed. */
        void runOnLoop();

        /** Runs it on a rescue carrier, or after the loop has stopped: not a hold of any loop. */
        void runElsewhere();
    }

    private final Executor loop;
    private final ConcurrentLinkedQueue<Continuation> queue = new ConcurrentLinkedQueue<>();
    /** Whether a drain is queued on the loop or running; set by whoever queues one, cleared by the drain. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Drains started: written by the loop only, read by the watch. */
    private volatile long drains;
    /** The loop's thread, once a drain has run: for the rescue's log line. */
    private volatile @Nullable Thread loopThread;

    // The watch's own state, touched by the watch thread only.
    private long seenDrains = -1;
    private int stalledLooks;
    private boolean reported;

    LoopRunQueue(Executor loop) {
        this.loop = loop;
        WATCHED.add(new WeakReference<>(this));
        if (WATCH_STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("conduit-loop-watch").start(LoopRunQueue::watch);
        }
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
        }
    }

    /** The drain, a task of the loop: runs what is queued, a batch at a time. */
    @Override
    public void run() {
        if (loopThread == null) {
            loopThread = Thread.currentThread();
        }
        drains = drains + 1; // the loop is the only writer
        for (int i = 0; i < BATCH; i++) {
            Continuation c = queue.poll();
            if (c == null) {
                break;
            }
            c.runOnLoop();
        }
        scheduled.set(false);
        if (!queue.isEmpty()) {
            schedule();
        }
    }

    private void rescueAll() {
        Continuation c;
        while ((c = queue.poll()) != null) {
            Continuation stranded = c;
            RESCUE.execute(stranded::runElsewhere);
        }
    }

    /** One look of the watch at this queue: rescues its continuations when its loop has stopped draining it. */
    private void look() {
        if (queue.isEmpty()) {
            stalledLooks = 0;
            return;
        }
        long d = drains;
        if (d != seenDrains) {
            seenDrains = d;
            stalledLooks = 0;
            return;
        }
        if (++stalledLooks < 2) {
            return;
        }
        stalledLooks = 0;
        Thread t = loopThread;
        if (!reported && t != null && t.getState() != Thread.State.RUNNABLE) {
            reported = true;
            report(t);
        }
        rescueAll();
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
                        + " cause. Logged once per network thread",
                t.getName(),
                2 * TimeUnit.NANOSECONDS.toMillis(TICK_NANOS),
                t.getState(),
                at);
    }

    private static void watch() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            for (var i = WATCHED.iterator(); i.hasNext(); ) {
                LoopRunQueue q = i.next().get();
                if (q == null) {
                    i.remove();
                    continue;
                }
                try {
                    q.look();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "the network-thread watch failed on one queue", e);
                }
            }
        }
    }

    private static java.util.concurrent.ThreadFactory rescueThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform()
                .daemon()
                .name("conduit-carrier-rescue-" + n.incrementAndGet())
                .unstarted(r);
    }
}
