package dev.conduit.internal.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Parses .NET {@code TimeSpan} text as web.config writes it: {@code [d.]hh:mm[:ss]}. */
final class Durations {
    private Durations() {}

    /** The duration, or {@code null} when the text is not a time span. */
    static @Nullable Duration parseTimeSpan(String text) {
        String t = text.trim();
        long days = 0;
        int colon = t.indexOf(':');
        if (colon < 0) {
            return null;
        }
        int dot = t.lastIndexOf('.', colon);
        try {
            if (dot >= 0) {
                days = Long.parseLong(t.substring(0, dot));
                t = t.substring(dot + 1);
            }
            String[] parts = t.split(":");
            if (parts.length < 2 || parts.length > 3) {
                return null;
            }
            long h = Long.parseLong(parts[0]);
            long m = Long.parseLong(parts[1]);
            long s = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            if (days < 0 || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
                return null;
            }
            return Duration.ofDays(days).plusHours(h).plusMinutes(m).plusSeconds(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
