package dev.conduit.internal.netty;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The server's access log, in the W3C extended log file format IIS writes ({@code #Fields:} directives, one line per
 * request, times in UTC), so that the tools that read IIS logs read it.
 *
 * <p><b>Off the request path.</b> A finished request's line is formatted by the thread that finishes it, straight into
 * bytes (every value is printable ASCII by then, see {@link W3cField}: no string per line, no character encoding), into
 * that thread's {@link AccessLogBuffer}: no I/O, no wait, no lock another thread holds for long. A writer thread takes
 * the buffers' lines every {@link #PERIOD_MILLIS} ms (sooner when a buffer fills faster) and writes them in 64 KiB
 * pieces, flushed after each pass. When the writer cannot keep up (a slow disk, a terminal that scrolls slowly) the
 * buffers fill, and further lines are dropped and counted, never waited for; the count goes into the log as a {@code
 * #Remark} line once the writer catches up. So a line appears within about a tenth of a second of its request, and a
 * request never waits for the log's I/O. Lines from different threads are written a piece at a time, each thread's in
 * order.
 *
 * <p><b>Destination.</b> Standard output, or a folder where, as IIS does, one file per UTC day is written, named
 * {@code u_exYYMMDD.log}, and appended to when it exists; the directives open every file and every start.
 *
 * <p>Thread-safe: {@link #add} from any thread; {@link #close} once, at shutdown, writes what the buffers hold.
 */
public final class AccessLog implements AutoCloseable {
    /** How often the writer takes the buffers' lines. */
    static final long PERIOD_MILLIS = 50;
    /** The bytes of lines a thread formats before they are handed to the writer: the size of the log's writes. */
    static final int CHUNK_BYTES = 64 * 1024;
    /**
     * How many full chunks of one thread may wait for the writer (4 MiB); beyond that their lines are dropped and
     * counted.
     */
    static final int MAX_WAITING = 64;
    /** The output buffer of the destination (directives and remarks; chunks larger than it go straight through). */
    private static final int BUFFER = 64 * 1024;

    /** IIS's default fields, less {@code cs-username} (the host does not see the user's name). */
    public static final List<String> DEFAULT_FIELDS = List.of(
            "date",
            "time",
            "s-ip",
            "cs-method",
            "cs-uri-stem",
            "cs-uri-query",
            "s-port",
            "c-ip",
            "cs(User-Agent)",
            "cs(Referer)",
            "sc-status",
            "sc-substatus",
            "sc-win32-status",
            "time-taken");

    /** A log that writes nothing. */
    public static final AccessLog OFF = new AccessLog();

    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    /** {@code yyyy-MM-dd HH:mm:ss}: the {@code #Date} directive's, and the date and time fields' (UTC). */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /**
     * One finished request, as the connection saw it. Absent parts (a request refused before its head was read has
     * no method) are null and logged as {@code -}.
     *
     * @param epochMillis when the response ended
     * @param target the request target as received (path and query)
     * @param elapsedNanos from the request's head to the end of its response
     * @param bytes the body bytes sent
     */
    public record Entry(
            long epochMillis,
            @Nullable String method,
            @Nullable String target,
            @Nullable String protocol,
            @Nullable InetSocketAddress client,
            @Nullable InetSocketAddress server,
            @Nullable String userAgent,
            @Nullable String referer,
            @Nullable String host,
            int status,
            long bytes,
            long elapsedNanos) {}

    private final boolean on;
    /** The fields of a line, in order (an array: the per-line loop reads it). */
    private final W3cField[] fields;

    private final boolean wantsHeaders;
    private final @Nullable Path folder;
    private final int chunkBytes;
    private final int maxWaiting;
    /** The network threads' buffers, each its thread's alone. */
    private final FastThreadLocal<AccessLogBuffer> ownBuffer;
    /** The buffer every other thread shares. */
    private final AccessLogBuffer sharedBuffer;
    /** Every buffer, for the writer (a network thread's is added on its first line). */
    private final List<AccessLogBuffer> buffers = new CopyOnWriteArrayList<>();

    private final LongAdder dropped = new LongAdder();
    private final @Nullable Thread writerThread;
    private volatile boolean closed;

    // Writer-thread state.
    private @Nullable OutputStream out;
    private @Nullable LocalDate day;
    private long reportedDrops;
    private final List<AccessLogBuffer.Chunk> taken = new ArrayList<>();

    private AccessLog() {
        this.on = false;
        this.fields = new W3cField[0];
        this.wantsHeaders = false;
        this.folder = null;
        this.chunkBytes = 0;
        this.maxWaiting = 0;
        this.ownBuffer = new FastThreadLocal<>();
        this.sharedBuffer = new AccessLogBuffer(this, 1, 0, false);
        this.writerThread = null;
    }

    private AccessLog(
            List<W3cField> fields,
            @Nullable Path folder,
            @Nullable OutputStream stdout,
            int chunkBytes,
            int maxWaiting) {
        this.on = true;
        this.fields = fields.toArray(W3cField[]::new);
        this.wantsHeaders = fields.stream().anyMatch(W3cField::fromHeader);
        this.folder = folder;
        this.out = stdout;
        this.chunkBytes = chunkBytes;
        this.maxWaiting = maxWaiting;
        this.sharedBuffer = new AccessLogBuffer(this, chunkBytes, maxWaiting, false);
        buffers.add(sharedBuffer);
        this.ownBuffer = new FastThreadLocal<>() {
            @Override
            protected AccessLogBuffer initialValue() {
                AccessLogBuffer b =
                        new AccessLogBuffer(AccessLog.this, AccessLog.this.chunkBytes, AccessLog.this.maxWaiting, true);
                buffers.add(b);
                return b;
            }
        };
        this.writerThread =
                Thread.ofPlatform().daemon().name("conduit-access-log").unstarted(this::run);
    }

    /**
     * A log whose writer is not started: a test drains it with {@link #drain()} and ends it with {@link #finish()}.
     * Lines are handed to the writer in chunks of {@code chunkBytes}, at most {@code maxWaiting} chunks waiting.
     */
    static AccessLog unstarted(
            List<String> fieldNames,
            @Nullable Path folder,
            @Nullable OutputStream out,
            int chunkBytes,
            int maxWaiting) {
        return new AccessLog(fieldNames.stream().map(W3cField::of).toList(), folder, out, chunkBytes, maxWaiting);
    }

    /** Flushes and, for files, closes the destination (the writer's thread, or a test's). */
    void finish() {
        closeOutput();
    }

    /**
     * Starts a log of {@code fields} (W3C names, as {@link W3cField#of} reads them) to standard output, or to daily
     * files in {@code folder}.
     *
     * @throws IllegalArgumentException naming an unknown field
     * @throws IOException when the folder cannot be created
     */
    public static AccessLog start(List<String> fieldNames, @Nullable Path folder) throws IOException {
        List<W3cField> fields = fieldNames.stream().map(W3cField::of).toList();
        OutputStream stdout = null;
        if (folder == null) {
            stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER);
        } else {
            Files.createDirectories(folder);
        }
        AccessLog log = new AccessLog(fields, folder, stdout, CHUNK_BYTES, MAX_WAITING);
        Thread t = log.writerThread;
        if (t != null) {
            t.start();
        }
        return log;
    }

    /**
     * Checks a field list.
     *
     * @throws IllegalArgumentException naming the first unknown field and listing the known ones, or when empty
     */
    public static void checkFields(List<String> fieldNames) {
        if (fieldNames.isEmpty()) {
            throw new IllegalArgumentException("accessLogFields must name at least one field");
        }
        fieldNames.forEach(W3cField::of);
    }

    /** Whether entries are written; when false, callers need not build them. */
    public boolean isOn() {
        return on;
    }

    /** Whether the fields include request headers (User-Agent, Referer, Host): only then are they read. */
    public boolean wantsHeaders() {
        return wantsHeaders;
    }

    /**
     * Formats an entry into the calling thread's buffer (any thread; never waits for I/O); dropped and counted when
     * the writer is too far behind.
     */
    public void add(Entry entry) {
        if (!on || closed) {
            return;
        }
        AccessLogBuffer b = Thread.currentThread() instanceof FastThreadLocalThread ? ownBuffer.get() : sharedBuffer;
        b.append(fields, entry);
    }

    /** Counts {@code lines} dropped because the writer was too far behind (a buffer's thread). */
    void droppedLines(int lines) {
        dropped.add(lines);
    }

    /** Wakes the writer before its period is over: a buffer is filling faster than it writes (any thread). */
    void wakeWriter() {
        Thread t = writerThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** How many chunks the buffers have allocated so far (a test's check that written chunks are reused). */
    int chunksMade() {
        return buffers.stream().mapToInt(AccessLogBuffer::chunksMade).sum();
    }

    /** How many entries were dropped so far because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    /** Writes what the buffers hold and stops the writer (waits at most a few seconds for a slow destination). */
    @Override
    public void close() {
        Thread t = writerThread;
        if (t == null || closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(t);
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!closed) {
                drain();
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            }
            drain();
        } finally {
            closeOutput();
        }
    }

    /** Writes every buffer's lines, then flushes (the writer's thread). */
    void drain() {
        boolean wrote = false;
        try {
            for (AccessLogBuffer b : buffers) {
                List<AccessLogBuffer.Chunk> chunks = taken;
                chunks.clear();
                b.takeAll(chunks);
                AccessLogBuffer.@Nullable Chunk written = null;
                for (AccessLogBuffer.Chunk c : chunks) {
                    OutputStream w = writerFor(c.firstMillis);
                    reportDrops(w);
                    if (w != null) {
                        w.write(c.bytes.bytes, 0, c.bytes.length);
                    }
                    wrote = true;
                    written = c;
                    c.lines = 0; // written: not lost if a later write fails
                }
                if (written != null) {
                    b.recycle(written); // back to the buffer it came from, for its next hand-over
                }
            }
            long drops = dropped.sum();
            if (drops != reportedDrops && out != null) {
                reportDrops(out);
                wrote = true;
            }
            if (wrote && out != null) {
                out.flush();
            }
        } catch (IOException | RuntimeException failure) {
            // The destination failed (a full disk, a closed terminal): what was taken and not written is lost,
            // counted, and the next drain opens the destination again.
            for (AccessLogBuffer.Chunk c : taken) {
                dropped.add(c.lines);
            }
            System.getLogger("dev.conduit.server")
                    .log(System.Logger.Level.WARNING, "the access log cannot be written: " + failure.getMessage());
            if (folder != null) {
                closeOutput();
            }
        } finally {
            taken.clear();
        }
    }

    private void reportDrops(OutputStream w) throws IOException {
        long drops = dropped.sum();
        if (drops != reportedDrops) {
            ascii(w, "#Remark: " + (drops - reportedDrops) + " lines dropped: the log could not keep up\n");
            reportedDrops = drops;
        }
    }

    /** Writes a line of the log's own (a directive, a remark): ASCII, as everything the log writes. */
    private static void ascii(OutputStream w, String text) throws IOException {
        w.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The destination for a line written at {@code epochMillis}: a new file when the UTC day changed. */
    private OutputStream writerFor(long epochMillis) throws IOException {
        Path f = folder;
        OutputStream w = out;
        if (f == null) {
            if (day == null) {
                day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
                writeDirectives(w, epochMillis);
            }
            return w;
        }
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        if (w == null || !d.equals(day)) {
            closeOutput();
            Path file = f.resolve("u_ex" + FILE_DAY.format(d) + ".log");
            w = new BufferedOutputStream(
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                    BUFFER);
            out = w;
            day = d;
            writeDirectives(w, epochMillis);
        }
        return w;
    }

    private void writeDirectives(@Nullable OutputStream w, long epochMillis) throws IOException {
        if (w == null) {
            return;
        }
        StringBuilder d = new StringBuilder("#Software: Conduit\n#Version: 1.0\n#Date: ")
                .append(DATE_TIME.format(LocalDateTime.ofEpochSecond(epochMillis / 1000, 0, ZoneOffset.UTC)))
                .append("\n#Fields:");
        for (W3cField field : fields) {
            d.append(' ').append(field.w3cName());
        }
        ascii(w, d.append('\n').toString());
    }

    private void closeOutput() {
        OutputStream w = out;
        if (w == null) {
            return;
        }
        try {
            w.flush();
            if (folder != null) {
                w.close();
                out = null;
            }
        } catch (IOException ignored) {
            out = null; // nothing more can be done with a destination that fails to close
        }
    }

    /** Lines being formatted, as bytes: an array that grows. */
    static final class Line {
        byte[] bytes;
        int length;

        Line() {
            this(256);
        }

        Line(int capacity) {
            bytes = new byte[capacity];
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }

        /** The array, with room for {@code more} bytes from {@link #length} (which the caller advances). */
        byte[] room(int more) {
            ensure(more);
            return bytes;
        }

        void add(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        void add(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        /** A number in decimal, without making a string of it (the fields' numbers are never negative). */
        void add(long n) {
            if (n < 0) {
                add(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int digits = 1;
            for (long v = n; v >= 10; v /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + n % 10);
                n /= 10;
            }
            length += digits;
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
    }
}
