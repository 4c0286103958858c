package demo.images;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pools that resizing runs on: one per ({@code images.threads}, {@code images.queue}) pair, shared by
 * every folder configured alike.
 *
 * <p>Platform threads, not virtual ones: resizing is CPU work, and a fixed number of threads is what bounds the CPU
 * and memory it takes (each job holds a decoded image). The queue is bounded too; when it is full, {@code execute}
 * throws {@link java.util.concurrent.RejectedExecutionException}, which the handler answers with 503 and {@code
 * Retry-After} rather than letting a backlog grow without limit. Idle threads end after 30 seconds, so an unused
 * pool (or one whose site was unloaded) holds no thread; they are daemons, so they never keep the JVM alive.
 */
final class ResizePools {
    private static final Map<Key, ThreadPoolExecutor> POOLS = new ConcurrentHashMap<>();

    private ResizePools() {}

    private record Key(int threads, int queue) {}

    /** The pool for {@code settings}' thread count and queue length. */
    static ThreadPoolExecutor of(ImageSettings settings) {
        return POOLS.computeIfAbsent(new Key(settings.threads(), settings.queue()), ResizePools::create);
    }

    private static ThreadPoolExecutor create(Key key) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t =
                    new Thread(r, "image-resize-" + key.threads() + "x" + key.queue() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                key.threads(),
                key.threads(),
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(key.queue()),
                threads,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
