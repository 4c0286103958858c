package dev.conduit.internal.netty;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The lines of the access log that one thread has formatted and the log's writer has not yet taken: the line being
 * filled ({@link Chunk}), the full ones waiting for the writer, and what formatting a line needs (the date and time of
 * the current second, the texts of the last two addresses).
 *
 * <p><b>Formatted where the request ends.</b> A request's values are in the cache of the thread that finishes it;
 * formatted there, a line costs a few copies. Queued as an object and formatted by the writer tens of milliseconds
 * later, it cost a queue slot and, for each field, a read from memory: under load the writer's thread shared the CPU
 * with the network threads and spent most of its time on those reads (the access log took 12 % of the CPU of a site
 * serving 200,000 requests a second over HTTP/2, and served about 15 % fewer with it on than off).
 *
 * <p>Each network thread has its own buffer (no contention but the writer's, once per pass); every other thread shares
 * one. Guarded by {@link #lock}: {@link #append} by the threads that log, {@link #takeAll} by the writer. A {@code
 * ReentrantLock}, not a monitor: the threads that share a buffer may be virtual threads, which a contended monitor
 * pins to their carrier on Java 21. A network thread never parks on its own buffer's lock: the writer holds it for a
 * few stores, so the network thread spins for it, and yields its CPU when the writer is not running (the OS took
 * its CPU); parked, it could wait for a wake-up while requests wait for it (the watch of the loop-carried threads
 * caught a network thread parked there under load).
 */
final class AccessLogBuffer {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** Lines of one UTC day, as bytes, in the order they were appended. */
    static final class Chunk {
        final AccessLog.Line bytes;
        int lines;
        /** When the first line's response ended (its day names the file the chunk goes to). */
        long firstMillis;

        Chunk(int capacity) {
            bytes = new AccessLog.Line(capacity);
        }

        long day() {
            return Math.floorDiv(firstMillis, MILLIS_PER_DAY);
        }

        void clear() {
            bytes.length = 0;
            lines = 0;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    private final AccessLog log;
    private final int chunkBytes;
    private final int maxWaiting;
    /** Whether one network thread has this buffer to itself (it then spins for the lock rather than park). */
    private final boolean owned;

    private Chunk current;
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private @Nullable Chunk spare;
    /** Chunks this buffer has allocated (under the lock, or in the constructor). */
    private int chunksMade;

    // Formatting state (under the lock).
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedDate = new byte[0];
    private byte[] cachedTime = new byte[0];
    private @Nullable InetAddress lastAddress;
    private byte[] lastText = new byte[0];
    private @Nullable InetAddress previousAddress;
    private byte[] previousText = new byte[0];
    private AccessLog.@Nullable Entry queryOf;
    private int queryAt;

    /**
     * A buffer whose chunks are handed to the writer at {@code chunkBytes}, with at most {@code maxWaiting} of them
     * waiting: beyond that a full chunk's lines are dropped (and counted by {@code log}). {@code owned}: one network
     * thread's alone.
     */
    AccessLogBuffer(AccessLog log, int chunkBytes, int maxWaiting, boolean owned) {
        this.log = log;
        this.chunkBytes = chunkBytes;
        this.maxWaiting = maxWaiting;
        this.owned = owned;
        this.current = newChunk();
    }

    /** Takes the lock for a line: a network thread without parking (see the class's comment). */
    private void lockToAppend() {
        if (!owned) {
            lock.lock();
            return;
        }
        for (int spins = 0; !lock.tryLock(); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private Chunk newChunk() {
        chunksMade++;
        // Room for a line past the mark: a chunk rarely grows.
        return new Chunk(chunkBytes + 512);
    }

    /** Formats {@code e} as one line of {@code fields}, with its newline; hands the chunk over when full. */
    void append(W3cField[] fields, AccessLog.Entry e) {
        lockToAppend();
        try {
            Chunk c = current;
            if (c.lines > 0 && Math.floorDiv(e.epochMillis(), MILLIS_PER_DAY) != c.day()) {
                handOver(); // a file holds one UTC day: the lines of the day before go first
                c = current;
            }
            if (c.lines == 0) {
                c.firstMillis = e.epochMillis();
            }
            AccessLog.Line b = c.bytes;
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    b.add((byte) ' ');
                }
                int start = b.length;
                fields[i].append(this, e, b);
                if (b.length == start) {
                    b.add((byte) '-');
                }
            }
            b.add((byte) '\n');
            c.lines++;
            if (b.length >= chunkBytes) {
                handOver();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues the current chunk for the writer (under the lock), or drops its lines when too many wait already. */
    private void handOver() {
        Chunk c = current;
        if (waiting.size() >= maxWaiting) {
            log.droppedLines(c.lines);
            c.clear();
            return;
        }
        waiting.add(c);
        Chunk next = spare;
        spare = null;
        if (next == null) {
            next = newChunk();
        }
        current = next;
        if (waiting.size() == Math.max(1, maxWaiting / 2)) {
            log.wakeWriter(); // the writer is falling behind its period: it writes now rather than drop later
        }
    }

    /** The writer's take: every chunk waiting and the current one when it has lines, oldest first, into {@code out}. */
    void takeAll(List<Chunk> out) {
        lock.lock();
        try {
            Chunk c;
            while ((c = waiting.poll()) != null) {
                out.add(c);
            }
            if (current.lines > 0) {
                out.add(current);
                Chunk next = spare;
                spare = null;
                current = next == null ? newChunk() : next;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps {@code free}, a chunk of this buffer the writer has written, for the next hand-over (the writer's thread):
     * a buffer that fills a chunk per pass of the writer then allocates none.
     */
    void recycle(Chunk free) {
        lock.lock();
        try {
            if (spare == null) {
                free.clear();
                spare = free;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many chunks this buffer has allocated: a test's check that written chunks are reused. */
    int chunksMade() {
        lock.lock();
        try {
            return chunksMade;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code address} as the log writes it, lower case: kept for the last two addresses (the server's and a client's
     * repeat from line to line). Compared by value, not identity: Netty keeps an address object per connection, so a
     * client with many connections (a browser, a balancer) would miss every time.
     */
    byte[] text(InetAddress address) {
        if (address.equals(lastAddress)) {
            return lastText;
        }
        if (address.equals(previousAddress)) {
            return previousText;
        }
        previousAddress = lastAddress;
        previousText = lastText;
        lastAddress = address;
        lastText = address.getHostAddress().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return lastText;
    }

    /**
     * Where the query of {@code e}'s target begins (its {@code ?}), or -1: looked for once per entry, for the stem and
     * the query fields both.
     */
    int queryStart(AccessLog.Entry e) {
        if (queryOf != e) {
            String t = e.target();
            queryAt = t == null ? -1 : t.indexOf('?');
            queryOf = e;
        }
        return queryAt;
    }

    /** {@code yyyy-MM-dd} of {@code epochMillis}, UTC (cached per second: consecutive lines share it). */
    byte[] date(long epochMillis) {
        cacheSecond(epochMillis);
        return cachedDate;
    }

    /** {@code HH:mm:ss} of {@code epochMillis}, UTC. */
    byte[] time(long epochMillis) {
        cacheSecond(epochMillis);
        return cachedTime;
    }

    private void cacheSecond(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            String s = AccessLog.DATE_TIME.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
            cachedDate = s.substring(0, 10).getBytes(StandardCharsets.US_ASCII);
            cachedTime = s.substring(11).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
