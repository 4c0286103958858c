package dev.conduit;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
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
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return lenientDecode(text);
        }
    }

    private static String lenientDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%'
                    && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
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
