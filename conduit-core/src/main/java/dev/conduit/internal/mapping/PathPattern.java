package dev.conduit.internal.mapping;

import java.util.Locale;

/**
 * A compiled {@code path} attribute of {@code <httpHandlers><add>}, matched as System.Web's {@code
 * WildcardUrl.IsSuffix} does (spec §2.3).
 *
 * <p>The pattern matches a suffix of the request's file path that starts at the beginning or right after a {@code
 * /}; comparison ignores case; {@code *} matches any run of characters but {@code /}, {@code ?} one character but
 * {@code /}; commas separate alternatives. Because wildcards never cross {@code /}, an alternative with {@code k}
 * slashes matches exactly the last {@code k + 1} segments of the path, one segment against one pattern segment,
 * which is how this class matches without regular expressions.
 */
public final class PathPattern {
    /** IIS's {@code *.}: a last segment without a dot (an extensionless URL). */
    private static final String[] EXTENSIONLESS = {"*."};

    private final String text;
    private final String[][] alternatives;

    private PathPattern(String text, String[][] alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** Compiles {@code text}, the attribute as written. */
    public static PathPattern compile(String text) {
        return compile(text, false);
    }

    /**
     * Compiles {@code text}, a {@code <system.webServer><handlers>} path: matched as {@link #compile(String)} does,
     * except that {@code *.} stands for IIS's extensionless URL (a last segment with no dot) rather than a name that
     * ends in a dot.
     */
    public static PathPattern compileIis(String text) {
        return compile(text, true);
    }

    private static PathPattern compile(String text, boolean iis) {
        String[] alts = text.split(",", -1);
        String[][] compiled = new String[alts.length][];
        for (int i = 0; i < alts.length; i++) {
            String alt = alts[i].trim();
            compiled[i] = iis && alt.equals("*.") ? EXTENSIONLESS : alt.split("/", -1);
        }
        return new PathPattern(text, compiled);
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /**
     * The extensions this pattern matches, lower case, when every alternative is a plain {@code *.ext} (ext made of
     * ASCII characters other than {@code . * ? /}); otherwise null. Such a pattern matches a path exactly when the
     * text after the last {@code .} of its last segment is one of them (ignoring case), which lets a table index it.
     */
    @org.jspecify.annotations.Nullable
    String[] extensions() {
        String[] exts = new String[alternatives.length];
        for (int i = 0; i < alternatives.length; i++) {
            String[] segments = alternatives[i];
            if (segments == EXTENSIONLESS
                    || segments.length != 1
                    || !segments[0].startsWith("*.")
                    || segments[0].length() < 3) {
                return null;
            }
            String ext = segments[0].substring(2);
            for (int k = 0; k < ext.length(); k++) {
                char ch = ext.charAt(k);
                if (ch >= 0x80 || ch == '.' || ch == '*' || ch == '?' || ch == '/') {
                    return null;
                }
            }
            exts[i] = ext.toLowerCase(Locale.ROOT);
        }
        return exts;
    }

    /**
     * The extensions a path must have to match, lower case, when every alternative's last segment ends in a literal
     * {@code .ext} (ext made of ASCII characters other than {@code * ? /}, as in {@code trace.axd} or {@code
     * *_AppService.axd}); otherwise null. A path whose extension (the text after the last {@code .} of its last
     * segment) is none of them cannot match, which lets a table leave the entry out of other extensions' lists.
     */
    @org.jspecify.annotations.Nullable
    String[] requiredExtensions() {
        String[] exts = new String[alternatives.length];
        for (int i = 0; i < alternatives.length; i++) {
            String[] segments = alternatives[i];
            if (segments == EXTENSIONLESS) {
                return null;
            }
            String last = segments[segments.length - 1];
            String ext = last.substring(last.lastIndexOf('.') + 1);
            if (ext.isEmpty() || ext.length() == last.length()) {
                return null; // no dot, or nothing after it
            }
            for (int k = 0; k < ext.length(); k++) {
                char ch = ext.charAt(k);
                if (ch >= 0x80 || ch == '*' || ch == '?' || ch == '/') {
                    return null;
                }
            }
            exts[i] = ext.toLowerCase(Locale.ROOT);
        }
        return exts;
    }

    /** Tells whether {@code filePath} (app-absolute, starting with {@code /}) matches. */
    public boolean matches(String filePath) {
        for (String[] segments : alternatives) {
            if (segments == EXTENSIONLESS) {
                if (filePath.indexOf('.', filePath.lastIndexOf('/') + 1) < 0) {
                    return true;
                }
            } else if (matchesSegments(segments, filePath)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesSegments(String[] pattern, String path) {
        // Walk the path's segments from the end, one per pattern segment.
        int end = path.length();
        for (int i = pattern.length - 1; i >= 0; i--) {
            int slash = path.lastIndexOf('/', end - 1);
            if (slash < 0 && end > 0 && i > 0) {
                return false;
            }
            int start = slash + 1;
            if (!glob(pattern[i], path, start, end)) {
                return false;
            }
            if (i > 0) {
                if (slash < 0) {
                    return false;
                }
                end = slash;
            }
        }
        return true;
    }

    /** Matches {@code pattern} against {@code path[start, end)}, ignoring case; the range holds no {@code /}. */
    static boolean glob(String pattern, String path, int start, int end) {
        int p = 0;
        int s = start;
        int starP = -1;
        int starS = -1;
        int plen = pattern.length();
        while (s < end) {
            if (p < plen) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starP = p++;
                    starS = s;
                    continue;
                }
                if (pc == '?' || sameIgnoringCase(pc, path.charAt(s))) {
                    p++;
                    s++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            s = ++starS;
        }
        while (p < plen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == plen;
    }

    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    @Override
    public String toString() {
        return text;
    }
}
