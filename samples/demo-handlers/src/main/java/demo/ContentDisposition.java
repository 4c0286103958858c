package demo;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Builds {@code Content-Disposition} header values whose file name survives any characters: RFC 6266 with the RFC
 * 8187 (formerly 5987) extended parameter.
 *
 * <p>The value carries the name twice: {@code filename*=UTF-8''...} holds it exactly, percent-encoded, and every
 * current browser prefers it; {@code filename="..."} holds an ASCII fallback for the few clients that do not
 * understand the extended form. The fallback follows RFC 6266 Appendix D: no non-ASCII characters (accents are
 * dropped, other characters become {@code _}), no backslash (not every client unescapes it), no {@code %} (some
 * clients percent-decode the fallback), no control characters, no {@code /}, and no quotes (replaced by {@code '}).
 *
 * <p>The value is printable ASCII only, whatever the name holds, so CR, LF or a quote in a stored file name can
 * neither end the header nor start a parameter: System.Web offers no such helper, and concatenating the raw name
 * into the header is the classic way to get header injection or mojibake (spec §11.7).
 */
public final class ContentDisposition {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String FALLBACK_NAME = "download";

    private ContentDisposition() {}

    /**
     * The value that asks the browser to save the response as {@code fileName}: {@code attachment;
     * filename="ascii-fallback"; filename*=UTF-8''pct-encoded}.
     */
    public static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encodeExtValue(fileName);
    }

    /**
     * The name reduced to characters every client reads the same way inside a quoted string: printable ASCII except
     * {@code " \ % /}, accents stripped ({@code Überall} becomes {@code Uberall}); {@code download} when nothing
     * but {@code _} and dots would be left.
     */
    public static String asciiFallback(String fileName) {
        // NFD splits "Ü" into "U" and a combining mark, which is then dropped below as non-ASCII.
        String decomposed = Normalizer.normalize(fileName, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                continue; // the high surrogate already stood for the whole code point
            }
            sb.append(fallbackChar(c));
        }
        String out = sb.toString().strip();
        return out.isEmpty() || out.chars().allMatch(ch -> ch == '_' || ch == '.') ? FALLBACK_NAME : out;
    }

    private static char fallbackChar(char c) {
        if (c == '"') {
            return '\'';
        }
        if (c < 0x20 || c >= 0x7f || c == '\\' || c == '%' || c == '/') {
            return '_';
        }
        return c;
    }

    /**
     * The name as an RFC 8187 {@code value-chars}: UTF-8 bytes, each byte outside {@code attr-char} written as
     * {@code %XX} (upper-case hex). Lone surrogates, which UTF-8 cannot hold, become {@code ?}.
     */
    public static String encodeExtValue(String fileName) {
        byte[] bytes = fileName.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int v = b & 0xff;
            if (isAttrChar(v)) {
                sb.append((char) v);
            } else {
                sb.append('%').append(HEX[v >> 4]).append(HEX[v & 0xf]);
            }
        }
        return sb.toString();
    }

    /** RFC 8187 §3.2.1 {@code attr-char}: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
