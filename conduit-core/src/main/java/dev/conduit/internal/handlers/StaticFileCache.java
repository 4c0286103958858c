package dev.conduit.internal.handlers;

import dev.conduit.NameValueCollection;
import dev.conduit.internal.pipeline.FileChanges;
import dev.conduit.internal.pipeline.SiteServices;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Small static files kept in memory, one cache per site (IIS keeps such a cache too): a file of at most {@link
 * #MAX_FILE_BYTES} that passed every check of {@link StaticFileHandler} once is served from a direct buffer, without
 * resolving its real path, opening it or reading it again.
 *
 * <p><b>Freshness.</b> Where the site watcher reports changes to a file ({@link FileChanges#covers}: Linux and
 * Windows, a file not reached through a link, not under {@code App_Data/} or a dot-folder), a hit costs nothing: the
 * entry is dropped when the file changes, is replaced, deleted, or its folder renamed, within the moment the kernel
 * takes to say so (documented in docs/configuration.md, "Static files"). Elsewhere every hit costs one {@code stat}
 * of the file (following links): it must still be a regular file with the size, modification time and file key
 * (device and inode) it had when cached. Either way the next request after a change goes through the full checks
 * again and caches the new content.
 *
 * <p><b>Bounds.</b> At most {@link #MAX_ENTRIES} files and {@link #MAX_BYTES} bytes. When a new file does not fit,
 * entries are dropped in no particular order until it does (a cache of small files on a busy site refills in
 * moments; an LRU list would cost a write per hit).
 *
 * <p>Thread-safe. Keys are the request's file path (decoded and normalized, as the site sees it).
 */
final class StaticFileCache implements AutoCloseable {
    static final int MAX_FILE_BYTES = 64 * 1024;
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int MAX_ENTRIES = 4096;

    /**
     * One cached file and what the handler derives from its metadata.
     *
     * @param file the physical path
     * @param fileKey the file's identity when cached (device and inode on Unix), or null where there is none
     * @param modifiedTime the modification time as the file system reported it
     * @param modified the modification time, truncated to seconds (Last-Modified and the ETag use it)
     * @param tag the strong ETag ({@code "seconds-length"} in hex)
     * @param lastModified the Last-Modified header value
     * @param content the whole file, read-only, position 0
     * @param notified whether changes to the file are reported ({@link FileChanges#covers}): no {@code stat} per hit
     * @param heads the head of a plain answer for this file, made on first use (see {@link #head})
     */
    record Entry(
            Path file,
            @Nullable Object fileKey,
            FileTime modifiedTime,
            Instant modified,
            long size,
            String tag,
            String lastModified,
            ByteBuffer content,
            boolean notified,
            Heads heads) {

        /**
         * The headers of a plain answer for this file (200, or 304, 412 before anything else is set), Content-Type
         * last, with its strong validators: made once per Cache-Control setting and media type and kept, so that
         * serving the file from memory builds no header per request.
         */
        NameValueCollection head(@Nullable String cacheControl, String type) {
            Head last = heads.last;
            if (last != null && last.type().equals(type) && Objects.equals(last.cacheControl(), cacheControl)) {
                return last.headers();
            }
            NameValueCollection.Builder b = NameValueCollection.builder()
                    .add("Last-Modified", lastModified)
                    .add("ETag", tag)
                    .add("Accept-Ranges", "bytes");
            if (cacheControl != null) {
                b.add("Cache-Control", cacheControl);
            }
            NameValueCollection made = b.add("Content-Type", type).build();
            heads.last = new Head(cacheControl, type, made);
            return made;
        }

        /** Whether {@code attrs} (read just now) still describe the file as it was cached. */
        boolean matches(BasicFileAttributes attrs) {
            return attrs.isRegularFile()
                    && attrs.size() == size
                    && attrs.lastModifiedTime().equals(modifiedTime)
                    && Objects.equals(attrs.fileKey(), fileKey);
        }
    }

    /** Where an entry keeps its last head (an entry is otherwise immutable). */
    static final class Heads {
        volatile @Nullable Head last;
    }

    /** A head made for a Cache-Control setting and a media type. */
    record Head(@Nullable String cacheControl, String type, NameValueCollection headers) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final FileChanges changes;
    private final Consumer<Path> onChange = this::changed;

    StaticFileCache(FileChanges changes) {
        this.changes = changes;
        changes.subscribe(onChange);
    }

    /** The site's cache (closed with the site: it then stops listening for changes). */
    static StaticFileCache of(SiteServices site) {
        return site.feature(StaticFileCache.class, s -> new StaticFileCache(s.fileChanges()));
    }

    @Override
    public void close() {
        changes.unsubscribe(onChange);
        entries.clear();
        bytes.set(0);
    }

    /** A file or folder changed (the watcher's thread): its entries, or those of every file under it, go. */
    private void changed(Path changed) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().file().startsWith(changed)) {
                remove(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * The entry for {@code path} when the file is unchanged since it was cached (as far as change notifications
     * tell, else one {@code stat}); otherwise null, and a changed or vanished file's entry is dropped.
     */
    @Nullable
    Entry fresh(String path) {
        Entry e = entries.get(path);
        if (e == null || e.notified()) {
            return e;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(e.file(), BasicFileAttributes.class);
        } catch (IOException gone) {
            remove(path, e);
            return null;
        }
        if (!e.matches(attrs)) {
            remove(path, e);
            return null;
        }
        return e;
    }

    /**
     * Reads {@code file} into the cache under {@code path}, if it is small enough; {@code attrs} are its attributes
     * from the handler's checks. Returns the new entry, or null when the file is too large or changed while being
     * read (it is then served from the disk as usual).
     */
    @Nullable
    Entry load(String path, Path file, BasicFileAttributes attrs) {
        long size = attrs.size();
        if (size > MAX_FILE_BYTES || !attrs.isRegularFile()) {
            return null;
        }
        long seen = changes.count();
        boolean notified = changes.covers(file);
        ByteBuffer content = ByteBuffer.allocateDirect((int) size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (content.hasRemaining()) {
                if (ch.read(content) < 0) {
                    return null; // shorter than it said: it is being rewritten
                }
            }
            if (ch.size() != size) {
                return null;
            }
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (!after.lastModifiedTime().equals(attrs.lastModifiedTime()) || after.size() != size) {
                return null; // written to while we read it
            }
        } catch (IOException e) {
            return null;
        }
        content.flip();
        Instant modified = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        Entry e = new Entry(
                file,
                attrs.fileKey(),
                attrs.lastModifiedTime(),
                modified,
                size,
                StaticFileHandler.strongTag(modified, size),
                HttpDates.format(modified),
                content.asReadOnlyBuffer(),
                notified,
                new Heads());
        makeRoom(size);
        Entry old = entries.put(path, e);
        bytes.addAndGet(size - (old == null ? 0 : old.size()));
        if (notified && changes.count() != seen) {
            // A change was reported while the file was read, perhaps to this file before its entry existed.
            remove(path, e);
        }
        return e;
    }

    /** Drops entries until one more of {@code size} bytes fits both bounds. */
    private void makeRoom(long size) {
        Iterator<Entry> it = entries.values().iterator();
        while ((entries.size() >= MAX_ENTRIES || bytes.get() + size > MAX_BYTES) && it.hasNext()) {
            Entry victim = it.next();
            it.remove();
            bytes.addAndGet(-victim.size());
        }
    }

    private void remove(String path, Entry e) {
        if (entries.remove(path, e)) {
            bytes.addAndGet(-e.size());
        }
    }

    /** The number of cached files (for tests and diagnostics). */
    int size() {
        return entries.size();
    }

    /** The bytes held (for tests and diagnostics). */
    long bytes() {
        return bytes.get();
    }
}
