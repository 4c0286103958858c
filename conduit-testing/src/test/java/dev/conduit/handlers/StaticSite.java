package dev.conduit.handlers;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import java.nio.file.Path;
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

    /** A site at {@code root} whose files are modified at {@link #OLD} unless a test sets another time. */
    static SiteBuilder in(Path root) {
        return SiteBuilder.in(root).modifiedAt(OLD);
    }

    /** Starts the site with every request stamped {@link #NOW}. */
    static TestHost start(SiteBuilder site) {
        return site.start(o -> o.withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** As {@link #start}, without the site watcher: every cache hit checks its file. */
    static TestHost startUnwatched(SiteBuilder site) {
        return site.start(o -> o.withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withWatchForChanges(false));
    }
}
