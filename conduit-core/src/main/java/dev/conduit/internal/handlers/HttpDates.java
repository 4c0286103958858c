package dev.conduit.internal.handlers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in. */
final class HttpDates {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return IMF.format(instant);
    }

    /**
     * The instant, or {@code null} when the text is not an HTTP date (the header is then ignored). An RFC 850 date's
     * two-digit year is the one within 50 years of {@code now}: a year that would lie more than 50 years ahead is in
     * the previous century (RFC 9110 §5.6.7).
     */
    static @Nullable Instant parse(String text, Instant now) {
        String t = text.trim();
        Instant parsed = parse(t, DateTimeFormatter.RFC_1123_DATE_TIME);
        if (parsed == null) {
            parsed = parse(t, ASCTIME);
        }
        if (parsed == null && t.indexOf('-') > 0) {
            parsed = parse(t, rfc850(now));
        }
        return parsed;
    }

    private static @Nullable Instant parse(String text, DateTimeFormatter format) {
        try {
            return ZonedDateTime.parse(text, format).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static DateTimeFormatter rfc850(Instant now) {
        int firstYear = now.atZone(ZoneOffset.UTC).getYear() - 49;
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, firstYear)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }
}
