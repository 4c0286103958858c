package dev.conduit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading one web.config: the {@code <httpHandlers>} schema, error reporting with lines, and XML safety. */
class WebConfigParserTest {
    @TempDir
    Path dir;

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("web.config"), xml);
    }

    private static String handlers(String lines) {
        return """
                <configuration>
                  <system.web>
                    <httpHandlers>
                %s
                    </httpHandlers>
                  </system.web>
                </configuration>
                """
                .formatted(lines);
    }

    private ConfigurationException parseFails(String xml) throws IOException {
        Path file = write(xml);
        return catchThrowableOfType(ConfigurationException.class, () -> WebConfigParser.parse(file));
    }

    @Test
    void readsHandlerLinesInDocumentOrderWithRawText() throws IOException {
        Path file = write(
                handlers(
                        """
                      <clear/>
                      <add verb="GET, POST" path="*.Rss" type="com.example.Feed"/>
                      <remove verb="*" path="*.aspx"/>
                      <add verb="*" path="x.axd" type="com.example.X" validate="false"/>
                """));

        WebConfigFile parsed = WebConfigParser.parse(file);

        ConfigElement section = parsed.body().sections().get("system.web/httpHandlers");
        assertThat(section.children())
                .extracting(ConfigElement::name, ConfigElement::attributes, ConfigElement::source)
                .containsExactly(
                        tuple("clear", Map.of(), new Source(file, 4)),
                        tuple(
                                "add",
                                Map.of("verb", "GET, POST", "path", "*.Rss", "type", "com.example.Feed"),
                                new Source(file, 5)),
                        tuple("remove", Map.of("verb", "*", "path", "*.aspx"), new Source(file, 6)),
                        tuple(
                                "add",
                                Map.of("verb", "*", "path", "x.axd", "type", "com.example.X", "validate", "false"),
                                new Source(file, 7)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            <add verb="*" path="*.x"/>                                  | needs the attribute 'type'
            <add path="*.x" type="T"/>                                  | needs the attribute 'verb'
            <add verb="*" type="T"/>                                    | needs the attribute 'path'
            <add verb="" path="*.x" type="T"/>                          | 'verb' of <add> must not be empty
            <add verb="*" path="" type="T"/>                            | 'path' of <add> must not be empty
            <add verb="*" path="*.x" type=" "/>                         | 'type' of <add> must not be empty
            <add verb="*" path="*.x,,*.y" type="T"/>                    | path has an empty alternative
            <add verb="*" path="*.x" type="T" validate="yes"/>          | 'validate' must be true or false: 'yes'
            <add verb="*" path="*.x" type="T" preCondition="x"/>        | unknown attribute 'preCondition' on <add>
            <remove verb="*"/>                                          | needs the attribute 'path'
            <remove verb="*" path="*.x" type="T"/>                      | unknown attribute 'type' on <remove>
            <clear foo="x"/>                                            | unknown attribute 'foo' on <clear>
            <insert verb="*" path="*.x" type="T"/>                      | unknown element <insert> in <httpHandlers>
            <add verb="*" path="*.x" type="T"><add/></add>              | <add> takes no child elements
            """)
    void reportsABadHandlerLineWithItsFileAndLine(String line, String expected) throws IOException {
        ConfigurationException e = parseFails(handlers("      " + line));

        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo(dir.resolve("web.config"));
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains(expected);
    }

    @Test
    void reportsEveryProblemOfTheFileInOnePass() throws IOException {
        ConfigurationException e = parseFails(
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.x"/>
                      <clear foo="x"/>
                    </httpHandlers>
                    <httpRuntime maxRequestLength="lots"/>
                  </system.web>
                  <unknownSection/>
                </configuration>
                """);

        assertThat(e.problems())
                .extracting(Problem::line, Problem::element)
                .containsExactly(
                        tuple(4, "add"), tuple(5, "clear"), tuple(7, "httpRuntime"), tuple(9, "unknownSection"));
        assertThat(e.getMessage())
                .contains(dir.resolve("web.config") + ":4: ")
                .contains(dir.resolve("web.config") + ":9: unknown element <unknownSection>");
    }

    @Test
    void aSectionDeclaredTwiceInOneFileIsAnError() throws IOException {
        ConfigurationException e = parseFails(
                """
                <configuration>
                  <system.web>
                    <httpHandlers><add verb="*" path="*.a" type="A"/></httpHandlers>
                  </system.web>
                  <system.web>
                    <httpHandlers><add verb="*" path="*.b" type="B"/></httpHandlers>
                  </system.web>
                </configuration>
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("<httpHandlers> appears twice").contains("line 3");
        });
    }

    @Test
    void aLocationBlockMayDeclareASectionTheFileAlsoDeclares() throws IOException {
        Path file = write(
                """
                <configuration>
                  <appSettings><add key="a" value="1"/></appSettings>
                  <location path="sub">
                    <appSettings><add key="a" value="2"/></appSettings>
                  </location>
                </configuration>
                """);

        WebConfigFile parsed = WebConfigParser.parse(file);

        assertThat(parsed.body().sections()).containsOnlyKeys("appSettings");
        assertThat(parsed.locations())
                .singleElement()
                .satisfies(l -> assertThat(l.body().sections()).containsOnlyKeys("appSettings"));
    }

    @Test
    void reportsTheLineWhereAMultiLineElementStarts() throws IOException {
        ConfigurationException e = parseFails(
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <!-- a comment before it -->
                      <add verb="*"
                           path="*.x"
                           validate="maybe"
                           type="T"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        assertThat(e.problems()).extracting(Problem::line).containsExactly(5);
    }

    @Test
    void refusesADocumentTypeDeclaration() throws IOException {
        ConfigurationException e = parseFails(
                """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ELEMENT configuration ANY> ]>
                <configuration/>
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("DTDs are not allowed");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    void neverResolvesAnExternalEntity() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-4711");
        ConfigurationException e = parseFails(
                """
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "%s"> ]>
                <configuration>
                  <appSettings>
                    <add key="leak" value="&xxe;"/>
                  </appSettings>
                  <unknown>&xxe;</unknown>
                </configuration>
                """
                        .formatted(secret.toUri()));

        assertThat(e.getMessage()).contains("DTDs are not allowed").doesNotContain("TOP-SECRET");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("TOP-SECRET"));
    }

    @Test
    void neverLoadsAnExternalDtd() throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY x 'TOP-SECRET-4711'>");
        ConfigurationException e = parseFails(
                """
                <?xml version="1.0"?>
                <!DOCTYPE configuration SYSTEM "%s">
                <configuration><appSettings><add key="a" value="&x;"/></appSettings></configuration>
                """
                        .formatted(dtd.toUri()));

        assertThat(e.getMessage()).contains("DTDs are not allowed").doesNotContain("TOP-SECRET");
    }

    @Test
    void refusesAnUndeclaredEntityReference() throws IOException {
        ConfigurationException e = parseFails(
                """
                <configuration>
                  <appSettings>
                    <add key="a" value="&nbsp;"/>
                  </appSettings>
                </configuration>
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.line())
                .isEqualTo(3));
    }

    @Test
    void malformedXmlReportsTheLine() throws IOException {
        ConfigurationException e = parseFails(
                """
                <configuration>
                  <appSettings>
                    <add key="a" value="b">
                  </appSettings>
                </configuration>
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("malformed XML");
            assertThat(p.line()).isEqualTo(4);
        });
    }

    @Test
    void rootElementMustBeConfiguration() throws IOException {
        ConfigurationException e = parseFails("<system.web/>\n");

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("root element must be <configuration>"));
    }

    @Test
    void textInsideAnElementIsAnError() throws IOException {
        ConfigurationException e = parseFails(handlers("      stray text"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("unexpected text inside <httpHandlers>");
            assertThat(p.line()).isEqualTo(4);
        });
    }

    @Test
    void unimplementedAspNetSectionsAreWarningsNotErrors() throws IOException {
        Path file = write(
                """
                <configuration>
                  <system.web>
                    <compilation debug="true"/>
                  </system.web>
                </configuration>
                """);

        WebConfigFile parsed = WebConfigParser.parse(file);

        assertThat(parsed.warnings()).singleElement().asString().startsWith(file + ":3: warning:");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            <location path="/sub"/>                           | location path must be relative
            <location path="~/sub"/>                          | location path must be relative
            <location path="../up"/>                          | location path must be relative
            <location path="*.x"/>                            | location path must be relative
            <location path="sub" allowOverride="no"/>         | 'allowOverride' must be true or false
            <location path="sub"><location path="x"/></location> | <location> cannot be nested
            <location path="sub" overrideMode="deny"/>        | 'overrideMode' must be Allow, Deny or Inherit
            <location path="sub" overrideMode="Deny" allowOverride="false"/> | cannot be used together
            <location path="sub" inheritInChildApplications="0"/> | 'inheritInChildApplications' must be true or false
            """)
    void reportsABadLocation(String location, String expected) throws IOException {
        ConfigurationException e = parseFails("<configuration>\n  " + location + "\n</configuration>\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains(expected);
            assertThat(p.line()).isEqualTo(2);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            path="a"                                       | true
            path="a" allowOverride="true"                  | true
            path="a" allowOverride="false"                 | false
            path="a" overrideMode="Allow"                  | true
            path="a" overrideMode="Inherit"                | true
            path="a" overrideMode="Deny"                   | false
            """)
    void locationLocksWithAllowOverrideFalseOrOverrideModeDeny(String attributes, boolean allowOverride)
            throws IOException {
        Path file = write("<configuration>\n  <location " + attributes + "/>\n</configuration>\n");

        WebConfigFile parsed = WebConfigParser.parse(file);

        assertThat(parsed.locations()).singleElement().satisfies(l -> assertThat(l.allowOverride())
                .isEqualTo(allowOverride));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            maxRequestLength="-1"        | maxRequestLength must be a whole number >= 0
            maxUrlLength="long"          | maxUrlLength must be a whole number >= 0
            executionTimeout="00:01:50"  | executionTimeout must be a whole number >= 0
            enableVersionHeader="yes"    | 'enableVersionHeader' must be true or false: 'yes'
            maxRequestLenght="10"        | unknown attribute 'maxRequestLenght'
            """)
    void reportsABadHttpRuntimeValue(String attribute, String expected) throws IOException {
        ConfigurationException e = parseFails("<configuration>\n  <system.web>\n    <httpRuntime " + attribute
                + "/>\n  </system.web>\n</configuration>\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains(expected);
            assertThat(p.line()).isEqualTo(3);
        });
    }
}
