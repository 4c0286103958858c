package dev.conduit.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code path} attribute of {@code <httpHandlers><add>} against a request's file path, as System.Web's {@code
 * WildcardUrl.IsSuffix} (spec §2.3 and appendix A): a suffix match that starts at the beginning or right after a
 * {@code /}, ignoring case, with {@code *} and {@code ?} never crossing {@code /}.
 */
class PathPatternTest {

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # pattern           | file path                              | matches
            # extensions: any folder, any depth, any case
            *.aspx              | /app/a/b/c.aspx                        | true
            *.aspx              | /c.ASPX                                | true
            *.ASPX              | /c.aspx                                | true
            *.aspx              | /c.aspx.bak                            | false
            *.aspx              | /c.aspx/                               | false
            *.txt               | /.txt                                  | true
            # a bare file name matches that file in every folder (spec §2.3, §11 item 12)
            trace.axd           | /trace.axd                             | true
            trace.axd           | /app/sub/trace.axd                     | true
            Trace.AXD           | /Sub/TRACE.axd                         | true
            trace.axd           | /app/xtrace.axd                        | false
            trace.axd           | /trace.axd.txt                         | false
            # a pattern with a folder floats over whole leading segments only
            foo/bar.axd         | /foo/bar.axd                           | true
            foo/bar.axd         | /x/foo/bar.axd                         | true
            foo/bar.axd         | /zfoo/bar.axd                          | false
            foo/bar.axd         | /bar.axd                               | false
            foo/bar.axd         | /foo/x/bar.axd                         | false
            # a leading / makes the pattern absolute
            /app/only.axd       | /app/only.axd                          | true
            /app/only.axd       | /APP/Only.axd                          | true
            /app/only.axd       | /app/sub/only.axd                      | false
            /app/only.axd       | /x/app/only.axd                        | false
            /only.axd           | /only.axd                              | true
            /only.axd           | /sub/only.axd                          | false
            # * matches within one segment, including an empty last one
            *                   | /dir/file.txt                          | true
            *                   | /dir/                                  | true
            *                   | /                                      | true
            api/*               | /api/x                                 | true
            api/*               | /app/api/x                             | true
            api/*               | /api/                                  | true
            api/*               | /api/x/y                               | false
            api/*               | /myapi/x                               | false
            */b.txt             | /a/b.txt                               | true
            */b.txt             | /b.txt                                 | true
            *x*                 | /abxcd                                 | true
            *x*                 | /x/abcd                                | false
            # ? is exactly one character, never /
            a?c.txt             | /abc.txt                               | true
            a?c.txt             | /ac.txt                                | false
            a?c.txt             | /abbc.txt                              | false
            a?c                 | /a/c                                   | false
            # the stock 4.0 patterns
            *_AppService.axd    | /Authentication_JSON_AppService.axd    | true
            *_AppService.axd    | /app/Role_JSON_AppService.axd          | true
            *_AppService.axd    | /AppService.axd                        | false
            *.dll.config        | /bin/x.dll.config                      | true
            *.dll.config        | /x.config                              | false
            # comma alternatives, each anchored the same way
            '*.foo,*.bar'       | /a.bar                                 | true
            '*.foo,*.bar'       | /sub/a.foo                             | true
            '*.foo,*.bar'       | /a.baz                                 | false
            'foo/bar.axd,*.x'   | /zfoo/bar.axd                          | false
            'foo/bar.axd,*.x'   | /zfoo/bar.x                            | true
            # other regex metacharacters are literal
            a+b.txt             | /a+b.txt                               | true
            a+b.txt             | /aab.txt                               | false
            (x).txt             | /(x).txt                               | true
            [ab].txt            | /a.txt                                 | false
            $.txt               | /$.txt                                 | true
            a.txt               | /abtxt                                 | false
            # case-insensitive beyond ASCII (culture-invariant)
            Äpfel.txt           | /äPFEL.TXT                             | true
            """)
    void matchesAsSystemWebWildcardUrl(String pattern, String filePath, boolean expected) {
        assertThat(PathPattern.compile(pattern).matches(filePath)).isEqualTo(expected);
    }
}
