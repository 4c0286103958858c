package demo.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import demo.images.ResizeRequest.Format;
import demo.images.ResizeRequest.Mode;
import dev.conduit.HttpException;
import dev.conduit.NameValueCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResizeRequestTest {
    private static NameValueCollection query(String... pairs) {
        NameValueCollection.Builder b = NameValueCollection.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.add(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    private static ResizeRequest parse(NameValueCollection query, Format defaultFormat) {
        return ResizeRequest.parse(query, defaultFormat, 4096, f -> f != Format.WEBP);
    }

    @Test
    void onlyTheImageParametersAskForAVariant() {
        assertThat(ResizeRequest.isPresent(query())).isFalse();
        assertThat(ResizeRequest.isPresent(query("v", "3", "utm_source", "x"))).isFalse();
        assertThat(ResizeRequest.isPresent(query("v", "3", "quality", "50"))).isTrue();
    }

    @Test
    void defaultsAreFilledIn() {
        assertThat(parse(query("w", "100"), Format.JPG))
                .isEqualTo(new ResizeRequest(100, 0, Mode.MAX, Format.JPG, ResizeRequest.DEFAULT_QUALITY));
        assertThat(Format.defaultFor("Photo.JPEG")).isEqualTo(Format.JPG);
        assertThat(Format.defaultFor("a.webp")).isEqualTo(Format.PNG);
    }

    @Test
    void requestsForTheSameOutputHaveOneCanonicalForm() {
        String plain = parse(query("w", "100", "h", "50"), Format.JPG).canonical();
        assertThat(parse(query("h", "50", "w", " 100", "mode", "MAX", "quality", "85"), Format.JPG)
                        .canonical())
                .isEqualTo(plain);
        assertThat(parse(query("w", "100", "h", "50", "format", "jpeg"), Format.PNG)
                        .canonical())
                .isEqualTo(plain);
        // Quality means nothing to PNG, so it does not split the cache.
        assertThat(parse(query("w", "100", "quality", "10"), Format.PNG).canonical())
                .isEqualTo(parse(query("w", "100"), Format.PNG).canonical());
        assertThat(parse(query("w", "100", "quality", "10"), Format.JPG).canonical())
                .isNotEqualTo(parse(query("w", "100"), Format.JPG).canonical());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "w       | 0      | w must be a whole number from 1 to 4096: '0'",
                "h       | 4097   | h must be a whole number from 1 to 4096: '4097'",
                "w       | 9999999999 | w must be a whole number from 1 to 4096: '9999999999'",
                "quality | -1     | quality must be a whole number from 1 to 100: '-1'",
                "mode    | fit    | mode must be one of max, crop, pad, stretch: 'fit'",
                "format  | tiff   | format must be one of jpg, png, webp: 'tiff'",
                "format  | WebP   | format=webp is not available on this server",
            })
    void badValuesAreRefusedWith400NamingTheRule(String name, String value, String message) {
        assertThatThrownBy(() -> parse(query(name, value), Format.JPG))
                .isInstanceOfSatisfying(
                        HttpException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining(message);
    }
}
