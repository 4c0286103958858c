package dev.conduit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.Source;
import dev.conduit.config.TypeChecker;
import dev.conduit.internal.mapping.HandlerMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a site's web.config files: {@code <location>} levels and locks, errors of several files reported together,
 * {@code validate}, and inheritance of the keyed and attribute sections. Mapping order across levels and {@code
 * <location>} (before the folder's own file, or for one file) is pinned down by the golden folders of {@link
 * GoldenMappingTest}.
 */
class SiteConfigurationTest {
    @TempDir
    Path site;

    /** Every type is a handler except those in package {@code com.example.missing}. */
    private final List<String> checkedTypes = new ArrayList<>();

    private final TypeChecker typeChecker = (type, anyOf) -> {
        checkedTypes.add(type);
        return type.startsWith("com.example.missing.") ? "type '" + type + "' was not found" : null;
    };

    private Path write(String relative, String xml) throws IOException {
        Path file = site.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, xml);
    }

    private SiteConfiguration load() {
        return SiteConfiguration.load(site, typeChecker);
    }

    private ConfigurationException loadFails() {
        return catchThrowableOfType(ConfigurationException.class, this::load);
    }

    private static @Nullable String mapped(SiteConfiguration config, String verb, String path) {
        HandlerMapping m = config.forPath(path).handlers().find(verb, path);
        return m == null ? null : m.type();
    }

    @Test
    void childFolderOverridingALockedSectionIsAnErrorNamingBothPlaces() throws IOException {
        Path root = write(
                "web.config",
                """
                <configuration>
                  <location path="admin" allowOverride="false">
                    <system.web>
                      <httpHandlers>
                        <add verb="*" path="*.x" type="com.example.Locked"/>
                      </httpHandlers>
                    </system.web>
                  </location>
                </configuration>
                """);
        Path child = write(
                "admin/web.config",
                """
                <configuration>
                  <system.web>

                    <httpHandlers>
                      <remove verb="*" path="*.x"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        ConfigurationException e = loadFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(child);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.element()).isEqualTo("httpHandlers");
            assertThat(p.message()).contains("locked").contains(root + ":2");
        });
        assertThat(e.getMessage()).startsWith(child + ":4: ");
    }

    @Test
    void overrideModeDenyLocksLikeAllowOverrideFalse() throws IOException {
        Path root = write(
                "web.config",
                """
                <configuration>
                  <location path="admin" overrideMode="Deny">
                    <system.web>
                      <httpRuntime maxRequestLength="100"/>
                    </system.web>
                  </location>
                </configuration>
                """);
        Path child = write(
                "admin/web.config",
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxRequestLength="100000"/>
                  </system.web>
                </configuration>
                """);

        ConfigurationException e = loadFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(child);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains(root + ":2");
        });
    }

    @Test
    void lockedSectionIsAlsoLockedForDeeperFolders() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <location path="admin" allowOverride="false">
                    <appSettings><add key="a" value="1"/></appSettings>
                  </location>
                </configuration>
                """);
        Path deeper = write(
                "admin/reports/web.config",
                """
                <configuration>
                  <appSettings><add key="a" value="2"/></appSettings>
                </configuration>
                """);

        ConfigurationException e = loadFails();

        assertThat(e.problems())
                .extracting(Problem::file, Problem::line, Problem::element)
                .containsExactly(tuple(deeper, 2, "appSettings"));
    }

    @Test
    void lockLeavesOtherSectionsAndOtherFoldersOpen() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <location path="admin" allowOverride="false">
                    <system.web>
                      <httpHandlers>
                        <add verb="*" path="*.x" type="com.example.Locked"/>
                      </httpHandlers>
                    </system.web>
                  </location>
                </configuration>
                """);
        write(
                "admin/web.config",
                """
                <configuration>
                  <appSettings><add key="a" value="1"/></appSettings>
                </configuration>
                """);
        write(
                "public/web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.x" type="com.example.Open"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(mapped(config, "GET", "/admin/a.x")).isEqualTo("com.example.Locked");
        assertThat(config.forPath("/admin/a.x").appSettings()).containsExactly(entry("a", "1"));
        assertThat(mapped(config, "GET", "/public/a.x")).isEqualTo("com.example.Open");
    }

    @Test
    void locationForOneFileAppliesToThatFileOnly() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <location path="docs/Upload.ashx">
                    <system.web>
                      <httpRuntime maxRequestLength="51200"/>
                      <httpHandlers>
                        <add verb="PUT" path="*.ashx" type="com.example.Upload"/>
                      </httpHandlers>
                    </system.web>
                  </location>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(config.forPath("/docs/upload.ashx").runtime().maxRequestLengthKb())
                .isEqualTo(51200);
        assertThat(mapped(config, "PUT", "/docs/upload.ashx")).isEqualTo("com.example.Upload");
        assertThat(config.forPath("/docs/other.ashx").runtime().maxRequestLengthKb())
                .isEqualTo(4096);
        assertThat(mapped(config, "PUT", "/docs/other.ashx")).isEqualTo("System.Web.UI.SimpleHandlerFactory");
        assertThat(mapped(config, "PUT", "/upload.ashx")).isEqualTo("System.Web.UI.SimpleHandlerFactory");
    }

    @Test
    void reportsEveryErrorOfEveryFileInOneException() throws IOException {
        Path root = write(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.feed"/>
                      <add verb="*" path="*.x" type="com.example.missing.Handler"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);
        Path sub = write(
                "sub/web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandler/>
                  </system.web>
                </configuration>
                """);

        ConfigurationException e = loadFails();

        assertThat(e.problems())
                .extracting(Problem::file, Problem::line, Problem::element)
                .containsExactly(tuple(root, 4, "add"), tuple(root, 5, "add"), tuple(sub, 3, "httpHandler"));
        assertThat(e.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "<add> needs the attribute 'type'",
                        "type 'com.example.missing.Handler' was not found",
                        "unknown element <httpHandler> in <system.web>: not a section Conduit knows, and not declared in"
                                + " <configSections>");
        assertThat(e.getMessage().lines())
                .containsExactly(
                        root + ":4: <add> needs the attribute 'type'",
                        root + ":5: type 'com.example.missing.Handler' was not found",
                        sub + ":3: unknown element <httpHandler> in <system.web>: not a section Conduit knows, and not"
                                + " declared in <configSections>");
    }

    @Test
    void validateTrueChecksTheTypeAtLoadEvenWhenNoRequestMapsToIt() throws IOException {
        Path deep = write(
                "a/b/web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="never.x" type="com.example.missing.Never"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        ConfigurationException e = loadFails();

        assertThat(e.problems()).extracting(Problem::file, Problem::line).containsExactly(tuple(deep, 4));
    }

    @Test
    void validateFalseLeavesTheTypeUncheckedAtLoad() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.x" type="com.example.missing.Lazy" validate="false"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(checkedTypes).doesNotContain("com.example.missing.Lazy");
        HandlerMapping m = config.forPath("/a.x").handlers().find("GET", "/a.x");
        assertThat(m).isNotNull();
        assertThat(m.validate()).isFalse();
        assertThat(m.source()).isEqualTo(new Source(site.resolve("web.config"), 4));
    }

    @Test
    void aspNetTypeNamesAreCheckedLikeAnyOtherType() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpHandlers>
                      <add verb="*" path="*.secret" type="System.Web.HttpForbiddenHandler"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """);

        assertThatCode(this::load).doesNotThrowAnyException();
        assertThat(checkedTypes).contains("System.Web.HttpForbiddenHandler");
    }

    @Test
    void httpRuntimeAttributesInheritOneByOne() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxRequestLength="1000" executionTimeout="30"/>
                  </system.web>
                  <location path="upload">
                    <system.web>
                      <httpRuntime maxRequestLength="50000"/>
                    </system.web>
                  </location>
                </configuration>
                """);
        write(
                "upload/web.config",
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxUrlLength="500"/>
                  </system.web>
                </configuration>
                """);
        write(
                "api/web.config",
                """
                <configuration>
                  <system.web>
                    <httpRuntime maxRequestLength="2000" enableVersionHeader="true"/>
                  </system.web>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(config.forPath("/a.txt").runtime())
                .isEqualTo(new RuntimeSettings(1000, 260, 2048, Duration.ofSeconds(30), false));
        assertThat(config.forPath("/api/x/y.ashx").runtime())
                .isEqualTo(new RuntimeSettings(2000, 260, 2048, Duration.ofSeconds(30), true));
        assertThat(config.forPath("/upload/f.ashx").runtime())
                .isEqualTo(new RuntimeSettings(50000, 500, 2048, Duration.ofSeconds(30), false));
    }

    @Test
    void appSettingsInheritWithOverrideRemoveAndClear() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <appSettings>
                    <add key="a" value="1"/>
                    <add key="b" value="2"/>
                    <add key="c" value="3"/>
                  </appSettings>
                </configuration>
                """);
        write(
                "sub/web.config",
                """
                <configuration>
                  <appSettings>
                    <remove key="a"/>
                    <add key="b" value="20"/>
                    <remove key="missing"/>
                  </appSettings>
                </configuration>
                """);
        write(
                "sub/cleared/web.config",
                """
                <configuration>
                  <appSettings>
                    <add key="early" value="gone"/>
                    <clear/>
                    <add key="d" value="4"/>
                  </appSettings>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(config.forPath("/x").appSettings())
                .containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
        assertThat(config.forPath("/sub/x").appSettings()).containsExactly(entry("b", "20"), entry("c", "3"));
        assertThat(config.forPath("/sub/cleared/more/x").appSettings()).containsExactly(entry("d", "4"));
    }

    @Test
    void connectionStringsInheritWithOverrideRemoveAndClear() throws IOException {
        write(
                "web.config",
                """
                <configuration>
                  <connectionStrings>
                    <add name="main" connectionString="jdbc:h2:mem:main" providerName="org.h2.Driver"/>
                    <add name="logs" connectionString="jdbc:h2:mem:logs"/>
                  </connectionStrings>
                </configuration>
                """);
        write(
                "sub/web.config",
                """
                <configuration>
                  <connectionStrings>
                    <remove name="logs"/>
                    <add name="main" connectionString="jdbc:h2:mem:sub"/>
                  </connectionStrings>
                </configuration>
                """);
        write(
                "other/web.config",
                """
                <configuration>
                  <connectionStrings>
                    <clear/>
                  </connectionStrings>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(config.forPath("/x").connectionStrings())
                .containsExactly(
                        entry("main", new FolderConfig.ConnectionString("main", "jdbc:h2:mem:main", "org.h2.Driver")),
                        entry("logs", new FolderConfig.ConnectionString("logs", "jdbc:h2:mem:logs", "")));
        assertThat(config.forPath("/sub/x").connectionStrings())
                .containsExactly(entry("main", new FolderConfig.ConnectionString("main", "jdbc:h2:mem:sub", "")));
        assertThat(config.forPath("/other/x").connectionStrings()).isEmpty();
    }

    @Test
    void findsWebConfigSpelledInAnyCase() throws IOException {
        Path file = write(
                "Sub/Web.Config",
                """
                <configuration>
                  <appSettings><add key="found" value="yes"/></appSettings>
                </configuration>
                """);

        SiteConfiguration config = load();

        assertThat(config.configFiles()).containsExactly(entry("/sub/", file));
        assertThat(config.forPath("/SUB/page.ashx").appSettings()).containsEntry("found", "yes");
    }
}
