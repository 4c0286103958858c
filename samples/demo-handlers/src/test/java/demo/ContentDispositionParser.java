package demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A strict, independent reader of {@code Content-Disposition} values (RFC 6266 §4.1 grammar, RFC 8187 ext-values),
 * for tests: it rejects what a careful client would, rather than guessing.
 *
 * @param type the disposition type, lower case
 * @param parameters the parameters by lower-case name, values unquoted (ext-values still encoded)
 */
record ContentDispositionParser(String type, Map<String, String> parameters) {
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    /** Parses {@code value}; throws IllegalArgumentException naming the offending position. */
    static ContentDispositionParser parse(String value) {
        Cursor c = new Cursor(value);
        String type = c.token().toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        c.skipSpaces();
        while (!c.atEnd()) {
            c.expect(';');
            c.skipSpaces();
            String name = c.token().toLowerCase(Locale.ROOT);
            c.skipSpaces();
            c.expect('=');
            c.skipSpaces();
            String v = c.peek() == '"' ? c.quoted() : c.token();
            if (params.put(name, v) != null) {
                throw new IllegalArgumentException("parameter " + name + " given twice in: " + value);
            }
            c.skipSpaces();
        }
        return new ContentDispositionParser(type, params);
    }

    /** The {@code filename*} parameter decoded (RFC 8187: UTF-8 only here, attr-chars and %XX only). */
    String extendedFileName() {
        String v = parameters.get("filename*");
        if (v == null) {
            throw new IllegalArgumentException("no filename* parameter");
        }
        int q1 = v.indexOf('\'');
        int q2 = v.indexOf('\'', q1 + 1);
        if (q1 < 0 || q2 < 0 || !v.substring(0, q1).equalsIgnoreCase("UTF-8")) {
            throw new IllegalArgumentException("not a UTF-8 ext-value: " + v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = q2 + 1; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '%') {
                out.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (Character.isLetterOrDigit(ch) && ch < 0x80 || "!#$&+-.^_`|~".indexOf(ch) >= 0) {
                out.write(ch);
            } else {
                throw new IllegalArgumentException("'" + ch + "' is not an attr-char in: " + v);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(i);
        }

        void skipSpaces() {
            while (!atEnd() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        void expect(char ch) {
            if (peek() != ch) {
                throw new IllegalArgumentException("expected '" + ch + "' at " + i + " in: " + s);
            }
            i++;
        }

        String token() {
            int start = i;
            while (!atEnd() && isTokenChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("expected a token at " + i + " in: " + s);
            }
            return s.substring(start, i);
        }

        /** RFC 9110 §5.6.4 quoted-string: qdtext or quoted-pair; no CTLs. */
        String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated quoted-string in: " + s);
                }
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return sb.toString();
                }
                if (ch == '\\') {
                    ch = s.charAt(i++);
                }
                if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
                    throw new IllegalArgumentException("control character in quoted-string: " + s);
                }
                sb.append(ch);
            }
        }

        private static boolean isTokenChar(char ch) {
            return ch < 0x80 && Character.isLetterOrDigit(ch) || TOKEN_CHARS.indexOf(ch) >= 0;
        }
    }
}
