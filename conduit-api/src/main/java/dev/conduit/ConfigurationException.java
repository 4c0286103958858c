package dev.conduit;

import java.io.Serial;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One or more errors in a site's configuration, each naming the file, the line and the element.
 *
 * <p>The loader reports every error of a file in one pass, so {@link #problems()} may hold several; {@link
 * #getMessage()} lists them all as {@code file:line: message}.
 */
public final class ConfigurationException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One configuration problem.
     *
     * @param file the file it is in, or {@code null} for the built-in configuration
     * @param line the 1-based line, or 0 when unknown
     * @param element the element name, or an empty string
     * @param message what is wrong, and the rule it breaks
     */
    public record Problem(@Nullable Path file, int line, String element, String message) {
        /** The problem as {@code file:line: message}. */
        @Override
        public String toString() {
            String where = file == null ? "<built-in>" : file.toString();
            return where + ":" + line + ": " + message;
        }
    }

    private final List<Problem> problems;
    private final transient Map<String, List<String>> warningsBySection;

    /** Creates an exception for {@code problems}, which must not be empty. */
    public ConfigurationException(List<Problem> problems) {
        this(problems, Map.of());
    }

    /**
     * Creates an exception for {@code problems}, which must not be empty, with the warnings found on the way (what the
     * configuration sets without effect, by section), for tools that show both.
     */
    public ConfigurationException(List<Problem> problems, Map<String, List<String>> warningsBySection) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
        this.warningsBySection = Collections.unmodifiableMap(new LinkedHashMap<>(warningsBySection));
    }

    /** Creates an exception for one problem. */
    public ConfigurationException(@Nullable Path file, int line, String element, String message) {
        this(List.of(new Problem(file, line, element, message)));
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The warnings found while reading the configuration, grouped by the section they are about ({@code
     * <system.web><compilation>}); empty when none were collected.
     */
    public Map<String, List<String>> warningsBySection() {
        return warningsBySection == null ? Map.of() : warningsBySection;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
