package demo.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Resized variants on disk, one file per variant, under a size bound; each variant is computed once however many
 * requests ask for it at the same time.
 *
 * <p><b>Once.</b> {@link #obtain} returns the cached file when there is one. Otherwise the first caller registers a
 * future for the name and runs the work on the given executor; every caller that arrives while it runs gets that
 * same future. The entry is removed when the work ends, after the file is in place, so later callers find the file.
 *
 * <p><b>Files.</b> The work writes into a temporary file in the cache folder, which is then renamed atomically to
 * its final name: a reader never sees half a variant, and a crash leaves only a {@code .tmp-} file, deleted when the
 * folder is next loaded. The folder's existing files are indexed on first use, so the cache survives restarts.
 *
 * <p><b>Bound.</b> After each new variant, while the total size is over the bound, the least recently used variants
 * are deleted, except those used within the last {@link #GRACE} (a response may be about to send them: {@code
 * transmitFile} opens the file only when the response goes out). The bound can therefore be passed briefly by the
 * variants of the last few seconds.
 *
 * <p>Thread-safe.
 */
final class VariantCache {
    /** How long a variant that was just used is safe from eviction. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(VariantCache.class.getName());
    private static final String TEMP_PREFIX = ".tmp-";
    private static final Map<Path, VariantCache> BY_FOLDER = new ConcurrentHashMap<>();

    private final Path folder;
    private final InstantSource clock;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Path>> running = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong computations = new AtomicLong();
    private volatile boolean loaded;

    VariantCache(Path folder, InstantSource clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** The cache of {@code folder}, shared by every request of the process that uses that folder. */
    static VariantCache in(Path folder) {
        return BY_FOLDER.computeIfAbsent(
                folder.toAbsolutePath().normalize(), f -> new VariantCache(f, InstantSource.system()));
    }

    /** Writes a variant into the file it is given. */
    @FunctionalInterface
    interface Work {
        void writeTo(Path file) throws Exception;
    }

    /**
     * A variant's file, and whether this call computed it ({@code false}: it was on disk, or another call's work
     * produced it).
     */
    record Result(Path file, boolean computed) {}

    /**
     * Returns the variant {@code name}, computing it with {@code work} on {@code executor} when it is not cached and
     * not already being computed.
     *
     * <p>Called from any thread; does not block beyond a look at the file system. The returned future completes on
     * the executor's thread that ran the work (or at once, for a cached file); exceptionally with the work's
     * exception, or with {@link RejectedExecutionException} when the executor refused the work (every caller that
     * joined it sees the same).
     *
     * @param name the variant's file name: a hash of its key and an extension
     * @param maxBytes the size bound to enforce after storing a new variant
     */
    CompletableFuture<Result> obtain(String name, long maxBytes, Executor executor, Work work) {
        Path cached = lookup(name);
        if (cached != null) {
            return CompletableFuture.completedFuture(new Result(cached, false));
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> other = running.putIfAbsent(name, mine);
        if (other != null) {
            return other.thenApply(file -> new Result(file, false));
        }
        // Another call's work may have finished between the lookup and the registration.
        cached = lookup(name);
        if (cached != null) {
            running.remove(name, mine);
            mine.complete(cached);
            return CompletableFuture.completedFuture(new Result(cached, false));
        }
        try {
            executor.execute(() -> {
                try {
                    mine.complete(compute(name, maxBytes, work));
                } catch (Throwable t) {
                    mine.completeExceptionally(t);
                } finally {
                    running.remove(name, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(name, mine);
            mine.completeExceptionally(e);
        }
        return mine.thenApply(file -> new Result(file, true));
    }

    /** The cached file {@code name}, marked as just used, or null. */
    @Nullable
    Path lookup(String name) {
        load();
        Entry entry = index.get(name);
        if (entry == null) {
            return null;
        }
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            // Deleted behind our back: forget it, and compute it again.
            if (index.remove(name, entry)) {
                totalBytes.addAndGet(-entry.size);
            }
            return null;
        }
        entry.lastUsed = clock.millis();
        return file;
    }

    /** How many variants this cache has computed since it was created. */
    long computations() {
        return computations.get();
    }

    /** The total size of the indexed variants. */
    long totalBytes() {
        return totalBytes.get();
    }

    private Path compute(String name, long maxBytes, Work work) throws Exception {
        computations.incrementAndGet();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, TEMP_PREFIX, "");
        try {
            work.writeTo(temp);
            Path file = folder.resolve(name);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Entry entry = new Entry(Files.size(file), clock.millis());
            Entry old = index.put(name, entry);
            totalBytes.addAndGet(entry.size - (old == null ? 0 : old.size));
            evict(maxBytes);
            return file;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes least recently used variants until the total is within {@code maxBytes} (see the class comment). */
    synchronized void evict(long maxBytes) {
        if (totalBytes.get() <= maxBytes) {
            return;
        }
        long safeAfter = clock.millis() - GRACE.toMillis();
        // Sorted on a snapshot of the use times: they change while requests are served.
        record Candidate(String name, Entry entry, long lastUsed) {}
        List<Candidate> byAge = new ArrayList<>();
        index.forEach((name, entry) -> byAge.add(new Candidate(name, entry, entry.lastUsed)));
        byAge.sort(Comparator.comparingLong(Candidate::lastUsed));
        for (Candidate c : byAge) {
            if (totalBytes.get() <= maxBytes || c.entry().lastUsed > safeAfter) {
                return;
            }
            if (index.remove(c.name(), c.entry())) {
                totalBytes.addAndGet(-c.entry().size);
                try {
                    Files.deleteIfExists(folder.resolve(c.name()));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete the cached image " + c.name(), e);
                }
            }
        }
    }

    /** Indexes the folder's files once: sizes for the bound, modification times as last use. */
    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            Map<String, Entry> found = new HashMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX)) {
                        Files.deleteIfExists(file);
                        continue;
                    }
                    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attrs.isRegularFile()) {
                        found.put(
                                name,
                                new Entry(attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                }
            } catch (NoSuchFileException e) {
                // No cache yet: the first variant creates the folder.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the image cache folder " + folder, e);
            }
            found.forEach((name, entry) -> {
                index.put(name, entry);
                totalBytes.addAndGet(entry.size);
            });
            loaded = true;
        }
    }

    private static final class Entry {
        final long size;
        volatile long lastUsed;

        Entry(long size, long lastUsed) {
            this.size = size;
            this.lastUsed = lastUsed;
        }
    }
}
