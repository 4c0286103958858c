package dev.conduit.handlers;

import static dev.conduit.handlers.StaticSite.NOW;
import static dev.conduit.handlers.StaticSite.OLD_HTTP_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Range requests (spec §3.5.6; RFC 9110 §14): 206, multipart/byteranges, 416, ignored headers, If-Range. */
class RangeRequestTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";
    private static final String BOUNDARY = "q1w2e3r4t5y6u7i8o9p0zaxscdvfbgnhmjklkl";

    @TempDir
    Path root;

    private SiteBuilder site;

    private TestHost host;
    private Path alphabet;

    @BeforeEach
    void start() {
        site = StaticSite.in(root);
        alphabet = site.file("alphabet.txt", ALPHABET).resolve("alphabet.txt");
        site.file("empty.txt", "");
        site.file("recent.txt", ALPHABET).lastModified("recent.txt", NOW.minusSeconds(1));
        host = StaticSite.start(site);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private TestResponse range(String value) {
        return host.get("/alphabet.txt").header("Range", value).send();
    }

    private static void assertFull(TestResponse r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(ALPHABET);
        assertThat(r.header("Content-Range")).isNull();
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-4 | 0-4 | abcde",
                "bytes=5- | 5-25 | fghijklmnopqrstuvwxyz",
                "bytes=-3 | 23-25 | xyz",
                "bytes=20-100 | 20-25 | uvwxyz",
                "bytes=-100 | 0-25 | abcdefghijklmnopqrstuvwxyz",
                "bytes=0-0 | 0-0 | a",
                "bytes=25-25 | 25-25 | z",
                "bytes = 2 - 3 | 2-3 | cd",
                "BYTES=1-2 | 1-2 | bc",
                // Only one item is satisfiable: a plain single-part answer.
                "bytes=0-4,1000- | 0-4 | abcde",
                // Empty list elements are allowed (RFC 9110 §5.6.1.2).
                "'bytes=,0-4,' | 0-4 | abcde",
                // Positions past any file size are valid and clamp to the file.
                "bytes=0-99999999999999999999 | 0-25 | abcdefghijklmnopqrstuvwxyz",
                "bytes=-99999999999999999999 | 0-25 | abcdefghijklmnopqrstuvwxyz",
            })
    void aSingleRangeIs206WithContentRangeAndExactlyThoseBytes(String header, String span, String bytes) {
        TestResponse r = range(header);

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes " + span + "/26");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.text()).isEqualTo(bytes);
        assertThat(r.contentLength()).isEqualTo(bytes.length());
        assertThat(r.filesSent()).containsExactly(alphabet);
    }

    @Test
    void a206CarriesTheValidatorsAndCachingHeaders() {
        TestResponse full = host.get("/alphabet.txt").send();
        TestResponse r = range("bytes=0-4");

        assertThat(r.header("ETag")).isEqualTo(full.header("ETag"));
        assertThat(r.header("Last-Modified")).isEqualTo(OLD_HTTP_DATE);
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void severalRangesAreAMultipartByterangesBodyWithOnePartEach() {
        TestResponse r = range("bytes=0-2, 5-7,-2");

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Type")).isEqualTo("multipart/byteranges; boundary=" + BOUNDARY);
        assertThat(r.header("Content-Range")).isNull();
        assertThat(r.contentLength()).isEqualTo(r.body().length);
        assertThat(r.filesSent()).containsOnly(alphabet);
        List<Part> parts = parseMultipart(r.text(), BOUNDARY);
        assertThat(parts)
                .containsExactly(
                        new Part(Map.of("Content-Type", "text/plain", "Content-Range", "bytes 0-2/26"), "abc"),
                        new Part(Map.of("Content-Type", "text/plain", "Content-Range", "bytes 5-7/26"), "fgh"),
                        new Part(Map.of("Content-Type", "text/plain", "Content-Range", "bytes 24-25/26"), "yz"));
    }

    @Test
    void overlappingRangesWithinFiveTimesTheFileAreServedAsAsked() {
        TestResponse r = range("bytes=0-,0-,0-,0-,0-");

        assertThat(r.status()).isEqualTo(206);
        assertThat(parseMultipart(r.text(), BOUNDARY)).hasSize(5).allSatisfy(p -> assertThat(p.body())
                .isEqualTo(ALPHABET));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"bytes=0-,0-,0-,0-,0-,0-", "bytes=0-25,1-25,2-25,3-25,4-25,5-25", "bytes=-26,-26,-26,-26,-26,-1"
            })
    void requestingMoreThanFiveTimesTheFileIs400(String header) {
        TestResponse r = range(header);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("<html><body>Bad Request</body></html>");
        assertThat(r.header("Content-Range")).isNull();
        assertThat(r.filesSent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=26-", "bytes=26-30", "bytes=-0", "bytes=30-40,50-"})
    void onlyUnsatisfiableRangesAre416WithTheLength(String header) {
        TestResponse r = range(header);

        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */26");
        assertThat(r.text()).doesNotContain(ALPHABET);
        assertThat(r.filesSent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1", "bytes=-5", "bytes=0-"})
    void anyRangeOfAnEmptyFileIs416WithLengthZero(String header) {
        TestResponse r = host.get("/empty.txt").header("Range", header).send();

        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */0");
    }

    @ParameterizedTest(name = "Range: {0}")
    @ValueSource(
            strings = {
                "bytes=abc",
                "bytes=5-2",
                "items=0-1",
                "bytes=",
                "bytes=-",
                "bytes=1-2-3",
                "bytes 0-1",
                "bytes=0x1-2",
                "bytes=+1-2",
                "bytes=1-+2",
                "bytes=0-1;2-3",
                "bytes=,",
                "",
                "bytesx=0-1",
            })
    void aMalformedRangeHeaderIsIgnored(String header) {
        assertFull(range(header));
    }

    @Test
    void aRangeWithTooManyItemsIsIgnored() {
        StringBuilder h = new StringBuilder("bytes=0-0");
        for (int i = 0; i < 2000; i++) {
            h.append(",0-0");
        }

        assertFull(range(h.toString()));
    }

    @Test
    void ifRangeWithTheCurrentStrongEtagServesTheRange() {
        String etag = host.get("/alphabet.txt").send().header("ETag");

        TestResponse r = host.get("/alphabet.txt")
                .header("Range", "bytes=0-4")
                .header("If-Range", etag)
                .send();

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.text()).isEqualTo("abcde");
    }

    @Test
    void ifRangeWithTheLastModifiedDateServesTheRange() {
        TestResponse r = host.get("/alphabet.txt")
                .header("Range", "bytes=0-4")
                .header("If-Range", OLD_HTTP_DATE)
                .send();

        assertThat(r.status()).isEqualTo(206);
    }

    @ParameterizedTest(name = "If-Range: {0}")
    @ValueSource(
            strings = {"\"an-old-etag\"", "Thu, 01 May 2025 10:20:29 GMT", "Mon, 01 Jan 2024 00:00:00 GMT", "garbage"})
    void ifRangeThatNoLongerMatchesGivesTheWholeFile(String ifRange) {
        assertFull(host.get("/alphabet.txt")
                .header("Range", "bytes=0-4")
                .header("If-Range", ifRange)
                .send());
    }

    @Test
    void ifRangeWithAWeakEtagGivesTheWholeFile() {
        String etag = host.get("/alphabet.txt").send().header("ETag");

        assertFull(host.get("/alphabet.txt")
                .header("Range", "bytes=0-4")
                .header("If-Range", "W/" + etag)
                .send());
    }

    @Test
    void ifRangeWithTheTagOfAFileStillBeingWrittenGivesTheWholeFile() {
        String weak = host.get("/recent.txt").send().header("ETag");
        assertThat(weak).startsWith("W/");

        for (String tag : List.of(weak, weak.substring(2))) {
            TestResponse r = host.get("/recent.txt")
                    .header("Range", "bytes=0-4")
                    .header("If-Range", tag)
                    .send();
            assertThat(r.status()).as("If-Range: %s", tag).isEqualTo(200);
            assertThat(r.text()).isEqualTo(ALPHABET);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-4", "bytes=0-2,5-7", "bytes=1000-", "bytes=0-,0-,0-,0-,0-,0-"})
    void headWithARangeAnswersWithTheHeadersOfGetAndNoBody(String header) {
        TestResponse get = range(header);
        TestResponse head = host.head("/alphabet.txt").header("Range", header).send();

        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.headers()).isEqualTo(get.headers());
        assertThat(head.contentLength()).isEqualTo(get.contentLength()).isEqualTo(get.body().length);
        assertThat(head.body()).isEmpty();
        assertThat(head.aborted()).isFalse();
    }

    /** One part of a multipart body: its headers and its content. */
    record Part(Map<String, String> headers, String body) {}

    /**
     * Parses a multipart body strictly (RFC 2046 §5.1.1, as RFC 9110 §14.6 uses it): each part is introduced by
     * {@code CRLF--boundary CRLF} (the first CRLF optional at the start), headers end with an empty line, and the body
     * ends with {@code --boundary--}.
     */
    static List<Part> parseMultipart(String body, String boundary) {
        String delimiter = "--" + boundary;
        assertThat(body).startsWith(delimiter + "\r\n");
        int close = body.lastIndexOf("\r\n" + delimiter + "--");
        assertThat(close).as("closing delimiter").isPositive();
        assertThat(body.substring(close + delimiter.length() + 4)).matches("(\r\n)*");
        String inner = body.substring(delimiter.length() + 2, close);
        List<Part> parts = new ArrayList<>();
        for (String raw : inner.split("\r\n" + java.util.regex.Pattern.quote(delimiter) + "\r\n", -1)) {
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("end of part headers in %s", raw).isNotNegative();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : raw.substring(0, end).split("\r\n")) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
            parts.add(new Part(headers, raw.substring(end + 4)));
        }
        return parts;
    }
}
