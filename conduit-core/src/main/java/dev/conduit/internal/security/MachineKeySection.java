package dev.conduit.internal.security;

import static dev.conduit.internal.security.SectionChecks.attribute;
import static dev.conduit.internal.security.SectionChecks.checkAttributes;
import static dev.conduit.internal.security.SectionChecks.checkFixed;
import static dev.conduit.internal.security.SectionChecks.noChildren;
import static dev.conduit.internal.security.SectionChecks.problem;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Section;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks {@code <machineKey>}. Every value System.Web accepts loads, legacy algorithms and key lengths
 * included (a DotNetNuke site's 3DES key, say): Conduit reads the two keys and nothing else, and derives its own keys
 * from them ({@link SiteKeys}), whatever {@code validation} and {@code decryption} name. The algorithm names are still
 * checked, case-sensitively as in .NET, and {@code decryption} sets the lengths {@code decryptionKey} may have.
 *
 * <p>The only errors are values .NET refuses too (a misspelled algorithm, a key that is not hex, of odd length, or of
 * a length the algorithm cannot take), and {@code dataProtectorType}, which names .NET code Conduit cannot run. Error
 * messages never repeat a key's value: it may be a real key with a typo.
 */
public final class MachineKeySection {
    private static final Set<String> ATTRIBUTES = Set.of(
            "validationKey", "decryptionKey", "validation", "decryption", "compatibilityMode", "dataProtectorType");

    private static final List<String> VALIDATION_ALGORITHMS =
            List.of("SHA1", "MD5", "3DES", "AES", "HMACSHA256", "HMACSHA384", "HMACSHA512");

    /** The lengths in hex digits .NET's cipher for each {@code decryption} takes; Auto means DES for 8 bytes. */
    private static final Map<String, List<Integer>> DECRYPTION_KEY_HEX_DIGITS = Map.of(
            "Auto", List.of(16, 32, 48, 64),
            "AES", List.of(32, 48, 64),
            "3DES", List.of(32, 48),
            "DES", List.of(16));

    /** A custom algorithm, {@code alg:Name}, in {@code validation} or {@code decryption}. */
    private static final String CUSTOM = "alg:";

    /** As in System.Web: the modifiers are stripped from the end, {@code IsolateByAppId} first, case-sensitively. */
    private static final Pattern AUTO_GENERATE = Pattern.compile("AutoGenerate(,IsolateApps)?(,IsolateByAppId)?");

    private static final int MIN_VALIDATION_KEY_HEX_DIGITS = 40;

    private MachineKeySection() {}

    /**
     * The merged {@code <machineKey>} settings: the configured keys, each {@code null} when it is generated ({@code
     * AutoGenerate}, or not set).
     *
     * @param validationKey the configured {@code validationKey}, at least 20 bytes
     * @param decryptionKey the configured {@code decryptionKey}, of a length its {@code decryption} takes
     */
    public record MachineKey(byte @Nullable [] validationKey, byte @Nullable [] decryptionKey) {}

    /** {@code <system.web><machineKey>}: application-wide (System.Web's MachineToApplication). */
    public static final Section<MachineKey> SECTION = Section.builder(
                    "system.web/machineKey", levels -> read(levels, new ArrayList<>()))
            .scope(Section.Scope.APPLICATION)
            .check(MachineKeySection::check)
            .advice(MachineKeySection::advise)
            .inert("", "applicationName")
            .build();

    /** Checks one {@code <machineKey>} occurrence. */
    public static void check(ConfigElement element, List<Problem> problems) {
        read(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first (a later one's key replaces an earlier one's); empty: both generated. */
    public static MachineKey read(List<ConfigElement> occurrences, List<Problem> problems) {
        byte[] validationKey = null;
        byte[] decryptionKey = null;
        for (ConfigElement e : occurrences) {
            checkAttributes(e, ATTRIBUTES, problems);
            noChildren(e, problems);
            checkAlgorithms(e, problems);
            String vk = e.attr("validationKey");
            if (vk != null) {
                validationKey = validationKey(e, vk, problems);
            }
            String dk = e.attr("decryptionKey");
            if (dk != null) {
                decryptionKey = decryptionKey(e, dk, problems);
            }
            String protector = e.attr("dataProtectorType");
            if (protector != null && !protector.isBlank()) {
                // Not a warning: silently protecting data some other way than the site asked would be wrong.
                problem(
                        problems,
                        e,
                        "the data protector type '" + protector + "' has no Java counterpart here; remove"
                                + " dataProtectorType (Conduit protects data with keys derived from validationKey and"
                                + " decryptionKey)");
            }
        }
        return new MachineKey(validationKey, decryptionKey);
    }

    /**
     * What Conduit does differently with an accepted occurrence: it derives its own keys from a configured one, and
     * keeps a generated one in App_Data, where {@code IsolateApps} and {@code IsolateByAppId} change nothing.
     */
    public static void advise(ConfigElement e, List<String> warnings) {
        String vk = e.attr("validationKey");
        String dk = e.attr("decryptionKey");
        boolean validationConfigured = vk != null && !isAutoGenerate(vk);
        boolean decryptionConfigured = dk != null && !isAutoGenerate(dk);
        if (validationConfigured || decryptionConfigured) {
            warnings.add("Conduit derives its own keys from validationKey and decryptionKey together (HKDF-SHA256,"
                    + " whatever validation and decryption name), so its forms tickets and cookies are not"
                    + " interchangeable with ASP.NET's under the same <machineKey>");
        }
        List<String> generated = new ArrayList<>();
        generated(vk, "validationKey", decryptionConfigured, generated);
        generated(dk, "decryptionKey", validationConfigured, generated);
        if (generated.isEmpty()) {
            return;
        }
        String message = String.join(" and ", generated) + ": Conduit generates the key into App_Data/"
                + MachineKeys.KEY_FILE + "; a farm of several servers needs both keys configured (or a shared"
                + " App_Data)";
        List<String> modifiers = new ArrayList<>();
        for (String modifier : List.of("IsolateApps", "IsolateByAppId")) {
            if (hasModifier(vk, modifier) || hasModifier(dk, modifier)) {
                modifiers.add(modifier);
            }
        }
        if (!modifiers.isEmpty()) {
            message += "; " + String.join(" and ", modifiers) + (modifiers.size() == 1 ? " has" : " have")
                    + " no effect (the generated key belongs to the site folder already)";
        }
        warnings.add(message);
    }

    /** Adds {@code name}'s part of the generated-key warning: written AutoGenerate, or unset beside a configured key. */
    private static void generated(@Nullable String value, String name, boolean otherConfigured, List<String> out) {
        if (value != null && isAutoGenerate(value)) {
            out.add(name + " is AutoGenerate");
        } else if (value == null && otherConfigured) {
            out.add(name + " is not set (so AutoGenerate)");
        }
    }

    private static void checkAlgorithms(ConfigElement e, List<Problem> problems) {
        String validation = e.attr("validation");
        if (validation != null && !VALIDATION_ALGORITHMS.contains(validation) && !isCustom(validation)) {
            problem(
                    problems,
                    e,
                    "validation must be one of " + String.join(", ", VALIDATION_ALGORITHMS)
                            + " or alg:<name> (case-sensitive): '" + validation + "'");
        }
        String decryption = e.attr("decryption");
        if (decryption != null && !DECRYPTION_KEY_HEX_DIGITS.containsKey(decryption) && !isCustom(decryption)) {
            problem(
                    problems,
                    e,
                    "decryption must be Auto, AES, 3DES, DES or alg:<name> (case-sensitive): '" + decryption + "'");
        }
        checkFixed(
                attribute(e, "compatibilityMode"),
                Set.of("Framework20SP1", "Framework20SP2", "Framework45"),
                problems,
                v -> "compatibilityMode must be Framework20SP1, Framework20SP2 or Framework45: '" + v + "'");
    }

    /** True for {@code alg:<name>} with a name; {@code alg:} alone is neither custom nor built in (an error). */
    private static boolean isCustom(String algorithm) {
        return algorithm.startsWith(CUSTOM) && algorithm.length() > CUSTOM.length();
    }

    private static byte @Nullable [] validationKey(ConfigElement e, String value, List<Problem> problems) {
        if (isAutoGenerate(value)) {
            return null;
        }
        if (isHex(value) && value.length() % 2 == 0 && value.length() >= MIN_VALIDATION_KEY_HEX_DIGITS) {
            return HexFormat.of().parseHex(value);
        }
        // As System.Web: at least 40 hex digits, even (SHA1's 160 bits); the value is never echoed.
        problem(
                problems,
                e,
                "validationKey must be AutoGenerate (optionally with ,IsolateApps and ,IsolateByAppId) or an even"
                        + " number of hex digits, at least " + MIN_VALIDATION_KEY_HEX_DIGITS + "; " + shape(value));
        return null;
    }

    private static byte @Nullable [] decryptionKey(ConfigElement e, String value, List<Problem> problems) {
        if (isAutoGenerate(value)) {
            return null;
        }
        String algorithm = e.attr("decryption");
        String named = algorithm == null ? "Auto" : algorithm;
        List<Integer> lengths = DECRYPTION_KEY_HEX_DIGITS.get(named);
        boolean fits = lengths == null
                ? !value.isEmpty() && value.length() % 2 == 0 // alg:<name> (or a misspelling, reported above)
                : lengths.contains(value.length());
        if (fits && isHex(value)) {
            return HexFormat.of().parseHex(value);
        }
        String wanted = lengths == null
                ? "an even number of hex digits"
                : lengthsText(lengths) + " hex digits for decryption=\"" + named + "\""
                        + (algorithm == null ? " (the default)" : "");
        problem(
                problems,
                e,
                "decryptionKey must be AutoGenerate (optionally with ,IsolateApps and ,IsolateByAppId) or " + wanted
                        + "; " + shape(value));
        return null;
    }

    /** What is wrong with a key, without its value. */
    private static String shape(String value) {
        return "it has " + value.length() + " characters" + (isHex(value) ? "" : ", not all hex digits");
    }

    private static String lengthsText(List<Integer> lengths) {
        if (lengths.size() == 1) {
            return String.valueOf(lengths.get(0));
        }
        List<String> all = lengths.stream().map(String::valueOf).toList();
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    static boolean isAutoGenerate(String value) {
        return AUTO_GENERATE.matcher(value).matches();
    }

    private static boolean hasModifier(@Nullable String value, String modifier) {
        return value != null && isAutoGenerate(value) && value.contains("," + modifier);
    }

    /** ASCII hex digits only ({@link Character#digit} would also take other scripts' digits). */
    private static boolean isHex(String s) {
        return s.chars().allMatch(HexFormat::isHexDigit);
    }
}
