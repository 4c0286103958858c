package dev.conduit.internal.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.internal.handlers.ByteRanges.Parsed;
import dev.conduit.internal.handlers.ByteRanges.Range;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {
    private static final long LENGTH = 100;

    /** "first-last first-last ..." for the satisfiable ranges, or "none". */
    private static String spans(Parsed parsed) {
        List<String> out = new ArrayList<>();
        for (Range r : parsed.ranges()) {
            out.add(r.first() + "-" + r.last());
        }
        return out.isEmpty() ? "none" : String.join(" ", out);
    }

    @ParameterizedTest(name = "{0} -> {1} ({2} bytes)")
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-9 | 0-9 | 10",
                "bytes=90- | 90-99 | 10",
                "bytes=-10 | 90-99 | 10",
                "bytes=-100 | 0-99 | 100",
                "bytes=-1000 | 0-99 | 100",
                "bytes=50-1000 | 50-99 | 50",
                "bytes=99-99 | 99-99 | 1",
                "bytes=0-0 | 0-0 | 1",
                "bytes=0- | 0-99 | 100",
                "BYTES=1-2 | 1-2 | 2",
                "Bytes=1-2 | 1-2 | 2",
                "bytes = 1 - 2 , 4 - | 1-2 4-99 | 98",
                "'  bytes=1-2  ' | 1-2 | 2",
                "bytes=0-9,20-29,-5 | 0-9 20-29 95-99 | 25",
                "bytes=20-29,0-9 | 20-29 0-9 | 20",
                "bytes=0-9,0-9 | 0-9 0-9 | 20",
                "bytes=0-,0-,0-,0-,0-,0- | 0-99 0-99 0-99 0-99 0-99 0-99 | 600",
                // Unsatisfiable items are dropped; the others stay.
                "bytes=100- | none | 0",
                "bytes=1000-2000 | none | 0",
                "bytes=-0 | none | 0",
                "bytes=100-,0-0 | 0-0 | 1",
                // Empty list elements are ignored (RFC 9110 §5.6.1.2).
                "'bytes=,0-9' | 0-9 | 10",
                "'bytes=0-9,,20-29,' | 0-9 20-29 | 20",
                // Positions beyond a long are still valid syntax: they saturate.
                "bytes=0-99999999999999999999999 | 0-99 | 100",
                "bytes=99999999999999999999999- | none | 0",
                "bytes=-99999999999999999999999 | 0-99 | 100",
                "bytes=9223372036854775807-9223372036854775807 | none | 0",
            })
    void parsesSatisfiableRangesAndTheBytesTheyAskFor(String header, String spans, long requested) {
        Parsed parsed = ByteRanges.parse(header, LENGTH);

        assertThat(parsed).isNotNull();
        assertThat(spans(parsed)).isEqualTo(spans);
        assertThat(parsed.requested()).isEqualTo(requested);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "bytes",
                "bytes=",
                "bytes=,",
                "bytes= , ",
                "bytes 0-1",
                "bytes:0-1",
                "bytesx=0-1",
                "items=0-1",
                "bytes=abc",
                "bytes=5-2",
                "bytes=-",
                "bytes=1",
                "bytes=1-2-3",
                "bytes=--1",
                "bytes=+1-2",
                "bytes=1-+2",
                "bytes=-+2",
                "bytes=0x1-2",
                "bytes=1.5-2",
                "bytes=1 2-3",
                "bytes=0-1;2-3",
                "bytes=0-1,abc",
                "bytes=0-1,5-2",
                "bytes=\u0661-\u0662",
                "bytes=１-２",
            })
    void anySyntaxErrorMakesTheWholeHeaderIgnored(String header) {
        assertThat(ByteRanges.parse(header, LENGTH)).isNull();
    }

    @Test
    void moreItemsThanTheLimitAreIgnoredLikeASyntaxError() {
        String items = "0-0,".repeat(ByteRanges.MAX_ITEMS);

        assertThat(ByteRanges.parse("bytes=" + items + "0-0", LENGTH)).isNull();
        assertThat(ByteRanges.parse("bytes=" + items.substring(0, items.length() - 1), LENGTH))
                .isNotNull();
    }

    @Test
    void everyRangeOfAnEmptyFileIsUnsatisfiable() {
        Parsed parsed = ByteRanges.parse("bytes=0-0,-5,0-", 0);

        assertThat(parsed).isNotNull();
        assertThat(parsed.ranges()).isEmpty();
    }

    @Test
    void rangeLengthCountsBothEnds() {
        assertThat(new Range(5, 5).length()).isEqualTo(1);
        assertThat(new Range(0, 99).length()).isEqualTo(100);
    }
}
