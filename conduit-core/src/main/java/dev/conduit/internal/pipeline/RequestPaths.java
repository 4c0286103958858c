package dev.conduit.internal.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Path rules the runtime applies before mapping, shared with the diagnostics of {@code conduit explain}. */
public final class RequestPaths {
    /**
     * Folders never served, at any depth, as ASP.NET's protected folders (plus Java's own): a request naming one
     * gets a 404.
     */
    public static final Set<String> HIDDEN_SEGMENTS = Set.of(
            "app_code",
            "app_data",
            "bin",
            "app_globalresources",
            "app_localresources",
            "app_webreferences",
            "app_browsers",
            "web-inf",
            "meta-inf");

    private RequestPaths() {}

    private static final String[] HIDDEN = HIDDEN_SEGMENTS.toArray(String[]::new);

    /**
     * Bit n set when a hidden name is n characters long: most segments (every request's path has one) are no hidden
     * name's length, and need no comparison (the comparisons were 0.8 % of a pipelined profile).
     */
    private static final long HIDDEN_LENGTHS = hiddenLengths();

    private static long hiddenLengths() {
        long mask = 0;
        for (String h : HIDDEN) {
            if (h.length() >= Long.SIZE) {
                throw new AssertionError("a hidden name of 64 characters or more: " + h);
            }
            mask |= 1L << h.length();
        }
        return mask;
    }

    /** Whether {@code path[from, from + len)} is a hidden folder name, ignoring case (no allocation: hot path). */
    private static boolean isHidden(String path, int from, int len) {
        for (String h : HIDDEN) {
            if (h.length() == len && path.regionMatches(true, from, h, 0, len)) {
                return true;
            }
        }
        return false;
    }

    /** Tells whether a segment of {@code path} is a hidden folder name (ignoring case). */
    public static boolean hasHiddenSegment(String path) {
        int from = 1;
        while (from < path.length()) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            int len = end - from;
            if (len < Long.SIZE && (HIDDEN_LENGTHS & (1L << len)) != 0 && isHidden(path, from, len)) {
                return true;
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        return false;
    }

    /**
     * Whether {@link #splitPoint} asks the disk about {@code path} (its answer may then change as files come and go):
     * when a segment with a dot in it, other than an {@code .axd} name, is followed by a {@code /}.
     */
    public static boolean splitLooksAtDisk(String path) {
        for (int from = 1, slash; (slash = path.indexOf('/', from)) > 0; from = slash + 1) {
            if (mayBeFile(path, from, slash)) {
                return !isAxd(path, from, slash);
            }
        }
        return false;
    }

    /**
     * Where path info starts in {@code path}: after the first segment followed by a {@code /} that is an existing
     * file or an {@code .axd} name, so {@code /h.ashx/extra} runs {@code /h.ashx} with path info {@code /extra}, and
     * {@code /web.config/} is the file {@code /web.config} with path info {@code /} (so its extension mapping still
     * decides, never the folder rules); 0 when there is none. Only segments with a dot are looked up on disk.
     */
    public static int splitPoint(Path siteRoot, String path) {
        for (int from = 1, slash; (slash = path.indexOf('/', from)) > 0; from = slash + 1) {
            if (mayBeFile(path, from, slash)
                    && (isAxd(path, from, slash) || Files.isRegularFile(siteRoot.resolve(path.substring(1, slash))))) {
                return slash;
            }
        }
        return 0;
    }

    /** Whether the segment {@code path[from, end)} has a dot after its first character (a name with an extension). */
    private static boolean mayBeFile(String path, int from, int end) {
        int dot = path.indexOf('.', from);
        return dot > from && dot < end;
    }

    /** Whether the segment {@code path[from, end)} ends in {@code .axd}, ignoring case. */
    private static boolean isAxd(String path, int from, int end) {
        return end - from >= 4 && path.regionMatches(true, end - 4, ".axd", 0, 4);
    }
}
