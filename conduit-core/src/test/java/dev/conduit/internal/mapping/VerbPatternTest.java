package dev.conduit.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code verb} attribute against a request type (spec §2.2): spaces stripped, comma alternatives, each a
 * wildcard over the whole verb, compared case-sensitively.
 */
class VerbPatternTest {

    @ParameterizedTest(name = "[{index}] verb=\"{0}\" on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            textBlock =
                    """
            *|GET|true
            *|PROPFIND|true
            GET|GET|true
            GET|HEAD|false
            GET|GETX|false
            GET|GE|false
            get|GET|false
            GET|get|false
            GET,POST|POST|true
            GET,POST|PUT|false
            GET, POST|POST|true
             GET , POST |GET|true
            G E T|GET|true
            GET,*|DELETE|true
            G*|GET|true
            G*|get|false
            *T|POST|true
            *T|HEAD|false
            ?ET|SET|true
            ?ET|ET|false
            P*,DELETE|PATCH|true
            P*,DELETE|DELETE|true
            P*,DELETE|GET|false
            """)
    void matchesCaseSensitiveVerbLists(String pattern, String verb, boolean expected) {
        assertThat(VerbPattern.compile(pattern).matches(verb)).isEqualTo(expected);
    }
}
