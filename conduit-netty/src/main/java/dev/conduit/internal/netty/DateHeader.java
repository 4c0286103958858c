package dev.conduit.internal.netty;

import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutorGroup;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The Date header value, formatted once a second rather than once a response. */
final class DateHeader {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private volatile AsciiString value = now();

    DateHeader(EventExecutorGroup group) {
        group.scheduleAtFixedRate(() -> value = now(), 1000, 1000, TimeUnit.MILLISECONDS);
    }

    AsciiString value() {
        return value;
    }

    private static AsciiString now() {
        return AsciiString.cached(IMF.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }
}
