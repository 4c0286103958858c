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
}
