package dev.conduit.internal.netty;

import io.netty.util.internal.PlatformDependent;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The server's access log, in the W3C extended log file format IIS writes ({@code #Fields:} directives, one line per
 * request, times in UTC), so that the tools that read IIS logs read it.
 *
 * <p><b>Off the request path.</b> A finished request only adds a small {@link Entry} to a bounded queue: no formatting,
 * no I/O, no lock, no wake-up. A writer thread drains the queue every {@link #PERIOD_MILLIS} ms, formats the lines
 * straight into bytes (every value is printable ASCII by then, see {@link W3cField}: no string per line, no character
 * encoding) and writes them through a 64 KiB buffer, flushed after each drain. When the writer cannot keep up (a slow disk, a
 * terminal that scrolls slowly) the queue fills, and further entries are dropped and counted, never waited for; the
 * count goes into the log as a {@code #Remark} line once the writer catches up. So a line appears within about a
 * tenth of a second of its request, and a request never waits for the log.
 *
 * <p><b>Destination.</b> Standard output, or a folder where, as IIS does, one file per UTC day is written, named
 * {@code u_exYYMMDD.log}, and appended to when it exists; the directives open every file and every start.
 *
 * <p>Thread-safe: {@link #add} from any thread; {@link #close} once, at shutdown, writes what is queued.
 */
public final class AccessLog implements AutoCloseable {
    /** How often the writer drains the queue. */
    static final long PERIOD_MILLIS = 50;
    /** How many entries may wait for the writer; beyond that they are dropped and counted. */
    static final int CAPACITY = 64 * 1024;
    /** The output buffer: the lines of a drain leave in writes of this size. */
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
    private static final DateTimeFormatter DIRECTIVE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

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
    private final List<W3cField> fields;
    private final boolean wantsHeaders;
    private final @Nullable Path folder;
    private final Queue<Entry> queue;
    private final LongAdder dropped = new LongAdder();
    private final @Nullable Thread writerThread;
    private volatile boolean closed;

    // Writer-thread state.
    private @Nullable OutputStream out;
    private @Nullable LocalDate day;
    private long reportedDrops;
    private final Line line = new Line();
    private long cachedSecond = Long.MIN_VALUE;
    // The writer thread's address texts (see text(InetAddress)).
    private @Nullable InetAddress lastAddress;
    private byte[] lastText = new byte[0];
    private @Nullable InetAddress previousAddress;
    private byte[] previousText = new byte[0];
    private byte[] cachedDate = new byte[0];
    private byte[] cachedTime = new byte[0];
    // Where the target of the last entry asked about begins its query (see queryStart).
    private @Nullable Entry queryOf;
    private int queryAt;

    private AccessLog() {
        this.on = false;
        this.fields = List.of();
        this.wantsHeaders = false;
        this.folder = null;
        this.queue = new java.util.ArrayDeque<>(0);
        this.writerThread = null;
    }

    private AccessLog(List<W3cField> fields, @Nullable Path folder, @Nullable OutputStream stdout, int capacity) {
        this.on = true;
        this.fields = List.copyOf(fields);
        this.wantsHeaders = fields.stream().anyMatch(W3cField::fromHeader);
        this.folder = folder;
        this.out = stdout;
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
        this.writerThread =
                Thread.ofPlatform().daemon().name("conduit-access-log").unstarted(this::run);
    }

    /** A log whose writer is not started: a test drains it with {@link #drain()} and ends it with {@link #finish()}. */
    static AccessLog unstarted(
            List<String> fieldNames, @Nullable Path folder, @Nullable OutputStream out, int capacity) {
        return new AccessLog(fieldNames.stream().map(W3cField::of).toList(), folder, out, capacity);
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
        AccessLog log = new AccessLog(fields, folder, stdout, CAPACITY);
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

    /** Queues an entry (any thread, never blocks); dropped and counted when the writer is too far behind. */
    public void add(Entry entry) {
        if (on && !closed && !queue.offer(entry)) {
            dropped.increment();
        }
    }

    /** How many entries were dropped so far because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    /** Writes what is queued and stops the writer (waits at most a few seconds for a slow destination). */
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

    /** Writes every queued entry, then flushes (the writer's thread). */
    void drain() {
        try {
            Entry e;
            boolean wrote = false;
            while ((e = queue.poll()) != null) {
                OutputStream w = writerFor(e.epochMillis());
                reportDrops(w);
                Line l = format(e);
                w.write(l.bytes, 0, l.length);
                wrote = true;
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
            // The destination failed (a full disk, a closed terminal): what is queued is lost, counted, and the next
            // drain opens the destination again.
            LongAdder lost = dropped;
            while (queue.poll() != null) {
                lost.increment();
            }
            System.getLogger("dev.conduit.server")
                    .log(System.Logger.Level.WARNING, "the access log cannot be written: " + failure.getMessage());
            if (folder != null) {
                closeOutput();
            }
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
                .append(DIRECTIVE_TIME.format(LocalDateTime.ofEpochSecond(epochMillis / 1000, 0, ZoneOffset.UTC)))
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

    /** One line, with its newline (the writer's thread: the line is reused). */
    Line format(Entry e) {
        Line b = line;
        b.length = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.add((byte) ' ');
            }
            int start = b.length;
            fields.get(i).append(this, e, b);
            if (b.length == start) {
                b.add((byte) '-');
            }
        }
        b.add((byte) '\n');
        return b;
    }

    /** A line being formatted, as bytes: an array that grows, reused for every line (the writer's thread). */
    static final class Line {
        byte[] bytes = new byte[256];
        int length;

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
     * the query fields both (the writer's thread).
     */
    int queryStart(Entry e) {
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
            String s = DIRECTIVE_TIME.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
            cachedDate = s.substring(0, 10).getBytes(StandardCharsets.US_ASCII);
            cachedTime = s.substring(11).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
