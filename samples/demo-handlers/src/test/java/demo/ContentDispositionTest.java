package demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "report.pdf",
                "say \"cheese\".jpg",
                "evil\r\nSet-Cookie: session=stolen.txt",
                "a; filename=\"evil.exe\"; x=.txt",
                "Überall 日本語 — naïve.pdf",
                "emoji 😀 face.png",
                "100%25 of C:\\temp\\x.txt",
                "a+b c=d,e.csv",
                "tab\there\u0000nul\u007fdel.bin",
                "日本語",
                "..",
            })
    void everyNameComesBackExactlyFromFilenameStarAndTheValueIsPrintableAscii(String name) {
        String value = ContentDisposition.attachment(name);

        assertThat(value).as("printable ASCII only: no CR, LF or other control").matches("[\\x20-\\x7E]+");
        ContentDispositionParser parsed = ContentDispositionParser.parse(value);
        assertThat(parsed.type()).isEqualTo("attachment");
        assertThat(parsed.parameters()).containsOnlyKeys("filename", "filename*");
        assertThat(parsed.extendedFileName()).isEqualTo(name);
        assertThat(parsed.parameters().get("filename"))
                .as("RFC 6266 Appendix D fallback")
                .isNotEmpty()
                .matches("[\\x20-\\x7E]+")
                .doesNotContain("\"", "\\", "%", "/");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "report.pdf|report.pdf",
                "say \"cheese\".jpg|say 'cheese'.jpg",
                "Überall naïve.pdf|Uberall naive.pdf",
                "日本語.pdf|___.pdf",
                "日本語|download",
                "😀.png|_.png",
                "100%25 C:\\x/y.txt|100_25 C:_x_y.txt",
                "`  padded  .txt  `|padded  .txt",
            })
    void theFallbackKeepsWhatAsciiCanSay(String name, String fallback) {
        assertThat(ContentDisposition.asciiFallback(name)).isEqualTo(fallback);
    }

    @Test
    void attrCharsStayAndEverythingElseIsPercentEncodedInUpperCaseHex() {
        assertThat(ContentDisposition.encodeExtValue("aZ09!#$&+-.^_`|~")).isEqualTo("aZ09!#$&+-.^_`|~");
        assertThat(ContentDisposition.encodeExtValue(" \"%'();,=/\\é€"))
                .isEqualTo("%20%22%25%27%28%29%3B%2C%3D%2F%5C%C3%A9%E2%82%AC");
        assertThat(ContentDisposition.attachment("€ rates.txt"))
                .isEqualTo("attachment; filename=\"_ rates.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt");
    }

    @Test
    void randomNamesOfAnyCodePointsRoundTrip() {
        Random random = new Random(20261121);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                int cp =
                        switch (random.nextInt(4)) {
                            case 0 -> random.nextInt(0x80);
                            case 1 -> 0x80 + random.nextInt(0x780);
                            case 2 -> 0x800 + random.nextInt(0xD000);
                            default -> 0x10000 + random.nextInt(0x10000);
                        };
                sb.appendCodePoint(cp);
            }
            String name = sb.toString();
            String value = ContentDisposition.attachment(name);
            assertThat(value).as(name).matches("[\\x20-\\x7E]+");
            assertThat(ContentDispositionParser.parse(value).extendedFileName())
                    .as(value)
                    .isEqualTo(name);
        }
    }
}
