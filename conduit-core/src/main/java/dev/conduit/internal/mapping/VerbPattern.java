package dev.conduit.internal.mapping;

/**
 * A compiled {@code verb} attribute (spec §2.2): spaces stripped, comma-separated alternatives, each a wildcard
 * that must match the whole verb, <em>case-sensitively</em> ({@code get} does not match {@code GET}).
 */
public final class VerbPattern {
    private final String text;
    private final boolean any;
    private final String[] alternatives;

    private VerbPattern(String text, boolean any, String[] alternatives) {
        this.text = text;
        this.any = any;
        this.alternatives = alternatives;
    }

    /** Compiles {@code text}, the attribute as written. */
    public static VerbPattern compile(String text) {
        String stripped = text.replace(" ", "");
        String[] alts = stripped.split(",", -1);
        boolean any = false;
        for (String a : alts) {
            any |= a.equals("*");
        }
        return new VerbPattern(text, any, alts);
    }

    /** The attribute as written. */
    public String text() {
        return text;
    }

    /** Tells whether this pattern matches every verb. */
    public boolean matchesAny() {
        return any;
    }

    /** Tells whether {@code verb} matches one alternative. */
    public boolean matches(String verb) {
        if (any) {
            return true;
        }
        for (String a : alternatives) {
            if (a.indexOf('*') < 0 && a.indexOf('?') < 0 ? a.equals(verb) : glob(a, verb)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String verb) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < verb.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == verb.charAt(s))) {
                p++;
                s++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
