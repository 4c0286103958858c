package dev.conduit.handlers;

import static dev.conduit.handlers.StaticSite.NOW;
import static dev.conduit.handlers.StaticSite.OLD_HTTP_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conditional requests, answered by the handler itself (DESIGN §10: no output cache needed), in RFC 9110 §13.2.2
 * order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since.
 */
class ConditionalGetTest {
    private static final String BODY = "the body of hello.txt";

    @TempDir
    Path root;

    private SiteBuilder site;

    private TestHost host;
    /** The current strong ETag of /hello.txt, as a plain GET reports it. */
    private String etag;

    @BeforeEach
    void start() {
        site = StaticSite.in(root);
        site.file("hello.txt", BODY);
        site.file("recent.txt", "fresh").lastModified("recent.txt", NOW.minusSeconds(1));
        host = StaticSite.start(site);
        TestResponse plain = host.get("/hello.txt").send();
        assertThat(plain.status()).isEqualTo(200);
        etag = plain.header("ETag");
        assertThat(etag).startsWith("\"");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private TestResponse get(String header, String value) {
        return host.get("/hello.txt").header(header, value).send();
    }

    private static void assertNotModified(TestResponse r) {
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.filesSent()).isEmpty();
        assertThat(r.aborted()).isFalse();
    }

    private static void assertFull(TestResponse r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(BODY);
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagIs304WithValidatorsAndNoBody() {
        TestResponse r = get("If-None-Match", etag);

        assertNotModified(r);
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(r.header("Last-Modified")).isEqualTo(OLD_HTTP_DATE);
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void ifNoneMatchComparesWeaklySoAWeakFormOfTheTagMatches() {
        assertNotModified(get("If-None-Match", "W/" + etag));
    }

    @Test
    void ifNoneMatchStarMatchesAnExistingFile() {
        assertNotModified(get("If-None-Match", "*"));
    }

    @Test
    void ifNoneMatchListContainingTheTagIs304() {
        assertNotModified(get("If-None-Match", "\"other\", W/\"older\" , " + etag + ",\"last\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "W/\"other\"", "\"other\", \"another\"", "\"\""})
    void ifNoneMatchWithoutTheTagIsAFull200(String value) {
        assertFull(get("If-None-Match", value));
    }

    @Test
    void ifNoneMatchWithoutQuotesDoesNotMatch() {
        assertFull(get("If-None-Match", etag.substring(1, etag.length() - 1)));
    }

    @Test
    void aRecentFileIsNotModifiedForItsOwnWeakTag() {
        String weak = host.get("/recent.txt").send().header("ETag");
        assertThat(weak).startsWith("W/");

        assertNotModified(host.get("/recent.txt").header("If-None-Match", weak).send());
        assertNotModified(host.get("/recent.txt")
                .header("If-None-Match", weak.substring(2))
                .send());
    }

    @ParameterizedTest(name = "If-Modified-Since: {0}")
    @ValueSource(
            strings = {
                OLD_HTTP_DATE,
                "Thu, 01 May 2025 10:20:31 GMT",
                "Sat, 31 May 2025 00:00:00 GMT",
                "Sun, 01 Jun 2025 12:00:00 GMT",
                "Thursday, 01-May-25 10:20:30 GMT",
                "Thu May  1 10:20:30 2025",
            })
    void ifModifiedSinceNotBeforeTheFileAndNotInTheFutureIs304(String date) {
        assertNotModified(get("If-Modified-Since", date));
    }

    @ParameterizedTest(name = "If-Modified-Since: {0}")
    @ValueSource(
            strings = {
                "Thu, 01 May 2025 10:20:29 GMT",
                "Mon, 01 Jan 2024 00:00:00 GMT",
                // After the request's own time: a client clock cannot be trusted past now.
                "Sun, 01 Jun 2025 12:00:01 GMT",
                "Fri, 01 Jan 2100 00:00:00 GMT",
                "garbage",
                "",
                "2025-05-01T10:20:30Z",
            })
    void ifModifiedSinceBeforeTheFileInTheFutureOrUnreadableIsAFull200(String date) {
        assertFull(get("If-Modified-Since", date));
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsReadAsThePastCentury() {
        site.file("old.txt", "1990").lastModified("old.txt", Instant.parse("1990-01-01T00:00:00Z"));

        TestResponse sinceNinetyFour = host.get("/old.txt")
                .header("If-Modified-Since", "Sunday, 06-Nov-94 08:49:37 GMT")
                .send();
        TestResponse unmodifiedSinceEightyNine = host.get("/old.txt")
                .header("If-Unmodified-Since", "Sunday, 01-Jan-89 00:00:00 GMT")
                .send();

        assertThat(sinceNinetyFour.status()).isEqualTo(304);
        assertThat(unmodifiedSinceEightyNine.status()).isEqualTo(412);
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        TestResponse changedTagSameDate = host.get("/hello.txt")
                .header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", OLD_HTTP_DATE)
                .send();
        TestResponse sameTagOlderDate = host.get("/hello.txt")
                .header("If-None-Match", etag)
                .header("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")
                .send();

        assertFull(changedTagSameDate);
        assertNotModified(sameTagOlderDate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "W/\"other\"", "\"a\", \"b\""})
    void ifMatchWithoutTheCurrentTagIs412(String value) {
        TestResponse r = get("If-Match", value);

        assertThat(r.status()).isEqualTo(412);
        assertThat(r.filesSent()).isEmpty();
        assertThat(r.body()).doesNotContain(BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ifMatchComparesStronglySoAWeakFormOfTheTagIs412() {
        assertThat(get("If-Match", "W/" + etag).status()).isEqualTo(412);
    }

    @Test
    void ifMatchWithTheTagOrStarIsAFull200() {
        assertFull(get("If-Match", etag));
        assertFull(get("If-Match", "\"other\", " + etag));
        assertFull(get("If-Match", "*"));
    }

    @Test
    void ifMatchNeverMatchesTheWeakTagOfARecentFile() {
        String weak = host.get("/recent.txt").send().header("ETag");

        assertThat(host.get("/recent.txt").header("If-Match", weak).send().status())
                .isEqualTo(412);
    }

    @ParameterizedTest(name = "If-Unmodified-Since: {0} gives {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Thu, 01 May 2025 10:20:29 GMT | 412",
                "Mon, 01 Jan 2024 00:00:00 GMT | 412",
                "Thu, 01 May 2025 10:20:30 GMT | 200",
                "Sat, 31 May 2025 00:00:00 GMT | 200",
                "garbage | 200",
            })
    void ifUnmodifiedSinceOlderThanTheFileIs412(String date, int status) {
        assertThat(get("If-Unmodified-Since", date).status()).isEqualTo(status);
    }

    @Test
    void ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
        TestResponse r = host.get("/hello.txt")
                .header("If-Match", etag)
                .header("If-Unmodified-Since", "Mon, 01 Jan 2024 00:00:00 GMT")
                .send();

        assertFull(r);
    }

    @Test
    void preconditionFailureWinsOverNotModified() {
        TestResponse r = host.get("/hello.txt")
                .header("If-Match", "\"other\"")
                .header("If-None-Match", etag)
                .send();

        assertThat(r.status()).isEqualTo(412);
    }

    @Test
    void headIsNotModifiedJustAsGet() {
        TestResponse r = host.head("/hello.txt").header("If-None-Match", etag).send();

        assertNotModified(r);
        assertThat(r.header("ETag")).isEqualTo(etag);
    }
}
