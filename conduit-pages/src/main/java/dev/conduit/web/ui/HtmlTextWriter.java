package dev.conduit.web.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a page's markup, as {@code System.Web.UI.HtmlTextWriter}: text as it is ({@link #write(String)}), text
 * HTML-encoded ({@link #writeEncodedText}), tags and attributes piece by piece ({@link #writeBeginTag}, {@link
 * #writeAttribute}) or with the attributes collected first ({@link #addAttribute} then {@link #renderBeginTag} and
 * {@link #renderEndTag}). Attribute values are HTML-encoded unless told otherwise.
 *
 * <p>Output is gathered in a buffer of its own and handed to the underlying writer (the response's) in large pieces:
 * a page renders in many small writes. {@link #flush()} hands over what is gathered; the page does so after rendering.
 * One request's thread uses a writer; it is not thread-safe.
 */
public class HtmlTextWriter {
    /** The character that ends a begin tag: {@code >}. */
    public static final char TAG_RIGHT_CHAR = '>';
    /** What ends a self-closing tag, XHTML style: {@code " />"}. */
    public static final String SELF_CLOSING_TAG_END = " />";

    private final @Nullable Writer out;
    private final @Nullable OutputStream bytes;
    private final byte @Nullable [] encoded;
    /** UTF-8 (the JDK's, whose ASCII runs are one vectorised copy), over {@link #chars} into {@link #encodedBytes}. */
    private final @Nullable CharsetEncoder utf8;

    private final @Nullable CharBuffer chars;
    private final @Nullable ByteBuffer encodedBytes;
    private @Nullable Runnable beforeBytes;
    private final char[] buffer;
    private int used;
    private final List<String[]> pendingAttributes = new ArrayList<>();
    private final StringBuilder pendingStyle = new StringBuilder();
    private final Deque<String> openTags = new ArrayDeque<>();

    /** A writer over {@code out}. */
    public HtmlTextWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
        this.bytes = null;
        this.encoded = null;
        this.buffer = new char[8192];
        this.utf8 = null;
        this.chars = null;
        this.encodedBytes = null;
    }

    private HtmlTextWriter(OutputStream bytes) {
        this.out = null;
        this.bytes = bytes;
        this.buffer = new char[2048];
        this.encoded = new byte[2048 * 3];
        this.utf8 = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.chars = CharBuffer.wrap(buffer);
        this.encodedBytes = ByteBuffer.wrap(encoded);
    }

    /**
     * A writer that encodes UTF-8 itself straight into {@code out} (a response's stream): a page's markup goes from
     * this writer's buffer to the response's without a {@code Writer}'s encoder and its buffers in between.
     */
    static HtmlTextWriter utf8(OutputStream out) {
        return new HtmlTextWriter(Objects.requireNonNull(out, "out"));
    }

    /** Runs {@code action} before each write of bytes (the page flushes the response's own writer, once touched). */
    void beforeBytes(Runnable action) {
        this.beforeBytes = action;
    }

    /** Writes {@code text} as it is (null writes nothing). */
    public void write(@Nullable String text) {
        if (text == null) {
            return;
        }
        int length = text.length();
        if (length > buffer.length - used) {
            flushBuffer();
            if (length > buffer.length && bytes != null) {
                for (int from = 0; from < length; from += buffer.length) {
                    int to = Math.min(length, from + buffer.length);
                    text.getChars(from, to, buffer, used);
                    used += to - from;
                    flushBuffer();
                }
                return;
            }
            if (length > buffer.length) {
                try {
                    out.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        text.getChars(0, length, buffer, used);
        used += length;
    }

    /** Writes one character. */
    public void write(char c) {
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = c;
    }

    /** Writes {@code String.valueOf(value)}; null writes nothing, as ASP.NET's {@code <%= %>} of null. */
    public void write(@Nullable Object value) {
        if (value != null) {
            write(value.toString());
        }
    }

    /** Writes a line break. */
    public void writeLine() {
        write('\n');
    }

    /** Writes {@code text} and a line break. */
    public void writeLine(@Nullable String text) {
        write(text);
        write('\n');
    }

    /** Writes {@code text} HTML-encoded ({@code <} as {@code &lt;}, quotes and ampersands too). */
    public void writeEncodedText(@Nullable String text) {
        if (text == null) {
            return;
        }
        // in one pass straight into the buffer, in slices that fit it however many characters need an entity (six
        // chars at most each): a page encodes a value per row
        int n = text.length();
        int slice = buffer.length / 6;
        for (int from = 0; from < n; from += slice) {
            int to = Math.min(n, from + slice);
            if (buffer.length - used < (to - from) * 6) {
                flushBuffer();
            }
            used = encodeInto(text, from, to, buffer, used);
        }
    }

    /** Writes {@code text[from, to)} HTML-encoded into {@code b} at {@code at}, which has room; the new end. */
    private static int encodeInto(String text, int from, int to, char[] b, int at) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c > '>') {
                b[at++] = c; // letters and most else: the five characters to encode are all '>' or below
                continue;
            }
            switch (c) {
                case '<' -> {
                    b[at] = '&';
                    b[at + 1] = 'l';
                    b[at + 2] = 't';
                    b[at + 3] = ';';
                    at += 4;
                }
                case '>' -> {
                    b[at] = '&';
                    b[at + 1] = 'g';
                    b[at + 2] = 't';
                    b[at + 3] = ';';
                    at += 4;
                }
                case '&' -> {
                    b[at] = '&';
                    b[at + 1] = 'a';
                    b[at + 2] = 'm';
                    b[at + 3] = 'p';
                    b[at + 4] = ';';
                    at += 5;
                }
                case '"' -> {
                    b[at] = '&';
                    b[at + 1] = 'q';
                    b[at + 2] = 'u';
                    b[at + 3] = 'o';
                    b[at + 4] = 't';
                    b[at + 5] = ';';
                    at += 6;
                }
                case '\'' -> {
                    b[at] = '&';
                    b[at + 1] = '#';
                    b[at + 2] = '3';
                    b[at + 3] = '9';
                    b[at + 4] = ';';
                    at += 5;
                }
                default -> b[at++] = c;
            }
        }
        return at;
    }

    /** Writes {@code value} in decimal digits (as {@code Long.toString}), without an intermediate string. */
    void writeLong(long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            write(Long.toString(value)); // rare in a page: ints and the parts of a fixed-point number are not
            return;
        }
        int v = (int) value;
        if (buffer.length - used < 10) {
            flushBuffer();
        }
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : decimalDigits(v);
        int at = used + digits;
        while (v >= 10) {
            int q = v / 10;
            buffer[--at] = (char) ('0' + (v - q * 10));
            v = q;
        }
        buffer[--at] = (char) ('0' + v);
        used += digits;
    }

    private static int decimalDigits(int v) {
        int digits = 1;
        for (int p = 10; p <= v && digits < 10; p *= 10) {
            digits++;
        }
        return digits;
    }

    /**
     * Writes {@code x} in .NET's {@code F<precision>} format when the double's arithmetic is sure of it (see {@code
     * NetFormat.fixedUnits}); otherwise writes nothing and returns false.
     */
    boolean writeFixed(double x, int precision) {
        long units = NetFormat.fixedUnits(x, precision);
        if (units < 0) {
            return false;
        }
        long scale = NetFormat.scale(precision);
        long whole = units / scale;
        long decimals = units - whole * scale;
        if (x < 0 && units != 0) {
            write('-');
        }
        writeLong(whole);
        if (precision > 0) {
            write('.');
            for (long p = scale / 10; p > decimals && p > 1; p /= 10) {
                write('0');
            }
            writeLong(decimals);
        }
        return true;
    }

    /** Writes {@code <tag} (the caller adds attributes and {@link #TAG_RIGHT_CHAR} or {@link #SELF_CLOSING_TAG_END}). */
    public void writeBeginTag(String tag) {
        write('<');
        write(tag);
    }

    /** Writes {@code <tag>}. */
    public void writeFullBeginTag(String tag) {
        write('<');
        write(tag);
        write('>');
    }

    /** Writes {@code </tag>}. */
    public void writeEndTag(String tag) {
        write("</");
        write(tag);
        write('>');
    }

    /** Writes {@code  name="value"} with the value HTML-encoded; a null value writes the name alone. */
    public void writeAttribute(String name, @Nullable String value) {
        writeAttribute(name, value, true);
    }

    /** Writes {@code  name="value"}, the value encoded when {@code encode} is true. */
    public void writeAttribute(String name, @Nullable String value, boolean encode) {
        write(' ');
        write(name);
        if (value != null) {
            write("=\"");
            if (encode) {
                writeEncodedText(value);
            } else {
                write(value);
            }
            write('"');
        }
    }

    /** Collects an attribute for the next {@link #renderBeginTag}. */
    public void addAttribute(String name, @Nullable String value) {
        pendingAttributes.add(new String[] {name, value});
    }

    /** Collects a CSS property for the {@code style} attribute of the next {@link #renderBeginTag}. */
    public void addStyleAttribute(String name, String value) {
        pendingStyle.append(name).append(':').append(value).append(';');
    }

    /** Writes {@code <tag} with the collected attributes and {@code >}, and remembers the tag for {@link #renderEndTag}. */
    public void renderBeginTag(String tag) {
        writeBeginTag(tag);
        writePendingAttributes();
        write('>');
        openTags.push(tag);
    }

    /** Writes {@code <tag} with the collected attributes and {@code  />}: an element without content. */
    public void renderSelfClosingTag(String tag) {
        writeBeginTag(tag);
        writePendingAttributes();
        write(SELF_CLOSING_TAG_END);
    }

    private void writePendingAttributes() {
        for (String[] a : pendingAttributes) {
            writeAttribute(a[0], a[1]);
        }
        pendingAttributes.clear();
        if (!pendingStyle.isEmpty()) {
            writeAttribute("style", pendingStyle.toString());
            pendingStyle.setLength(0);
        }
    }

    /**
     * Writes the end tag of the last {@link #renderBeginTag}.
     *
     * @throws IllegalStateException when no tag is open
     */
    public void renderEndTag() {
        if (openTags.isEmpty()) {
            throw new IllegalStateException("renderEndTag without an open tag");
        }
        writeEndTag(openTags.pop());
    }

    /** Hands what is gathered to the underlying writer and flushes it. */
    public void flush() {
        flushBuffer();
        try {
            if (out != null) {
                out.flush();
            } else if (bytes != null) {
                bytes.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushBuffer() {
        if (used == 0) {
            return;
        }
        try {
            if (out != null) {
                out.write(buffer, 0, used);
                used = 0;
                return;
            }
            int keep = Character.isHighSurrogate(buffer[used - 1]) ? 1 : 0; // its pair comes with the next write
            chars.limit(used - keep).position(0);
            encodedBytes.clear();
            utf8.encode(chars, encodedBytes, false); // three bytes a char at most: always room; a lone surrogate is '?'
            int n = encodedBytes.position();
            if (beforeBytes != null) {
                beforeBytes.run();
            }
            bytes.write(encoded, 0, n);
            if (keep == 1) {
                buffer[0] = buffer[used - 1];
            }
            used = keep;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
