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
import org.jspecify.annotations.Nullable;

/**
 * The sections kept as {@link RawElement}s and the checks that run on each occurrence when the site loads, so that
 * {@code conduit check} and startup report their errors with file and line like every other section's.
 *
 * <p>A feature registers its section here with a checker that adds a {@link Problem} for each error; at request
 * time it reads the merged occurrences with {@link FolderConfig#sections(String)}. A section that is
 * application-wide (System.Web's {@code allowDefinition="MachineToApplication"}) is also listed in {@link
 * #APPLICATION_LEVEL}: it is an error below the site root, and its merged levels are checked once more as a whole,
 * with the site class loader at hand for provider types.
 */
public final class SectionReaders {
    private SectionReaders() {}

    /** Says whether a type named in configuration can be used as a {@code required}: {@code null}, or why not. */
    @FunctionalInterface
    public interface TypeChecker {
        /** {@code null} when {@code type} names a public concrete class implementing {@code required}; else why not. */
        @Nullable
        String check(String type, Class<?> required);
    }

    /** A check of an application-wide section's merged levels (outermost first). */
    @FunctionalInterface
    interface ApplicationCheck {
        void check(List<RawElement> levels, TypeChecker types, List<Problem> problems);
    }

    /** Section name (under {@code <system.web>}) to its checker. */
    static final Map<String, BiConsumer<RawElement, List<Problem>>> CHECKERS = Map.of(
            "sessionState", SessionStateSettings::check,
            "authentication", AuthenticationSection::check,
            "authorization", AuthorizationSection::check,
            "machineKey", MachineKeySection::check,
            "customErrors", CustomErrorsSettings::check,
            "roleManager", RoleManagerSection::check,
            "trace", dev.conduit.internal.trace.TraceSettings::check);

    /** The application-wide raw sections and the check of their merged levels. */
    static final Map<String, ApplicationCheck> APPLICATION_LEVEL =
            Map.of("sessionState", SessionStateSettings::checkEffective);

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
