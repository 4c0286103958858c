package dev.conduit.staticfiles;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Site folders for the static-file tests: files with chosen modification times, served on a fixed clock. */
final class StaticSite {
    /** The instant every request is timestamped with. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00.250Z");

    /** A modification time long before {@link #NOW}, with a fraction of a second: such files get a strong ETag. */
    static final Instant OLD = Instant.parse("2025-05-01T10:20:30.987Z");

    /** {@link #OLD} as an HTTP date (truncated to the second). */
    static final String OLD_HTTP_DATE = "Thu, 01 May 2025 10:20:30 GMT";

    private StaticSite() {}

    /** Writes {@code content} (UTF-8) to {@code root/relative}, creating folders, modified at {@link #OLD}. */
    static Path file(Path root, String relative, String content) {
        return file(root, relative, content.getBytes(StandardCharsets.UTF_8), OLD);
    }

    /** Writes {@code content} to {@code root/relative}, creating folders, modified at {@code modified}. */
    static Path file(Path root, String relative, byte[] content, Instant modified) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(modified));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a web.config holding {@code body} inside {@code <configuration>} in {@code root/folder}. */
    static void webConfig(Path root, String folder, String body) {
        file(root, folder + "web.config", "<configuration>" + body + "</configuration>");
    }

    /** Starts the site with every request stamped {@link #NOW}. */
    static TestHost start(Path root) {
        return TestHost.start(RuntimeOptions.of(root).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
