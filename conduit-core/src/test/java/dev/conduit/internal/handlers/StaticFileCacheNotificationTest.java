package dev.conduit.internal.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.internal.pipeline.FileChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the watcher reports a file's changes, a cache hit checks nothing; the report drops the entry. */
class StaticFileCacheNotificationTest {
    @TempDir
    Path dir;

    private StaticFileCache.Entry load(StaticFileCache cache, Path f) throws Exception {
        return cache.load("/" + f.getFileName(), f, Files.readAttributes(f, BasicFileAttributes.class));
    }

    @Test
    void aReportedFileIsTrustedWithoutAStatUntilItsChangeIsReported() throws Exception {
        FileChanges changes = new FileChanges(dir);
        changes.reporting();
        StaticFileCache cache = new StaticFileCache(changes);
        Path f = Files.writeString(dir.resolve("a.txt"), "first");
        assertThat(load(cache, f)).isNotNull();
        assertThat(cache.fresh("/a.txt")).isNotNull();

        Files.writeString(f, "a longer text"); // not reported yet: the entry stands, no stat looked
        assertThat(cache.fresh("/a.txt")).isNotNull();

        changes.changed(f);
        assertThat(cache.fresh("/a.txt")).isNull();
    }

    @Test
    void aChangeToAFolderDropsEveryEntryUnderIt() throws Exception {
        FileChanges changes = new FileChanges(dir);
        changes.reporting();
        StaticFileCache cache = new StaticFileCache(changes);
        Path sub = Files.createDirectories(dir.resolve("css"));
        assertThat(load(cache, Files.writeString(sub.resolve("a.css"), "a"))).isNotNull();
        assertThat(load(cache, Files.writeString(dir.resolve("b.txt"), "b"))).isNotNull();

        changes.changed(sub);

        assertThat(cache.fresh("/a.css")).isNull();
        assertThat(cache.fresh("/b.txt")).isNotNull();
    }

    @Test
    void withoutReportsEveryHitChecksTheFile() throws Exception {
        StaticFileCache cache = new StaticFileCache(new FileChanges(dir)); // nobody reports
        Path f = Files.writeString(dir.resolve("a.txt"), "first");
        assertThat(load(cache, f)).isNotNull();
        assertThat(cache.fresh("/a.txt")).isNotNull();

        Files.writeString(f, "a longer text");
        assertThat(cache.fresh("/a.txt")).isNull();
    }

    @Test
    void filesReachedThroughALinkOrUnderAppDataAreNotTrusted() throws Exception {
        FileChanges changes = new FileChanges(dir);
        changes.reporting();
        Path target =
                Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("t.txt"), "t");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        Path data = Files.writeString(
                Files.createDirectories(dir.resolve("App_Data")).resolve("d.txt"), "d");

        assertThat(changes.covers(target)).isTrue();
        assertThat(changes.covers(link)).isFalse();
        assertThat(changes.covers(data)).isFalse();
        assertThat(new FileChanges(dir).covers(target)).as("nobody reports").isFalse();
    }
}
