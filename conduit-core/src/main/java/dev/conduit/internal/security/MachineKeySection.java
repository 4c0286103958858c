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
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks {@code <machineKey>}. Conduit reads {@code validationKey} and {@code decryptionKey} (a 256-bit key)
 * and derives its own keys from them ({@link SiteKeys}); the other ASP.NET attributes are checked and unused. Error
 * messages never repeat a key's value.
 */
public final class MachineKeySection {
    private static final Set<String> MACHINE_KEY_ATTRIBUTES = Set.of(
            "validationKey",
            "decryptionKey",
            "validation",
            "decryption",
            "compatibilityMode",
            "applicationName",
            "dataProtectorType");

    private static final Set<String> VALIDATION_ALGORITHMS =
            Set.of("SHA1", "MD5", "3DES", "AES", "HMACSHA256", "HMACSHA384", "HMACSHA512");

    /** ASP.NET's role-cookie attributes: accepted so that existing files load; Conduit keeps no role cookie. */
    private static final int KEY_HEX_DIGITS = 64;

    private MachineKeySection() {}

    /**
     * The merged {@code <machineKey>} settings: the configured keys, each {@code null} when it is generated ({@code
     * AutoGenerate}, or not set).
     *
     * @param validationKey the configured {@code validationKey}
     * @param decryptionKey the configured 256-bit {@code decryptionKey}
     */
    public record MachineKey(byte @Nullable [] validationKey, byte @Nullable [] decryptionKey) {}

    /** {@code <system.web><machineKey>}: application-wide (System.Web's MachineToApplication). */
    public static final Section<MachineKey> SECTION = Section.builder(
                    "system.web/machineKey", levels -> read(levels, new ArrayList<>()))
            .scope(Section.Scope.APPLICATION)
            .check(MachineKeySection::check)
            .build();

    /** Checks one {@code <machineKey>} occurrence. */
    public static void check(ConfigElement element, List<Problem> problems) {
        read(List.of(element), problems);
    }

    /** Merges the occurrences, outermost first; an empty list means a generated key. */
    public static MachineKey read(List<ConfigElement> occurrences, List<Problem> problems) {
        byte[] key = null;
        byte[] validationKey = null;
        for (ConfigElement e : occurrences) {
            checkAttributes(e, MACHINE_KEY_ATTRIBUTES, problems);
            noChildren(e, problems);
            String dk = e.attr("decryptionKey");
            if (dk != null) {
                key = null;
                if (!isAutoGenerate(dk)) {
                    if (dk.length() == KEY_HEX_DIGITS && isHex(dk)) {
                        key = HexFormat.of().parseHex(dk);
                    } else {
                        // Never echo the value: it may be a real key with a typo.
                        problem(
                                problems,
                                e,
                                "decryptionKey must be AutoGenerate or " + KEY_HEX_DIGITS
                                        + " hex digits (a 256-bit AES key); it has " + dk.length() + " characters"
                                        + (isHex(dk) ? "" : ", not all hex digits"));
                    }
                }
            }
            String vk = e.attr("validationKey");
            if (vk != null) {
                validationKey = null;
                if (!isAutoGenerate(vk)) {
                    if (isHex(vk) && vk.length() % 2 == 0 && !vk.isEmpty()) {
                        validationKey = HexFormat.of().parseHex(vk);
                    } else {
                        problem(problems, e, "validationKey must be AutoGenerate or an even number of hex digits");
                    }
                }
            }
            checkFixed(
                    attribute(e, "decryption"),
                    Set.of("Auto", "AES"),
                    problems,
                    v -> Set.of("DES", "3DES").contains(v)
                            ? "decryption=\"" + v + "\" is not supported: Conduit encrypts with AES-256-GCM"
                            : "decryption must be Auto or AES: '" + v + "'");
            checkFixed(
                    attribute(e, "validation"),
                    VALIDATION_ALGORITHMS,
                    problems,
                    v -> "validation must be one of "
                            + String.join(
                                    ", ",
                                    VALIDATION_ALGORITHMS.stream().sorted().toList()) + ": '" + v + "'");
            checkFixed(
                    attribute(e, "compatibilityMode"),
                    Set.of("Framework20SP1", "Framework20SP2", "Framework45"),
                    problems,
                    v -> "compatibilityMode must be Framework20SP1, Framework20SP2 or Framework45: '" + v + "'");
            if (e.attr("dataProtectorType") != null) {
                problem(problems, e, "dataProtectorType is not supported");
            }
        }
        return new MachineKey(validationKey, key);
    }

    private static boolean isAutoGenerate(String value) {
        String[] parts = value.split(",", -1);
        if (!parts[0].trim().equals("AutoGenerate")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String modifier = parts[i].trim();
            if (!modifier.equals("IsolateApps") && !modifier.equals("IsolateByAppId")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
