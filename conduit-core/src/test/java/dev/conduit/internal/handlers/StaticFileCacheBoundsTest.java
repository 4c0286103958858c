package dev.conduit.internal.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.internal.pipeline.FileChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's bounds: file count, total bytes, and the size of one file. */
class StaticFileCacheBoundsTest {
    @TempDir
    Path dir;

    private StaticFileCache.Entry load(StaticFileCache cache, String name, int size) throws IOException {
        Path f = Files.write(dir.resolve(name), new byte[size]);
        return cache.load("/" + name, f, Files.readAttributes(f, BasicFileAttributes.class));
    }

    @Test
    void neverHoldsMoreThanTheEntryLimitAndKeepsTheNewest() throws IOException {
        StaticFileCache cache = new StaticFileCache(new FileChanges(dir));
        int count = StaticFileCache.MAX_ENTRIES + 50;
        for (int i = 0; i < count; i++) {
            assertThat(load(cache, "f" + i + ".txt", 1)).isNotNull();
            assertThat(cache.size()).isLessThanOrEqualTo(StaticFileCache.MAX_ENTRIES);
        }
        assertThat(cache.size()).isEqualTo(StaticFileCache.MAX_ENTRIES);
        assertThat(cache.bytes()).isEqualTo(StaticFileCache.MAX_ENTRIES);
        assertThat(cache.fresh("/f" + (count - 1) + ".txt")).isNotNull();
    }

    @Test
    void neverHoldsMoreThanTheByteLimit() throws IOException {
        StaticFileCache cache = new StaticFileCache(new FileChanges(dir));
        int files = (int) (StaticFileCache.MAX_BYTES / StaticFileCache.MAX_FILE_BYTES) + 20;
        for (int i = 0; i < files; i++) {
            load(cache, "big" + i + ".bin", StaticFileCache.MAX_FILE_BYTES);
            assertThat(cache.bytes()).isLessThanOrEqualTo(StaticFileCache.MAX_BYTES);
        }
        assertThat(cache.bytes()).isEqualTo(StaticFileCache.MAX_BYTES);
        assertThat(cache.fresh("/big" + (files - 1) + ".bin")).isNotNull();
    }

    @Test
    void aFileOverTheSizeLimitIsNotLoadedAndAnEmptyOneIs() throws IOException {
        StaticFileCache cache = new StaticFileCache(new FileChanges(dir));

        assertThat(load(cache, "over.bin", StaticFileCache.MAX_FILE_BYTES + 1)).isNull();
        assertThat(load(cache, "empty.txt", 0)).isNotNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void replacingAnEntryCountsItsBytesOnce() throws IOException {
        StaticFileCache cache = new StaticFileCache(new FileChanges(dir));
        load(cache, "a.txt", 100);
        load(cache, "a.txt", 300);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(300);
    }
}
