package dev.conduit.internal.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The site watcher's file-change notifications, for caches that would otherwise {@code stat} a file on every hit (the
 * static file cache, the {@code .ashx} types), as System.Web's caches depend on {@code FileChangesMonitor}.
 *
 * <p><b>What it promises.</b> When {@link #covers} says yes for a file, every later change to it (written, replaced,
 * deleted, its folder renamed or deleted) reaches every subscriber as a call with the changed path or a folder above
 * it, within the time the operating system takes to report it (inotify on Linux: well under a millisecond when the
 * machine is not saturated). A request that reads a cache entry in that moment may get the old content, as it could
 * had it started a moment earlier; nothing stale is served after the notification. When the kernel drops events
 * (an inotify queue overflow), subscribers are called with the site root: everything may have changed.
 *
 * <p>It says no (and callers keep checking the file per hit) when nobody watches (the runtime was started without
 * watching, or the platform's watch service polls instead of being told, as macOS's does), for a file reached through
 * a symbolic link inside the site (a change to the link's target is not a change in the site), and for files under
 * {@code App_Data/} or a dot-folder, which the watcher skips.
 *
 * <p>Thread-safe. Subscribers run on the watcher's thread and must be quick; they are called in no particular order.
 */
public final class FileChanges {
    private final Path root;
    private final Path realRoot;
    /** Set by the watcher once it runs and is told of changes (not polling). */
    private volatile boolean watched;

    private final AtomicLong count = new AtomicLong();
    private final CopyOnWriteArrayList<Consumer<Path>> subscribers = new CopyOnWriteArrayList<>();

    /** Notifications for the site at {@code root}; none until a watcher {@linkplain #reporting starts reporting}. */
    public FileChanges(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
    }

    /** Called by the watcher once it watches every folder and the platform tells it of changes as they happen. */
    public void reporting() {
        watched = true;
    }

    /**
     * Tells whether changes to {@code file} (absolute, normalized, inside the site) are reported, so that a cache may
     * trust an entry for it until told otherwise. Resolves the file's real path: call it where a thread may block,
     * when the entry is made.
     */
    public boolean covers(Path file) {
        if (!watched || !file.startsWith(root) || file.equals(root)) {
            return false;
        }
        Path rel = root.relativize(file);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            String folder = rel.getName(i).toString();
            if (folder.startsWith(".") || folder.toLowerCase(Locale.ROOT).equals("app_data")) {
                return false;
            }
        }
        try {
            return file.toRealPath().equals(realRoot.resolve(rel));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How many changes were reported so far. A cache reads it before it reads a file and again after it stored the
     * entry: when it moved, a change may have been reported before the entry existed, and the entry is dropped.
     */
    public long count() {
        return count.get();
    }

    /** Calls {@code subscriber} with every changed path from now on, until {@link #unsubscribe}. */
    public void subscribe(Consumer<Path> subscriber) {
        subscribers.add(subscriber);
    }

    /** Stops calling {@code subscriber} (a site that stopped drops its caches' subscriptions). */
    public void unsubscribe(Consumer<Path> subscriber) {
        subscribers.remove(subscriber);
    }

    /**
     * Reports a change to {@code path} (absolute, normalized; a folder stands for everything under it): called by the
     * watcher, on its thread.
     */
    public void changed(Path path) {
        count.incrementAndGet();
        for (Consumer<Path> s : subscribers) {
            try {
                s.accept(path);
            } catch (RuntimeException e) {
                System.getLogger("dev.conduit.runtime")
                        .log(System.Logger.Level.WARNING, "a file-change subscriber failed for " + path, e);
            }
        }
    }

    /** Reports that events were lost: everything may have changed. */
    void everythingChanged() {
        changed(root);
    }
}
