package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page writer that encodes UTF-8 straight into a response's stream. */
class HtmlTextWriterTest {
    @Test
    void encodesUtf8AcrossItsBufferAndReplacesLoneSurrogates() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(i % 7 == 0 ? "é" : i % 11 == 0 ? "€" : i % 13 == 0 ? "😀" : "a");
        }
        text.append("x\uD800y\uDC00z"); // lone surrogates
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlTextWriter writer = HtmlTextWriter.utf8(out);
        for (int i = 0; i < text.length(); i += 97) {
            writer.write(text.substring(i, Math.min(text.length(), i + 97)));
        }
        writer.flush();

        String expected = text.toString().replace('\uD800', '?').replace('\uDC00', '?');
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void writesNumbersAsLongToStringAndTheFixedFormatDoes() {
        StringBuilder expected = new StringBuilder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlTextWriter writer = HtmlTextWriter.utf8(out);
        long[] longs = {
            0,
            7,
            9,
            10,
            99,
            100,
            999,
            1000,
            9999,
            10000,
            12345,
            999_999_999,
            1_000_000_000,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L,
            -1,
            -10,
            Integer.MIN_VALUE,
            Long.MIN_VALUE,
            Long.MAX_VALUE
        };
        for (long v : longs) {
            writer.writeLong(v);
            writer.write(' ');
            expected.append(v).append(' ');
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            double x = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(10));
            int precision = random.nextInt(4);
            if (writer.writeFixed(x, precision)) {
                expected.append(NetFormat.format("{0:F" + precision + "}", x));
            }
            writer.write('|');
            expected.append('|');
        }
        writer.writeEncodedText("a<b>&\"c'd 1 < 2 é");
        expected.append("a&lt;b&gt;&amp;&quot;c&#39;d 1 &lt; 2 é");
        writer.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void encodesLongTextInSlicesAcrossTheBuffer() {
        StringBuilder text = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        String[][] pieces = {
            {"<", "&lt;"},
            {">", "&gt;"},
            {"&", "&amp;"},
            {"\"", "&quot;"},
            {"'", "&#39;"},
            {"a", "a"},
            {"é", "é"},
            {"😀", "😀"},
            {" ", " "}
        };
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5000; i++) {
            String[] p = pieces[random.nextInt(pieces.length)];
            text.append(p[0]);
            expected.append(p[1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlTextWriter writer = HtmlTextWriter.utf8(out);
        writer.write("x".repeat(2000)); // most of the buffer taken before the long value
        writer.writeEncodedText(text.toString());
        writer.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x".repeat(2000) + expected);
    }
}
