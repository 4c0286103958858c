package dev.conduit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, for {@code RuntimeOptions.withClock}: session expiry, lock ages
 * and request timestamps then follow the test, not the wall clock. Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
 * try (TestHost host = TestHost.start(RuntimeOptions.of(site).withClock(clock))) {
 *     ...
 *     clock.advance(Duration.ofMinutes(21));
 * }
 * }</pre>
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    /** A clock showing {@code start}. */
    public TestClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public void advance(Duration amount) {
        synchronized (this) {
            now = now.plus(amount);
        }
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock is always UTC");
    }
}
