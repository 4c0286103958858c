package dev.conduit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.PipelineMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real web.config files from public ASP.NET projects ({@code src/test/resources/webconfig-corpus}, sources and
 * licences in its SOURCES.md) load the way {@code conduit check} loads them, with no error but "type X has no Java
 * counterpart here" for the .NET types they name. A file that comes from a sub-folder ({@code Views/web.config}, say)
 * is placed there, under an empty root web.config. The files a {@code configSource} names are not in the corpus:
 * each is written as an empty section, as the original would hold one.
 *
 * <p>One file has another error, on purpose: {@code 07-ajaxcontroltoolkit.config}'s {@code <machineKey>} holds the
 * placeholder {@code XXXXXXXXXX} for both keys, which .NET's legacy parser reads as zero bytes and Conduit refuses as
 * a malformed key (a key is the one thing in {@code <machineKey>} that is an error when wrong).
 */
class WebConfigCorpusTest {
    private static final Pattern CONFIG_SOURCE = Pattern.compile("<([A-Za-z.]+)[^<>]*\\bconfigSource=\"([^\"]+)\"");
    private static final String NO_COUNTERPART = "has no Java counterpart here";

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(WebConfigCorpusTest.class.getResource("/webconfig-corpus"))
                .toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all =
                    files.filter(p -> p.toString().endsWith(".config")).sorted().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(30);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void loadsWithOnlyNoJavaCounterpartErrors(Path corpusFile, @TempDir Path site) throws IOException {
        prepare(corpusFile, site);

        List<String> problems = new ArrayList<>();
        try (SiteInspector loaded = SiteInspector.load(site)) {
            assertThat(loaded.configFiles()).isNotEmpty();
        } catch (SiteInspector.LoadException e) {
            assertThat(e.stage()).isEqualTo(SiteInspector.Stage.CONFIGURATION);
            for (Problem p : e.problems()) {
                problems.add(p.line() + ": " + p.message());
            }
        }

        if (corpusFile.getFileName().toString().equals("07-ajaxcontroltoolkit.config")) {
            assertThat(problems)
                    .filteredOn(p -> !p.contains(NO_COUNTERPART))
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p).startsWith("27: ").containsPattern("(validation|decryption)Key"));
            return;
        }
        assertThat(problems).allSatisfy(p -> assertThat(p).contains(NO_COUNTERPART));
    }

    /**
     * The same files in integrated mode ({@code --pipeline-mode Integrated}): besides the .NET types, the only errors
     * are IIS's own for that mode: {@code <httpModules>} or {@code <httpHandlers>} entries without {@code <validation
     * validateIntegratedModeConfiguration="false"/>} (500.22, 500.23), and a handler or module name added again over
     * IIS's stock one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void loadsInIntegratedModeWithOnlyHonestErrors(Path corpusFile, @TempDir Path site) throws IOException {
        prepare(corpusFile, site);
        List<String> problems = new ArrayList<>();
        try (SiteInspector loaded = SiteInspector.load(site, PipelineMode.INTEGRATED)) {
            assertThat(loaded.pipelineMode()).isEqualTo(PipelineMode.INTEGRATED);
        } catch (SiteInspector.LoadException e) {
            for (Problem p : e.problems()) {
                problems.add(p.line() + ": " + p.message());
            }
        }
        String name = corpusFile.getFileName().toString();
        if (name.equals("07-ajaxcontroltoolkit.config")) {
            problems.removeIf(p -> p.startsWith("27: ") && p.matches(".*(validation|decryption)Key.*"));
        }
        if (name.equals("14-n2cms.config")) {
            // Three <location> blocks map handlers in <httpHandlers> only, without the validation switch.
            assertThat(problems)
                    .filteredOn(p -> p.contains("500.23"))
                    .extracting(p -> p.substring(0, p.indexOf(':')))
                    .containsExactly("31", "43", "90");
            problems.removeIf(p -> p.contains("500.23"));
        }
        assertThat(problems).allSatisfy(p -> assertThat(p).contains(NO_COUNTERPART));
    }

    /** Writes the corpus file into the site where it belongs, and an empty section for each configSource it names. */
    private static void prepare(Path corpusFile, Path site) throws IOException {
        Path config = placed(corpusFile, site);
        String text = Files.readString(corpusFile, StandardCharsets.UTF_8);
        Files.writeString(config, text, StandardCharsets.UTF_8);
        Matcher m = CONFIG_SOURCE.matcher(text);
        while (m.find()) {
            Path external = config.getParent().resolve(m.group(2).replace('\\', '/'));
            Files.createDirectories(external.getParent());
            Files.writeString(external, "<" + m.group(1) + "/>\n", StandardCharsets.UTF_8);
        }
    }

    /** Where the file goes: {@code Views/} or {@code N2/} for the sub-folder files, else the site root. */
    private static Path placed(Path corpusFile, Path site) throws IOException {
        String name = corpusFile.getFileName().toString();
        String folder = name.endsWith("-views.config") ? "Views" : name.endsWith("-n2cms.config") ? "N2" : "";
        if (folder.isEmpty()) {
            return site.resolve("web.config");
        }
        Files.writeString(site.resolve("web.config"), "<configuration/>\n");
        Files.createDirectories(site.resolve(folder));
        return site.resolve(folder).resolve("web.config");
    }
}
