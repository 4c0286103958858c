package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import java.util.List;
import java.util.Map;
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
            "authentication", SectionReaders::noCheckYet,
            "authorization", SectionReaders::noCheckYet,
            "machineKey", SectionReaders::noCheckYet,
            "customErrors", CustomErrorsSettings::check,
            "roleManager", SectionReaders::noCheckYet,
            "trace", dev.conduit.internal.trace.TraceSettings::check);

    /** Tells whether {@code name} is kept as a raw section. */
    static boolean isRaw(String name) {
        return CHECKERS.containsKey(name);
    }

    static void check(RawElement element, List<Problem> problems) {
        CHECKERS.getOrDefault(element.name(), SectionReaders::noCheckYet).accept(element, problems);
    }

    private static void noCheckYet(RawElement element, List<Problem> problems) {}
}
