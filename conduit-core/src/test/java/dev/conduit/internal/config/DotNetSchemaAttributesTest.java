package dev.conduit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every attribute of .NET 4.x's schema for each section Conduit implements ({@code schema/dotnet-attributes.tsv}) is
 * accepted: it acts, or it loads with a warning that it has no effect. Only a value Conduit cannot use may be an
 * error, never "unknown attribute"; a misspelled attribute still is one.
 */
class DotNetSchemaAttributesTest {
    @TempDir
    Path site;

    static Stream<Arguments> attributes() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                DotNetSchemaAttributesTest.class.getResourceAsStream("/schema/dotnet-attributes.tsv"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length < 3 || cols[2].isBlank()) {
                    continue;
                }
                for (String attribute : cols[2].split(",")) {
                    out.add(Arguments.of(cols[0], cols[1], attribute.strip()));
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(100);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} @{2}")
    @MethodSource("attributes")
    void isAcceptedAndNeverAnUnknownAttribute(String section, String element, String attribute) throws IOException {
        write(section, element, attribute + "=\"1\"");

        assertThat(problems()).noneSatisfy(p -> assertThat(p.message()).contains("unknown attribute"));
    }

    @Test
    void anAttributeWithoutEffectIsAWarningNamingIt() throws IOException {
        write("system.web/httpRuntime", "", "useFullyQualifiedRedirectUrl=\"true\"");

        assertThat(SiteConfiguration.load(site).warnings()).anySatisfy(w -> assertThat(w)
                .contains("web.config:3: warning: the attribute 'useFullyQualifiedRedirectUrl' of"
                        + " <system.web><httpRuntime> has no effect in Conduit"));
    }

    @Test
    void aMisspelledAttributeIsStillAnError() throws IOException {
        write("system.web/httpRuntime", "", "useFullyQualifedRedirectUrl=\"true\"");

        assertThat(problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("unknown attribute 'useFullyQualifedRedirectUrl' on <httpRuntime>"));
    }

    private List<Problem> problems() {
        try {
            SiteConfiguration.load(site);
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }

    /** A web.config with {@code attributeText} on the element at {@code element} inside {@code section}. */
    private void write(String section, String element, String attributeText) throws IOException {
        List<String> path = new ArrayList<>(List.of(section.split("/")));
        int sectionDepth = path.size();
        if (!element.isEmpty()) {
            path.addAll(List.of(element.split("/")));
        }
        StringBuilder open = new StringBuilder("<configuration>\n");
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            boolean last = i == path.size() - 1;
            String indent = "  ".repeat(i + 1);
            if (last) {
                open.append(indent)
                        .append('<')
                        .append(path.get(i))
                        .append(' ')
                        .append(attributeText)
                        .append("/>\n");
            } else {
                open.append(indent).append('<').append(path.get(i)).append(">\n");
                close.insert(0, indent + "</" + path.get(i) + ">\n");
            }
        }
        assertThat(sectionDepth).isPositive();
        Files.writeString(site.resolve("web.config"), open + close.toString() + "</configuration>\n");
    }
}
