package dev.conduit.security;

import static dev.conduit.security.AuthSite.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mistakes in {@code <authentication>}, {@code <authorization>}, {@code <machineKey>} and {@code <roleManager>} stop
 * the site's start with file and line, all of a file's at once.
 */
class SecurityConfigErrorsTest {
    @TempDir
    Path site;

    private ConfigurationException startFails() {
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
        assertThat(e).as("the site should refuse to start").isNotNull();
        return e;
    }

    /** Writes a root web.config whose line 3 is {@code section}; the problem expected there. */
    private Problem onlyProblemOfSection(String section) {
        SiteBuilder.in(site).systemWeb("    " + section);
        ConfigurationException e = startFails();
        assertThat(e.problems()).hasSize(1);
        Problem p = e.problems().get(0);
        assertThat(p.file()).isEqualTo(site.resolve("web.config"));
        assertThat(p.line()).isEqualTo(3);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "<authentication mode=\"Cookies\"/>                      | mode must be None, Forms or Windows: 'Cookies'",
                "<authentication mode=\"Passport\"/>                     | Passport authentication is not supported",
                "<authentication mode=\"Forms\" colour=\"red\"/>         | unknown attribute 'colour' on <authentication>",
                "<authentication><login/></authentication>               | unknown element <login> in <authentication>",
                "<authentication><forms colour=\"red\"/></authentication> | unknown attribute 'colour' on <forms>",
                "<authentication><forms timeout=\"0\"/></authentication> | timeout must be a whole number of minutes",
                "<authentication><forms timeout=\"1h\"/></authentication> | timeout must be a whole number of minutes",
                "<authentication><forms loginUrl=\"//evil.example/\"/></authentication> | must be a path in this site",
                "<authentication><forms defaultUrl=\"javascript:x()\"/></authentication> | must be a path in this site",
                "<authentication><forms requireSSL=\"yes\"/></authentication> | requireSSL must be true or false",
                "<authentication><forms name=\"a;b\"/></authentication> | name must be a cookie name",
                "<authentication><forms path=\"app\"/></authentication> | path must start with '/'",
                "<authentication><forms cookieless=\"UseUri\"/></authentication> | tickets in URLs) is not supported",
                "<authentication><forms protection=\"None\"/></authentication> | Conduit always encrypts and authenticates",
                "<authentication><forms cookieSameSite=\"None\"/></authentication> | needs requireSSL=\"true\"",
                "<authentication><forms enableCrossAppRedirects=\"true\"/></authentication> | return URLs are always local",
                "<authentication><forms><credentials/></forms></authentication> | <credentials> (passwords in web.config)",
                "<machineKey decryptionKey=\"0123456789abcdef0123456789\"/> | 16, 32, 48 or 64 hex digits for decryption=\"Auto\" (the default); it has 26",
                "<machineKey decryptionKey=\"0123456789abcdef\" decryption=\"3DES\"/> | 32 or 48 hex digits for decryption=\"3DES\"; it has 16",
                "<machineKey decryptionKey=\"AutoGenerate,Nonsense\"/>   | decryptionKey must be AutoGenerate (optionally with ,IsolateApps",
                "<machineKey decryption=\"Rijndael\"/>                   | decryption must be Auto, AES, 3DES, DES or alg:<name>",
                "<machineKey validation=\"CRC32\"/>                      | validation must be one of",
                "<machineKey dataProtectorType=\"Acme.Protector\"/>      | the data protector type 'Acme.Protector' has no Java counterpart here",
                "<machineKey validationKey=\"xyz\"/>                     | validationKey must be AutoGenerate (optionally with ,IsolateApps and ,IsolateByAppId) or an even number of hex digits, at least 40; it has 3 characters, not all hex digits",
                "<machineKey keySize=\"256\"/>                           | unknown attribute 'keySize' on <machineKey>",
                "<authorization><permit users=\"*\"/></authorization>    | unknown element <permit> in <authorization>",
                "<authorization><allow verbs=\"GET\"/></authorization>   | <allow> needs 'users' or 'roles'",
                "<authorization><deny users=\"a*\"/></authorization>     | '*' and '?' stand alone in users",
                "<authorization><allow roles=\"*\"/></authorization>     | roles cannot use '*' or '?'",
                "<authorization><deny users=\"a,,b\"/></authorization>   | empty name in the list",
                "<authorization><deny users=\"?\" path=\"x\"/></authorization> | unknown attribute 'path' on <deny>",
                "<authorization><deny users=\"*\" verbs=\"GET POST\"/></authorization> | verbs must be HTTP method names",
                "<roleManager enabled=\"maybe\"/>                        | enabled must be true or false",
                "<roleManager enabled=\"true\"><groups/></roleManager>   | unknown element <groups> in <roleManager>",
                "<roleManager><roles><add name=\"admin\"/></roles></roleManager> | needs the attribute 'users'",
                "<roleManager><roles><add name=\"all\" users=\"*\"/></roles></roleManager> | must be user names",
                "<roleManager><providers><add name=\"x\"/></providers></roleManager> | needs a non-empty 'type'",
            })
    void aMistakeInASectionIsReportedAtItsLine(String section, String message) {
        assertThat(onlyProblemOfSection(section).message()).contains(message);
    }

    @Test
    void aBadMachineKeyIsNeverEchoedInTheMessage() {
        String almostAKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeZ";

        Problem p = onlyProblemOfSection("<machineKey decryptionKey=\"" + almostAKey + "\"/>");

        assertThat(p.message()).contains("not all hex digits").doesNotContain("0123456789abcdef");
    }

    @Test
    void everyMistakeOfAFileIsReportedInOnePass() {
        SiteBuilder.in(site)
                .webConfig(
                        """
                <configuration>
                  <system.web>
                    <authentication mode="Basic">
                      <forms timeout="-5"/>
                    </authentication>
                    <authorization>
                      <grant users="*"/>
                    </authorization>
                    <machineKey decryptionKey="abc"/>
                  </system.web>
                </configuration>
                """);
        Path file = site.resolve("web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems())
                .extracting(Problem::file, Problem::line)
                .containsExactly(tuple(file, 3), tuple(file, 4), tuple(file, 7), tuple(file, 9));
    }

    @Test
    void applicationLevelSectionsAreRefusedInASubFolderOrALocation() {
        SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <location path="shop">
                            <system.web><roleManager enabled="true"/></system.web>
                          </location>
                          <location path=".">
                            <system.web><machineKey decryptionKey="AutoGenerate"/></system.web>
                          </location>
                        </configuration>
                        """)
                .systemWeb("members", "    <authentication mode=\"Forms\"/>");
        Path sub = site.resolve("members/web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems())
                .extracting(Problem::line, Problem::message)
                .containsExactlyInAnyOrder(
                        tuple(
                                3,
                                "<roleManager> applies to the whole application and cannot be set inside <location"
                                        + " path=\"shop\">; set it in the site root's web.config"),
                        tuple(
                                3,
                                "<authentication> applies to the whole application and cannot be set in a sub-folder's"
                                        + " web.config; set it in the site root's web.config"));
        assertThat(e.problems()).extracting(Problem::file).contains(sub);
    }

    @Test
    void windowsModeLoadsAndLeavesEveryoneAnonymous() {
        try (TestHost host = SiteBuilder.in(site)
                .systemWeb("<authentication mode=\"Windows\"/><authorization><deny users=\"?\"/></authorization>"
                        + AuthSite.HANDLERS)
                .start()) {
            assertThat(host.get("/whoami.ashx").send().status()).isEqualTo(401);
        }
    }

    @Test
    void aDefaultProviderThatIsNotDeclaredStopsTheStart() {
        SiteBuilder.in(site).systemWeb("    <roleManager enabled=\"true\" defaultProvider=\"Sql\"/>");
        Path file = site.resolve("web.config");

        ConfigurationException e = startFails();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message())
                    .contains("defaultProvider names no provider")
                    .contains("'Sql'");
        });
    }

    @Test
    void aProviderTypeThatDoesNotExistOrIsNotAProviderStopsTheStart() {
        SiteBuilder builder = SiteBuilder.in(site)
                .systemWeb(
                        """
                            <roleManager enabled="true" defaultProvider="x">
                              <providers><add name="x" type="com.example.Missing"/></providers>
                            </roleManager>
                        """);
        Path file = site.resolve("web.config");

        assertThat(startFails().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("com.example.Missing").contains("has no Java counterpart here");
        });

        builder.systemWeb(
                """
                    <roleManager enabled="true" defaultProvider="x">
                      <providers><add name="x" type="%sWhoAmI"/></providers>
                    </roleManager>
                """
                        .formatted(FIXTURES));

        assertThat(startFails().problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("does not implement"));
    }

    @Test
    void rolesListedForTheBuiltInProviderCannotBeCombinedWithACustomOne() {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                            <roleManager enabled="true" defaultProvider="Fake">
                              <providers><add name="Fake" type="%sFakeRoles"/></providers>
                              <roles><add name="admin" users="alice"/></roles>
                            </roleManager>
                        """
                                .formatted(FIXTURES));

        assertThat(startFails().problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("<roles> is read by the built-in provider only"));
    }
}
