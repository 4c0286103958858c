package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.internal.security.AuthenticationSection;
import dev.conduit.internal.security.AuthorizationSection;
import dev.conduit.internal.security.MachineKeySection;
import dev.conduit.internal.security.RoleManagerSection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The sections kept as {@link RawElement}s and the checks that run on each occurrence when the site loads, so that
 * {@code conduit check} and startup report their errors with file and line like every other section's.
 *
 * <p>A feature registers its section here with a checker that adds a {@link Problem} for each error; at request
 * time it reads the merged occurrences with {@link FolderConfig#sections(String)}.
 */
public final class SectionReaders {
    private SectionReaders() {}

    /** Section name (under {@code <system.web>}) to its checker. */
    static final Map<String, BiConsumer<RawElement, List<Problem>>> CHECKERS = Map.of(
            "sessionState", SectionReaders::noCheckYet,
            "authentication", AuthenticationSection::check,
            "authorization", AuthorizationSection::check,
            "machineKey", MachineKeySection::check,
            "customErrors", SectionReaders::noCheckYet,
            "roleManager", RoleManagerSection::check);

    /**
     * Sections only the application level may declare, as System.Web's {@code allowDefinition="MachineToApplication"}:
     * the site root's web.config, outside any {@code <location>} or in one aimed at the root itself ({@code path=""}
     * or {@code "."}). Anywhere else they are a configuration error.
     */
    static final Set<String> APPLICATION_ONLY = Set.of("authentication", "machineKey", "roleManager");

    /** Tells whether {@code name} is kept as a raw section. */
    static boolean isRaw(String name) {
        return CHECKERS.containsKey(name);
    }

    static void check(RawElement element, List<Problem> problems) {
        CHECKERS.getOrDefault(element.name(), SectionReaders::noCheckYet).accept(element, problems);
    }

    private static void noCheckYet(RawElement element, List<Problem> problems) {}
}
