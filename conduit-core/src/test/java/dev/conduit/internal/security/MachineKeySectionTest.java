package dev.conduit.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;
import dev.conduit.internal.security.MachineKeySection.MachineKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code <machineKey>} accepts what System.Web accepts, legacy algorithms and key lengths included, and refuses only
 * malformed values, never repeating a key. Keys are random: no key is written in source.
 */
class MachineKeySectionTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String hex(int digits) {
        byte[] bytes = new byte[digits / 2];
        RANDOM.nextBytes(bytes);
        String h = HexFormat.of().formatHex(bytes);
        return digits % 2 == 0 ? h : h + "a";
    }

    /** A {@code <machineKey>} from {@code name=value} pairs; a value {@code hex:N} becomes N random hex digits. */
    private static ConfigElement machineKey(String... pairs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            attributes.put(
                    pair.substring(0, eq),
                    value.startsWith("hex:") ? hex(Integer.parseInt(value.substring(4))) : value);
        }
        return new ConfigElement("machineKey", attributes, List.of(), new Source(null, 1));
    }

    private static List<Problem> problems(ConfigElement e) {
        List<Problem> problems = new ArrayList<>();
        MachineKeySection.check(e, problems);
        return problems;
    }

    private static List<String> warnings(ConfigElement e) {
        List<String> warnings = new ArrayList<>();
        MachineKeySection.advise(e, warnings);
        return warnings;
    }

    @ParameterizedTest(name = "validation={0} decryption={1}: {2} and {3} hex digits")
    @CsvSource({
        "SHA1, 3DES, 40, 48",
        "SHA1, 3DES, 40, 32",
        "MD5, DES, 40, 16",
        "3DES, Auto, 48, 16",
        "AES, Auto, 64, 32",
        "HMACSHA256, Auto, 64, 48",
        "HMACSHA384, Auto, 96, 64",
        "HMACSHA512, AES, 128, 32",
        "HMACSHA512, AES, 128, 48",
        "HMACSHA256, AES, 42, 64",
        "alg:HMACSHA512Custom, alg:Rijndael, 40, 2",
        "alg:Custom, alg:Rijndael, 40, 96",
    })
    void everyAlgorithmLoadsWithEveryKeyLengthItTakes(String validation, String decryption, int vk, int dk) {
        ConfigElement e = machineKey(
                "validation=" + validation,
                "decryption=" + decryption,
                "validationKey=hex:" + vk,
                "decryptionKey=hex:" + dk);

        List<Problem> problems = new ArrayList<>();
        MachineKey key = MachineKeySection.read(List.of(e), problems);

        assertThat(problems).isEmpty();
        assertThat(key.validationKey()).hasSize(vk / 2);
        assertThat(key.decryptionKey()).hasSize(dk / 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 48, 64})
    void withoutDecryptionAKeyOfAnyLengthAutoTakesLoads(int digits) {
        assertThat(problems(machineKey("decryptionKey=hex:" + digits))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AutoGenerate",
                "AutoGenerate,IsolateApps",
                "AutoGenerate,IsolateByAppId",
                "AutoGenerate,IsolateApps,IsolateByAppId"
            })
    void autoGenerateWithItsModifiersMeansAGeneratedKey(String value) {
        ConfigElement e = machineKey("validationKey=" + value, "decryptionKey=" + value);

        List<Problem> problems = new ArrayList<>();
        MachineKey key = MachineKeySection.read(List.of(e), problems);

        assertThat(problems).isEmpty();
        assertThat(key.validationKey()).isNull();
        assertThat(key.decryptionKey()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Framework20SP1", "Framework20SP2", "Framework45"})
    void everyCompatibilityModeLoads(String mode) {
        assertThat(problems(machineKey("compatibilityMode=" + mode))).isEmpty();
    }

    @Test
    void anEmptyDataProtectorTypeIsDotNetsDefaultAndLoads() {
        assertThat(problems(machineKey("dataProtectorType="))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "validationKey=hex:38 |  | validationKey must be AutoGenerate (optionally with ,IsolateApps and"
                        + " ,IsolateByAppId) or an even number of hex digits, at least 40; it has 38 characters",
                "validationKey=hex:41 |  | at least 40; it has 41 characters",
                "validationKey=hex:0  |  | at least 40; it has 0 characters",
                "decryptionKey=hex:48 | decryption=DES | decryptionKey must be AutoGenerate (optionally with"
                        + " ,IsolateApps and ,IsolateByAppId) or 16 hex digits for decryption=\"DES\"; it has 48"
                        + " characters",
                "decryptionKey=hex:64 | decryption=3DES | 32 or 48 hex digits for decryption=\"3DES\"; it has 64",
                "decryptionKey=hex:16 | decryption=3DES | 32 or 48 hex digits for decryption=\"3DES\"; it has 16",
                "decryptionKey=hex:16 | decryption=AES | 32, 48 or 64 hex digits for decryption=\"AES\"; it has 16",
                "decryptionKey=hex:40 |  | 16, 32, 48 or 64 hex digits for decryption=\"Auto\" (the default); it has 40",
                "decryptionKey=hex:33 | decryption=Auto | 16, 32, 48 or 64 hex digits for decryption=\"Auto\"; it has 33",
                "decryptionKey=hex:31 | decryption=alg:Rijndael | or an even number of hex digits; it has 31",
            })
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt(String keyPair, String other, String message) {
        ConfigElement e = other == null ? machineKey(keyPair) : machineKey(keyPair, other);
        String key = e.attributes().get(keyPair.substring(0, keyPair.indexOf('=')));

        assertThat(problems(e)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains(message);
            if (!key.isEmpty()) {
                assertThat(p.message()).doesNotContain(key.substring(0, 8));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"validationKey", "decryptionKey"})
    void aKeyThatIsNotAllHexIsRefusedWithoutEchoingIt(String attribute) {
        String almost = hex(63) + "Z"; // 64 characters: the right length for either key
        String otherScript = hex(62) + "\u0663\u0664"; // Arabic-Indic digits, which Character.digit would take

        for (String value : List.of(almost, otherScript)) {
            assertThat(problems(machineKey(attribute + "=" + value)))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message())
                            .contains(attribute + " must be AutoGenerate")
                            .contains("it has 64 characters, not all hex digits")
                            .doesNotContain(value.substring(0, 16)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "validationKey=autogenerate | validationKey must be AutoGenerate",
                "validationKey=AutoGenerate,IsolateByAppId,IsolateApps | validationKey must be AutoGenerate",
                "decryptionKey=AutoGenerate, IsolateApps | decryptionKey must be AutoGenerate",
                "decryptionKey=AutoGenerate,Nonsense | decryptionKey must be AutoGenerate",
                "validation=sha1 | validation must be one of SHA1, MD5, 3DES, AES, HMACSHA256, HMACSHA384, HMACSHA512"
                        + " or alg:<name> (case-sensitive): 'sha1'",
                "validation=CRC32 | validation must be one of",
                "validation=alg: | validation must be one of",
                "decryption=aes | decryption must be Auto, AES, 3DES, DES or alg:<name> (case-sensitive): 'aes'",
                "decryption=Rijndael | decryption must be Auto, AES, 3DES, DES or alg:<name>",
                "compatibilityMode=Framework40 | compatibilityMode must be Framework20SP1, Framework20SP2 or"
                        + " Framework45: 'Framework40'",
                "dataProtectorType=MyCompany.Protector | the data protector type 'MyCompany.Protector' has no Java"
                        + " counterpart here",
                "keySize=256 | unknown attribute 'keySize' on <machineKey>",
            })
    void aMalformedValueIsRefusedWithAClearMessage(String pair, String message) {
        assertThat(problems(machineKey(pair))).singleElement().satisfies(p -> assertThat(p.message())
                .contains(message));
    }

    @Test
    void aLaterOccurrenceReplacesEachKeyItSets() {
        ConfigElement outer = machineKey("validationKey=hex:40", "decryptionKey=hex:48", "decryption=3DES");
        ConfigElement inner = machineKey("decryptionKey=AutoGenerate");

        MachineKey key = MachineKeySection.read(List.of(outer, inner), new ArrayList<>());

        assertThat(key.validationKey()).hasSize(20);
        assertThat(key.decryptionKey()).isNull();
    }

    @Test
    void aConfiguredKeyWarnsOnceThatConduitDerivesItsOwnKeys() {
        assertThat(warnings(machineKey(
                        "validationKey=hex:40", "decryptionKey=hex:48", "decryption=3DES", "validation=SHA1")))
                .singleElement()
                .satisfies(w -> assertThat(w)
                        .contains("Conduit derives its own keys from validationKey and decryptionKey together")
                        .contains("not interchangeable with ASP.NET's"));
    }

    @Test
    void autoGenerateWarnsThatAFarmNeedsConfiguredKeysAndThatIsolationHasNoEffect() {
        assertThat(warnings(machineKey(
                        "validationKey=AutoGenerate,IsolateApps", "decryptionKey=AutoGenerate,IsolateByAppId")))
                .singleElement()
                .isEqualTo("validationKey is AutoGenerate and decryptionKey is AutoGenerate: Conduit generates the"
                        + " key into App_Data/conduit-machine.key; a farm of several servers needs both keys"
                        + " configured (or a shared App_Data); IsolateApps and IsolateByAppId have no effect (the"
                        + " generated key belongs to the site folder already)");
    }

    @Test
    void oneConfiguredKeyWarnsThatTheOtherIsGenerated() {
        assertThat(warnings(machineKey("decryptionKey=hex:64")))
                .hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("Conduit derives its own keys"))
                .anySatisfy(w -> assertThat(w)
                        .startsWith("validationKey is not set (so AutoGenerate): Conduit generates the key into"
                                + " App_Data")
                        .doesNotContain("no effect"));
    }

    @Test
    void anOccurrenceWithoutKeysWarnsAboutNothing() {
        assertThat(warnings(machineKey("validation=SHA1", "decryption=AES"))).isEmpty();
    }
}
