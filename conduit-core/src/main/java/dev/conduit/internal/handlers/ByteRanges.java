package dev.conduit.internal.handlers;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses a {@code Range: bytes=...} header as System.Web's {@code StaticFileHandler} does (spec §3.5.6).
 *
 * <p>Items are {@code a-b}, {@code a-} and {@code -n} (a suffix), comma-separated, spaces tolerated, empty list
 * elements ignored (RFC 9110 §5.6.1.2). Any syntax error, or no item at all, means the whole header is ignored
 * ({@link #parse} returns {@code null}): the client then gets the full file. Items that cannot be satisfied (a start
 * at or past the end, an empty suffix) are dropped; an end past the file is clamped to its last byte. Positions too
 * large for a {@code long} are still valid syntax and saturate: {@code bytes=0-99999999999999999999} is the whole
 * file.
 */
final class ByteRanges {
    /** More items than this is not a real client; the header is treated as a syntax error. */
    static final int MAX_ITEMS = 1000;

    /** One satisfiable range, {@code first} to {@code last} inclusive. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /**
     * The parsed header.
     *
     * @param ranges the satisfiable ranges, in the order given (empty: 416)
     * @param requested the total bytes the items asked for, clamped to the file (for the 5x rule)
     */
    record Parsed(List<Range> ranges, long requested) {}

    private ByteRanges() {}

    /** Parses {@code header} for a file of {@code length} bytes; {@code null} when the header must be ignored. */
    static @Nullable Parsed parse(String header, long length) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes", 0, 5)) {
            return null;
        }
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(5, eq).isBlank()) {
            return null;
        }
        String[] items = h.substring(eq + 1).split(",", -1);
        if (items.length > MAX_ITEMS) {
            return null;
        }
        List<Range> out = new ArrayList<>();
        long requested = 0;
        boolean anyItem = false;
        for (String raw : items) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            anyItem = true;
            int dash = item.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String a = item.substring(0, dash).trim();
            String b = item.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long n = number(b);
                if (n < 0) {
                    return null;
                }
                if (n == 0 || length == 0) {
                    continue;
                }
                long take = Math.min(n, length);
                out.add(new Range(length - take, length - 1));
                requested += take;
                continue;
            }
            long first = number(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
            if (first < 0 || last < 0 || last < first) {
                return null;
            }
            if (first >= length) {
                continue;
            }
            long end = Math.min(last, length - 1);
            out.add(new Range(first, end));
            requested += end - first + 1;
        }
        return anyItem ? new Parsed(out, requested) : null;
    }

    /** A non-negative decimal, saturating at {@link Long#MAX_VALUE}; -1 when {@code s} is not one. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            v = v > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : v * 10 + digit;
        }
        return v;
    }
}
