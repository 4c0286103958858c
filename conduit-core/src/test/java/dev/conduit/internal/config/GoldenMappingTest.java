package dev.conduit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.Source;
import dev.conduit.internal.mapping.HandlerMapping;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden folders: each {@code src/test/resources/config/<case>/} is a site (its web.config files) with an {@code
 * expected-mapping.txt} listing requests and the entry that must serve them:
 *
 * <pre>
 * GET  /sub/a.x  -&gt; com.example.SubX  sub/web.config:4
 * GET  /a.txt    -&gt; System.Web.StaticFileHandler  built-in
 * PUT  /c/a.txt  -&gt; none
 * </pre>
 *
 * The last column is the file and line of the winning {@code <add>}, relative to the case folder ({@code built-in}
 * for the root list). Blank lines and lines starting with {@code #} are comments. To add a case, add a folder.
 */
class GoldenMappingTest {
    private static final String EXPECTED = "expected-mapping.txt";

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(GoldenMappingTest.class.getResource("/config"))
                .toURI());
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(p -> Files.isRegularFile(p.resolve(EXPECTED)))
                    .sorted()
                    .toList();
        }
        assertThat(folders).as("golden folders under %s", root).isNotEmpty();
        return folders.stream().flatMap(GoldenMappingTest::linesOf);
    }

    private static Stream<Arguments> linesOf(Path folder) {
        try {
            return Files.readAllLines(folder.resolve(EXPECTED)).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> Arguments.of(folder.getFileName().toString(), l, folder));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void mapsAsTheGoldenFolderSays(String caseName, String expectedLine, Path site) {
        String[] parts = expectedLine.split("\\s+");
        assertThat(parts.length)
                .as("'verb path -> type where' or 'verb path -> none'")
                .isIn(4, 5);
        String verb = parts[0];
        String path = parts[1];
        SiteConfiguration config = SiteConfiguration.load(site);

        HandlerMapping m = config.forPath(path).handlers().find(verb, path);

        String actual = verb + " " + path + " -> " + (m == null ? "none" : m.type() + " " + where(site, m.source()));
        assertThat(actual).isEqualTo(String.join(" ", parts));
    }

    private static String where(Path site, Source source) {
        Path file = source.file();
        if (file == null) {
            return "built-in";
        }
        return site.relativize(file).toString().replace('\\', '/') + ":" + source.line();
    }
}
