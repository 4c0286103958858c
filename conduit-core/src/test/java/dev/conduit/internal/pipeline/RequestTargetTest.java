package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "/ | /",
                "/a/b.txt | /a/b.txt",
                "/a/ | /a/",
                "/a//b | /a/b",
                "//a | /a",
                "/a/./b | /a/b",
                "/./a | /a",
                "/a/. | /a/",
                "/a/b/.. | /a/",
                "/a/b/../c | /a/c",
                "/a/../b/ | /b/",
                "/a/.. | /",
                "/. | /",
                "/a/b/../../c | /c",
                "/a/%2e%2e/b | /b",
                "/a/.%2E/b | /b",
                "/a/%2e/b | /a/b",
                "/%41%42%43 | /ABC",
                "/a%20b | /a b",
                "/caf%C3%A9 | /café",
                "/%E2%82%AC | /€",
                "/%F0%9F%98%80 | /😀",
                "/%252e%252e/x | /%2e%2e/x",
                "/a%3Fb | /a?b",
                "/a%23b | /a#b",
                "/... | /...",
                "/.../x | /.../x",
                "/..a/b.. | /..a/b..",
                "/a..b | /a..b",
                "/.hidden | /.hidden",
                "/a;b | /a;b",
                "/..;/x | /..;/x",
            })
    void decodesOnceAndResolvesDotSegmentsInsideTheRoot(String raw, String path) {
        assertThat(RequestTarget.parse(raw).path()).isEqualTo(path);
    }

    @Test
    void keepsTheQueryRawAndSplitsAtTheFirstQuestionMark() {
        RequestTarget t = RequestTarget.parse("/a/../b%20c?x=%2F..%2f&y=?z");

        assertThat(t.path()).isEqualTo("/b c");
        assertThat(t.query()).isEqualTo("x=%2F..%2f&y=?z");
        assertThat(RequestTarget.parse("/a?").query()).isEmpty();
        assertThat(RequestTarget.parse("/a").query()).isEmpty();
        // What would change the path, found only after the "?": the path is taken as it is
        assertThat(RequestTarget.parse("/a/b?c=//./../%2e\\d").path()).isEqualTo("/a/b");
        assertThat(RequestTarget.parse("/a/b?c=//./../%2e\\d").query()).isEqualTo("c=//./../%2e\\d");
        assertThat(RequestTarget.parse("/a/./b?/../c").path()).isEqualTo("/a/b");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                // Not origin form.
                "",
                "*",
                "a/b",
                "http://host/a",
                // Climbing above the root.
                "/..",
                "/../",
                "/../a",
                "/a/../..",
                "/a/../../b",
                "/%2e%2e",
                "/%2E%2E/a",
                "/.%2e/a",
                "/%2e./a",
                "/a/%2e%2e/%2e%2e/b",
                // Encoded slashes.
                "/a%2fb",
                "/a%2Fb",
                "/..%2fa",
                // Backslashes, raw and encoded.
                "/a\\b",
                "/..\\a",
                "/a%5cb",
                "/a%5Cb",
                // Malformed escapes.
                "/a%",
                "/a%2",
                "/a%zz",
                "/a%2g",
                "/%u002e",
                "/a%%41",
                // Invalid UTF-8: overlong, truncated, surrogates, lone continuation bytes, out of range.
                "/%c0%ae",
                "/%c0%af",
                "/%c1%9c",
                "/%e0%80%ae",
                "/%f0%80%80%ae",
                "/%c3",
                "/%e2%82",
                "/%ed%a0%80",
                "/%80",
                "/%ff",
                "/%f4%90%80%80",
                // NUL and control characters, encoded.
                "/a%00",
                "/a%00.txt",
                "/a%0a",
                "/a%0d%0ab",
                "/a%09",
                "/a%7f",
                // Characters that must be percent-encoded, raw.
                "/a b",
                "/a\tb",
                "/a\u0000b",
                "/caf\u00e9",
                "/a\u007fb",
                "/a#frag",
                "/a?b#frag",
            })
    void rejectsWithA400(String raw) {
        assertThatThrownBy(() -> RequestTarget.parse(raw))
                .isInstanceOfSatisfying(
                        HttpException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void noCombinationOfDotSegmentsAndEscapesLeavesTheRoot() {
        String[] pieces = {"a", "b.txt", ".", "..", "%2e", "%2E%2e", ".%2e", "%2e.", "", "...", "%252e%252e"};
        Path root = Path.of("/srv/site");
        Random random = new Random(7);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder raw = new StringBuilder();
            int segments = 1 + random.nextInt(6);
            for (int s = 0; s < segments; s++) {
                raw.append('/').append(pieces[random.nextInt(pieces.length)]);
            }
            String path;
            try {
                path = RequestTarget.parse(raw.toString()).path();
            } catch (HttpException e) {
                assertThat(e.statusCode()).isEqualTo(400);
                rejected++;
                continue;
            }
            accepted++;
            assertThat(path).as(raw.toString()).startsWith("/").doesNotContain("//");
            for (String segment : path.substring(1).split("/")) {
                assertThat(segment).as(raw.toString()).isNotIn(".", "..");
            }
            assertThat(root.resolve(path.substring(1)).normalize())
                    .as(raw.toString())
                    .startsWithRaw(root);
        }
        assertThat(accepted).isGreaterThan(1000);
        assertThat(rejected).isGreaterThan(1000);
    }
}
