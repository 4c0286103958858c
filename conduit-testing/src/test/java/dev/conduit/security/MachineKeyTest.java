package dev.conduit.security;

import static dev.conduit.security.AuthSite.HANDLERS;
import static dev.conduit.security.AuthSite.cookiePair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conduit.ConfigurationException;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the ticket key comes from: derived from {@code <machineKey validationKey decryptionKey>} together, whatever
 * algorithms and legacy lengths they have (so servers configured alike accept each other's tickets), with the key
 * generated on first start under App_Data (and reused after a restart) standing in for a key that is not configured.
 * Test keys are random: no key is ever written in source.
 */
class MachineKeyTest {
    private static final String COOKIE = ".ASPXAUTH";

    @TempDir
    Path root;

    private Path site;
    private Path other;
    private Path third;

    @BeforeEach
    void folders() throws IOException {
        site = Files.createDirectory(root.resolve("a"));
        other = Files.createDirectory(root.resolve("b"));
        third = Files.createDirectory(root.resolve("c"));
    }

    private static void formsSite(Path root, String machineKey) {
        SiteBuilder.in(root).systemWeb("<authentication mode=\"Forms\"/>\n" + machineKey + HANDLERS);
    }

    private static String randomKey() {
        return randomHex(64);
    }

    private static String randomHex(int digits) {
        byte[] key = new byte[digits / 2];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** A DotNetNuke-style key: SHA1 validation with 40 hex digits, 3DES decryption with 48. */
    private static String legacy3Des(String validationKey, String decryptionKey) {
        return "<machineKey validationKey=\"" + validationKey + "\" decryptionKey=\"" + decryptionKey
                + "\" decryption=\"3DES\" validation=\"SHA1\"/>";
    }

    private static String signIn(TestHost host) {
        return cookiePair(host.get("/signin.ashx?user=alice").send(), COOKIE);
    }

    private static String whoAmI(TestHost host, String cookie) {
        return host.get("/whoami.ashx").header("Cookie", cookie).send().text();
    }

    @Test
    void aGeneratedKeyIsStoredUnderAppDataOwnerOnlyAndReusedAfterARestart() throws IOException {
        formsSite(site, "");
        Path keyFile = site.resolve("App_Data/conduit-machine.key");
        String cookie;
        String firstKey;
        try (TestHost first = TestHost.start(site)) {
            firstKey = Files.readString(keyFile).strip();
            cookie = signIn(first);
        }

        try (TestHost second = TestHost.start(site)) {
            assertThat(whoAmI(second, cookie)).startsWith("name=alice;authenticated=true");
        }
        assertThat(firstKey).matches("[0-9a-f]{64}");
        assertThat(Files.readString(keyFile).strip()).isEqualTo(firstKey);
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(site.resolve("App_Data"))) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void theKeyIsGeneratedWhenTheSiteStartsNotAtTheFirstRequest() {
        formsSite(site, "<machineKey decryptionKey=\"AutoGenerate,IsolateApps\"/>");

        try (TestHost ignored = TestHost.start(site)) {
            assertThat(site.resolve("App_Data/conduit-machine.key")).isRegularFile();
        }
    }

    @Test
    void twoSitesWithTheirOwnGeneratedKeysRejectEachOthersTickets() {
        formsSite(site, "");
        formsSite(other, "");

        try (TestHost a = TestHost.start(site);
                TestHost b = TestHost.start(other)) {
            assertThat(whoAmI(b, signIn(a))).startsWith("name=;authenticated=false");
        }
    }

    @Test
    void aLegacy3DesMachineKeySignsATicketThatASecondRuntimeWithTheSameKeyAccepts() {
        String validationKey = randomHex(40);
        String decryptionKey = randomHex(48);
        formsSite(site, legacy3Des(validationKey, decryptionKey));
        formsSite(other, legacy3Des(validationKey.toUpperCase(), decryptionKey));
        formsSite(third, legacy3Des(validationKey, randomHex(48)));

        try (TestHost first = TestHost.start(site);
                TestHost second = TestHost.start(other);
                TestHost different = TestHost.start(third)) {
            String cookie = signIn(first);

            assertThat(whoAmI(second, cookie)).startsWith("name=alice;authenticated=true");
            assertThat(whoAmI(different, cookie)).startsWith("name=;authenticated=false");
        }
        assertThat(site.resolve("App_Data")).as("no key generated").doesNotExist();
        assertThat(other.resolve("App_Data")).doesNotExist();
    }

    @Test
    void aDifferentValidationKeyAloneMakesTicketsUnreadable() {
        String decryptionKey = randomKey();
        formsSite(
                site, "<machineKey validationKey=\"" + randomHex(128) + "\" decryptionKey=\"" + decryptionKey + "\"/>");
        formsSite(
                other,
                "<machineKey validationKey=\"" + randomHex(128) + "\" decryptionKey=\"" + decryptionKey + "\"/>");

        try (TestHost a = TestHost.start(site);
                TestHost b = TestHost.start(other)) {
            assertThat(whoAmI(b, signIn(a))).startsWith("name=;authenticated=false");
        }
    }

    @Test
    void aSingleConfiguredKeyIsCompletedByTheGeneratedKeySoAFarmNeedsBothOrASharedAppData() throws IOException {
        String decryptionKey = randomKey();
        formsSite(site, "<machineKey decryptionKey=\"" + decryptionKey + "\"/>");
        formsSite(other, "<machineKey decryptionKey=\"" + decryptionKey + "\" validationKey=\"AutoGenerate\"/>");
        String cookie;

        try (TestHost a = TestHost.start(site);
                TestHost b = TestHost.start(other)) {
            cookie = signIn(a);
            assertThat(whoAmI(b, cookie)).as("each site generated its own").startsWith("name=;authenticated=false");
        }
        String key = "App_Data/conduit-machine.key";
        Files.copy(site.resolve(key), other.resolve(key), StandardCopyOption.REPLACE_EXISTING);
        try (TestHost b = TestHost.start(other)) {
            assertThat(whoAmI(b, cookie)).as("App_Data shared").startsWith("name=alice;authenticated=true");
        }
    }

    @Test
    void theSiteSaysWhatConduitDoesWithTheKeysItIsGiven() {
        formsSite(
                site,
                "    <machineKey validationKey=\"AutoGenerate,IsolateApps\" decryptionKey=\"" + randomKey()
                        + "\" applicationName=\"/dnn\"/>");
        String at = site.resolve("web.config") + ":4: warning: ";

        try (TestHost host = TestHost.start(site)) {
            assertThat(host.runtime().configurationWarnings())
                    .containsExactlyInAnyOrder(
                            at + "the attribute 'applicationName' of <system.web><machineKey> has no effect in"
                                    + " Conduit; ignored",
                            at + "Conduit derives its own keys from validationKey and decryptionKey together"
                                    + " (HKDF-SHA256, whatever validation and decryption name), so its forms tickets"
                                    + " and cookies are not interchangeable with ASP.NET's under the same"
                                    + " <machineKey>",
                            at + "validationKey is AutoGenerate: Conduit generates the key into"
                                    + " App_Data/conduit-machine.key; a farm of several servers needs both keys"
                                    + " configured (or a shared App_Data); IsolateApps has no effect (the generated"
                                    + " key belongs to the site folder already)");
        }
    }

    @Test
    void aSiteWithoutFormsAuthenticationWritesNoKey() {
        try (TestHost ignored = SiteBuilder.in(site)
                .systemWeb("<authentication mode=\"None\"/>")
                .start()) {
            assertThat(site.resolve("App_Data")).doesNotExist();
        }
    }

    @Test
    void aDamagedKeyFileStopsTheStartAndSaysHowToRecover() {
        formsSite(site, "");
        Path keyFile = SiteBuilder.in(site)
                .file("App_Data/conduit-machine.key", "not a key\n")
                .resolve("App_Data/conduit-machine.key");

        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(keyFile);
            assertThat(p.message()).contains("64 hex digits").contains("delete it");
        });
    }

    @Test
    void theKeyFileIsNeverServed() {
        formsSite(site, "");

        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/App_Data/conduit-machine.key").send().status())
                    .isEqualTo(404);
        }
    }
}
