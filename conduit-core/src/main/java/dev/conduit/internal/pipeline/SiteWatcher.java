package dev.conduit.internal.pipeline;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches a site for the changes that recycle its application, as System.Web's file-change notifications do: any
 * {@code web.config}, {@code Global.asax}, anything under {@code App_Code/} or {@code bin/}, and the files the
 * configuration was read from besides the web.config files ({@code configSource}, {@code <appSettings file>}; ASP.NET
 * does not watch the latter: a deliberate difference). Changes to other files
 * ({@code .ashx} included, which recompile on their own) do not recycle; they are reported to
 * {@link FileChanges}, at once, for the caches that depend on them. Anything under {@code App_Data/} or a dot-folder is
 * ignored. Events are collected for a short quiet period, so a deployment that writes many files recycles once.
 */
public final class SiteWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");
    private static final long QUIET_MILLIS = 300;

    private final Path root;
    private final WatchService watch;
    private final Runnable onChange;
    private final Supplier<? extends Collection<Path>> configFiles;
    private final FileChanges changes;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Thread thread;
    private final ExecutorService recycler = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("conduit-recycle").unstarted(r));

    /**
     * Starts watching {@code root}; {@code onChange} runs on the watcher's thread.
     *
     * @param configFiles the external configuration files of the application currently loaded (absolute)
     * @param changes told of every change to any watched file at once (not after the quiet period), once the watcher
     *     runs; and only when the platform notifies (inotify, Windows), not when its watch service polls
     */
    public SiteWatcher(
            Path root, Runnable onChange, Supplier<? extends Collection<Path>> configFiles, FileChanges changes)
            throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.configFiles = configFiles;
        this.changes = changes;
        this.watch = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = Thread.ofPlatform().daemon().name("conduit-site-watcher").start(this::loop);
        if (!watch.getClass().getName().contains("Polling")) {
            changes.reporting();
        }
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(root) && (name.startsWith(".") || name.equalsIgnoreCase("App_Data"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                WatchKey key = d.register(
                        watch,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                // The folder's current path: a folder moved to a new name keeps its key (on Linux the JDK hands back
                // the same key, whose watchable() is still the old name), so the path comes from here, not the key.
                folders.put(key, d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = drain(key);
                // Let a burst of writes settle, collecting every event of it.
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant) {
                    // On a thread of its own: a recycle compiles App_Code (seconds), and file changes must go on
                    // being reported meanwhile. One at a time, in order.
                    recycler.execute(() -> {
                        try {
                            onChange.run();
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.ERROR, "recycling the application failed", e);
                        }
                    });
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the runtime is stopping
        }
    }

    private boolean drain(WatchKey key) {
        boolean relevant = false;
        Path dir = folders.getOrDefault(key, (Path) key.watchable());
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changes.everythingChanged();
                relevant = true;
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            changes.changed(path);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    registerTree(path);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot watch " + path, e);
                }
            }
            relevant |= recycles(path);
        }
        key.reset();
        return relevant;
    }

    /** Tells whether a change to {@code path} recycles the application. */
    boolean recycles(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("web.config") || name.equals("global.asax")) {
            return true;
        }
        if (configFiles.get().contains(path.toAbsolutePath().normalize())) {
            return true;
        }
        Path rel = root.relativize(path);
        if (rel.getNameCount() == 0) {
            return false;
        }
        String first = rel.getName(0).toString().toLowerCase(Locale.ROOT);
        return first.equals("app_code") || first.equals("bin");
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing a watch service that is already closed
        }
        thread.interrupt();
        recycler.shutdown();
    }
}
