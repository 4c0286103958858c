package dev.conduit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * HTML and URL encoding, as System.Web's {@code HttpUtility}. Every method maps {@code null} to an empty string.
 */
public final class HttpUtility {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HttpUtility() {}

    /**
     * Encodes text for HTML element content and quoted attribute values: {@code & < > " '} become character
     * references; everything else is kept.
     */
    public static String htmlEncode(@Nullable String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        int n = text.length();
        while (i < n && !needsHtmlEscape(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean needsHtmlEscape(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
    }

    /** Decodes the five entities {@link #htmlEncode} produces and numeric character references. */
    public static String htmlDecode(@Nullable String text) {
        if (text == null) {
            return "";
        }
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semi = c == '&' ? text.indexOf(';', i) : -1;
            if (semi < 0 || semi - i > 10) {
                sb.append(c);
                i++;
                continue;
            }
            String entity = text.substring(i + 1, semi);
            String decoded = decodeEntity(entity);
            if (decoded == null) {
                sb.append(c);
                i++;
            } else {
                sb.append(decoded);
                i = semi + 1;
            }
        }
        return sb.toString();
    }

    private static @Nullable String decodeEntity(String entity) {
        switch (entity) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        if (entity.length() < 2 || entity.charAt(0) != '#') {
            return null;
        }
        try {
            int cp = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                    ? Integer.parseInt(entity.substring(2), 16)
                    : Integer.parseInt(entity.substring(1));
            return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Encodes a query-string component in UTF-8: spaces become {@code +}, as {@code HttpUtility.UrlEncode}. */
    public static String urlEncode(@Nullable String text) {
        return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Decodes a query-string component in UTF-8: {@code +} becomes a space. A malformed escape is kept as it
     * stands rather than failing, as System.Web does.
     */
    public static String urlDecode(@Nullable String text) {
        if (text == null) {
            return "";
        }
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        return decode(text);
    }

    /**
     * One pass into bytes, then UTF-8: {@code +} is a space, {@code %XX} a byte, any other character its UTF-8 bytes;
     * a {@code %} not followed by two hex digits stays as it is, and bytes that are not UTF-8 become U+FFFD. (The
     * JDK's {@code URLDecoder} throws on a bad {@code %} and grows a StringBuilder a character at a time: a form's
     * view state, a kilobyte of {@code %2B}s, spent a tenth of a postback there.)
     */
    private static String decode(String text) {
        int n = text.length();
        int size = n;
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                size += 2; // at most 3 bytes of UTF-8 per char (a surrogate pair: 4 for 2)
            }
        }
        byte[] out = new byte[size];
        int count = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int hi;
            int lo;
            if (c == '+') {
                out[count++] = ' ';
            } else if (c == '%'
                    && i + 2 < n
                    && (hi = hex(text.charAt(i + 1))) >= 0
                    && (lo = hex(text.charAt(i + 2))) >= 0) {
                out[count++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out[count++] = (byte) c;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))
                        ? i + 2
                        : i + 1;
                byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, count, utf8.length);
                count += utf8.length;
                i = end - 1;
            }
        }
        return new String(out, 0, count, StandardCharsets.UTF_8);
    }

    /** The value of an ASCII hex digit, or -1 (never a digit of another script, as Character.digit allows). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Encodes a URL path: characters outside the RFC 3986 unreserved, sub-delimiter and {@code / : @} sets are
     * percent-encoded in UTF-8; {@code /} and existing structure are kept. Anything from a {@code ?} on is left as
     * it stands, as {@code HttpUtility.UrlPathEncode}.
     */
    public static String urlPathEncode(@Nullable String text) {
        if (text == null) {
            return "";
        }
        int q = text.indexOf('?');
        String path = q < 0 ? text : text.substring(0, q);
        StringBuilder sb = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPathChar(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return q < 0 ? sb.toString() : sb.append(text, q, text.length()).toString();
    }

    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
}
