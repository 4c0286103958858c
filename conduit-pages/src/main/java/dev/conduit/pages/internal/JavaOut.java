package dev.conduit.pages.internal;

import java.util.ArrayList;
import java.util.List;

/** Java source being generated, with the markup line each of its lines came from (for diagnostics). */
final class JavaOut {
    private final StringBuilder text = new StringBuilder(4096);
    private final List<Integer> origin = new ArrayList<>();

    /** Appends {@code code} (one or more lines), every line attributed to {@code markupLine}. */
    void line(String code, int markupLine) {
        for (String l : code.split("\n", -1)) {
            text.append(l).append('\n');
            origin.add(markupLine);
        }
    }

    /** Appends user code written at {@code firstLine} and after: each line attributed to its own markup line. */
    void code(String code, int firstLine) {
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            text.append(lines[i]).append('\n');
            origin.add(firstLine + i);
        }
    }

    /** The markup line of a 1-based line of the source (0 when unknown). */
    int markupLine(int javaLine) {
        return javaLine >= 1 && javaLine <= origin.size() ? origin.get(javaLine - 1) : 0;
    }

    String source() {
        return text.toString();
    }

    /** {@code s} as a Java string literal. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code s} as Java literals of at most 8,000 characters each joined with {@code +}: class files cap constants. */
    static String longLiteral(String s) {
        if (s.length() <= 8000) {
            return literal(s);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += 8000) {
            if (i > 0) {
                b.append(" + ");
            }
            b.append("new String(")
                    .append(literal(s.substring(i, Math.min(s.length(), i + 8000))))
                    .append(")");
        }
        return b.toString();
    }
}
