package dev.conduit.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.ManagementFactory;

/**
 * Samples the memory the server could be holding, every 200 ms on its own thread, and keeps the highest sample: the
 * live heap (measured right after a {@link System#gc()}, so garbage not yet collected does not count) plus what
 * Netty's default allocator has taken (direct buffers are invisible to the heap). Server and test share one JVM, so
 * the client must keep its own footprint small (it streams and counts; it never holds a body).
 */
final class MemorySampler implements AutoCloseable {
    private static final long MIB = 1024 * 1024;

    private final long baseline;
    private volatile long peak;
    private volatile boolean running = true;
    private final Thread thread;

    private MemorySampler() {
        baseline = measure();
        peak = baseline;
        thread = Thread.ofPlatform().name("memory-sampler").daemon().start(() -> {
            while (running) {
                long now = measure();
                if (now > peak) {
                    peak = now;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static MemorySampler start() {
        return new MemorySampler();
    }

    /** The live heap after a collection plus Netty's allocated memory, in bytes. */
    static long measure() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return heap + nettyDirect();
    }

    private static long nettyDirect() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? p.metric().usedDirectMemory()
                : 0;
    }

    /** The highest sample so far minus the first one. */
    long growth() {
        long last = measure();
        return Math.max(peak, last) - baseline;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
