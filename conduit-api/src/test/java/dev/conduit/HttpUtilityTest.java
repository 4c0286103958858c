package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** URL decoding: as the JDK's URLDecoder for what it accepts, lenient where it throws. */
class HttpUtilityTest {
    @Test
    void decodesPlusPercentAndUtf8() {
        assertThat(HttpUtility.urlDecode("a+b%20c%2Bd")).isEqualTo("a b c+d");
        assertThat(HttpUtility.urlDecode("caf%C3%A9%20%F0%9F%98%80")).isEqualTo("café 😀");
        assertThat(HttpUtility.urlDecode("%e6%97%a5")).isEqualTo("日");
        assertThat(HttpUtility.urlDecode("déjà+vu 😀")).isEqualTo("déjà vu 😀"); // raw characters stay
        assertThat(HttpUtility.urlDecode(null)).isEmpty();
        assertThat(HttpUtility.urlDecode("plain")).isSameAs("plain");
    }

    @Test
    void aPercentWithoutTwoHexDigitsStaysAndBadUtf8BecomesTheReplacementCharacter() {
        assertThat(HttpUtility.urlDecode("100%+sure")).isEqualTo("100% sure");
        assertThat(HttpUtility.urlDecode("%zz%4")).isEqualTo("%zz%4");
        assertThat(HttpUtility.urlDecode("%")).isEqualTo("%");
        assertThat(HttpUtility.urlDecode("%٣٣+x")).isEqualTo("%٣٣ x"); // Arabic-Indic digits are not hex
        assertThat(HttpUtility.urlDecode("%C3+")).isEqualTo("\uFFFD ");
        assertThat(HttpUtility.urlDecode("a%41")).isEqualTo("aA");
    }

    @Test
    void agreesWithTheJdkOnWhateverTheJdkEncodes() {
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int kind = random.nextInt(4);
                s.appendCodePoint(
                        switch (kind) {
                            case 0 -> 0x20 + random.nextInt(0x5F);
                            case 1 -> 0xA0 + random.nextInt(0x700);
                            case 2 -> 0x4E00 + random.nextInt(0x100);
                            default -> 0x1F600 + random.nextInt(0x40);
                        });
            }
            String encoded = URLEncoder.encode(s.toString(), StandardCharsets.UTF_8);
            assertThat(HttpUtility.urlDecode(encoded))
                    .as(encoded)
                    .isEqualTo(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
                    .isEqualTo(s.toString());
        }
    }
}
