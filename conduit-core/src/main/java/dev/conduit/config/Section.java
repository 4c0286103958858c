package dev.conduit.config;

import dev.conduit.ConfigurationException.Problem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A web.config section: where it may appear, how each occurrence is checked, and how the occurrences of the levels
 * that apply to a path merge into the value the feature reads. A {@link dev.conduit.feature.Feature} registers its
 * sections; the parser knows nothing else about them.
 *
 * <p><b>Order and threading.</b> {@link Check} runs once per occurrence while a web.config is parsed (at start, and
 * when a changed file is reloaded), on the loading thread. {@link SiteCheck} runs once per load, after every file is
 * parsed and before the site serves, with the site's types at hand. {@link Merge} runs lazily, at most once per
 * configuration path and section, on whichever request thread first asks, possibly concurrently with other merges
 * (it must be a pure function of its input); its value is cached for the life of the loaded configuration.
 *
 * <p><b>Failures.</b> Checks add a {@link Problem} per error (file, line, element) and go on, so that one pass reports
 * everything; any problem stops the load ({@code conduit run} refuses to start, a reload keeps the last good
 * configuration). A merge only ever sees occurrences whose checks passed, so it does not report: it must not throw.
 *
 * @param <T> the merged value
 */
public final class Section<T> {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Where a section may appear. */
    public enum Scope {
        /** At any level: the built-in configuration, any web.config, any {@code <location>}. */
        EVERYWHERE,
        /**
         * System.Web's {@code allowDefinition="MachineToApplication"}: the built-in configuration and the site root's
         * web.config, outside any {@code <location>} or in one aimed at the root itself; anywhere else it is a
         * configuration error.
         */
        APPLICATION,
        /**
         * Read at the application level only, like {@link #APPLICATION}, but accepted with a warning that it has no
         * effect elsewhere (System.Web ignores {@code <httpModules>} below the application).
         */
        APPLICATION_ELSEWHERE_IGNORED
    }

    /** Checks one occurrence of the section, adding a problem for each error. */
    @FunctionalInterface
    public interface Check {
        /** Checks {@code occurrence}; called on the loading thread for every occurrence, in file order. */
        void check(ConfigElement occurrence, List<Problem> problems);
    }

    /** Says what in one occurrence is valid but has no effect (a warning each); runs after its check. */
    @FunctionalInterface
    public interface Advice {
        /** Adds a message to {@code warnings} for each thing in {@code occurrence} that is accepted without effect. */
        void advise(ConfigElement occurrence, List<String> warnings);
    }

    /** Merges the occurrences that apply to one configuration path. */
    @FunctionalInterface
    public interface Merge<T> {
        /**
         * The effective value for {@code levels}, the occurrences of the levels that apply, outermost (built-in)
         * first; empty when no level has the section. Pure and thread-safe; never throws for checked input.
         */
        T merge(List<ConfigElement> levels);
    }

    /** What a {@link SiteCheck} sees of the whole site. */
    public interface SiteView {
        /** Every occurrence of the section at every level, built-in ones first, then by file and line. */
        List<ConfigElement> occurrences();

        /** The occurrences that make the application level (what {@code merge} gets for the site root). */
        List<ConfigElement> applicationLevels();

        /** Checks types named in configuration against the site's class loader. */
        TypeChecker types();

        /**
         * The levels of every configuration-bearing path of the site (the site root, each folder with a web.config,
         * each {@code <location>} target), outermost first: what {@code merge} gets for each, for a check of the
         * merged collections everywhere (a name added twice along any chain).
         */
        default List<List<ConfigElement>> levelChains() {
            return List.of(applicationLevels());
        }

        /** The site's pipeline mode: a section read in one mode only checks what that mode reads. */
        default PipelineMode pipelineMode() {
            return PipelineMode.CLASSIC;
        }
    }

    /** A check across the whole site: types named in configuration, rules of the merged application level. */
    @FunctionalInterface
    public interface SiteCheck {
        /** Checks {@code site}, adding a problem for each error; runs once per load, before the site serves. */
        void check(SiteView site, List<Problem> problems);
    }

    private final String path;
    private final String name;
    private final Scope scope;
    private final Check check;
    private final Merge<T> merge;
    private final SiteCheck siteCheck;
    private final Advice advice;
    private final Map<String, Set<String>> inert;
    private final @Nullable String overlayAttribute;
    private final int id;

    private Section(
            String path,
            Scope scope,
            Check check,
            Merge<T> merge,
            SiteCheck siteCheck,
            Advice advice,
            Map<String, Set<String>> inert,
            @Nullable String overlayAttribute) {
        this.path = path;
        this.name = path.substring(path.lastIndexOf('/') + 1);
        this.scope = scope;
        this.check = check;
        this.merge = merge;
        this.siteCheck = siteCheck;
        this.advice = advice;
        this.inert = Map.copyOf(inert);
        this.overlayAttribute = overlayAttribute;
        this.id = IDS.getAndIncrement();
    }

    /**
     * Starts a section definition.
     *
     * @param path the section's place in web.config: its group and name, such as {@code system.web/sessionState}, or
     *     just the name for a top-level section such as {@code appSettings}
     * @param merge how the occurrences of the applying levels merge into the value the feature reads
     * @throws IllegalArgumentException for an empty path or segment
     */
    public static <T> Builder<T> builder(String path, Merge<T> merge) {
        for (String segment : path.split("/", -1)) {
            if (segment.isBlank()) {
                throw new IllegalArgumentException("a section path needs non-empty segments: '" + path + "'");
            }
        }
        return new Builder<>(path, Objects.requireNonNull(merge, "merge"));
    }

    /** The section's path: {@code system.web/sessionState}, {@code appSettings}. */
    public String path() {
        return path;
    }

    /** The element name: the last segment of the path. */
    public String name() {
        return name;
    }

    /** Where the section may appear. */
    public Scope scope() {
        return scope;
    }

    /** Runs the per-occurrence check. */
    public void check(ConfigElement occurrence, List<Problem> problems) {
        check.check(occurrence, problems);
    }

    /** Merges {@code levels}, outermost first. */
    public T merge(List<ConfigElement> levels) {
        return merge.merge(levels);
    }

    /** Runs the advice: warnings for what {@code occurrence} sets without effect. */
    public void advise(ConfigElement occurrence, List<String> warnings) {
        advice.advise(occurrence, warnings);
    }

    /**
     * The attributes of .NET's schema that Conduit accepts on an element of this section without acting on them, by
     * the element's path inside the section ({@code ""} for the section element, {@code forms}, {@code
     * forms/credentials}); the parser removes them, with a warning each, before the check sees the element.
     */
    public Set<String> inertAttributes(String elementPath) {
        return inert.getOrDefault(elementPath, Set.of());
    }

    /**
     * The attribute that names a file overlaying the section ({@code <appSettings file>}), or {@code null}: see {@link
     * Builder#overlayFile(String)}.
     */
    public @Nullable String overlayAttribute() {
        return overlayAttribute;
    }

    /** Runs the site-wide check. */
    public void checkSite(SiteView site, List<Problem> problems) {
        siteCheck.check(site, problems);
    }

    /** A small number unique to this definition in the process, for constant-time lookups of merged values. */
    public int id() {
        return id;
    }

    /** The number of section definitions created so far in the process. */
    public static int count() {
        return IDS.get();
    }

    @Override
    public String toString() {
        return "<" + path.replace("/", "><") + ">";
    }

    /** Builds a {@link Section}. */
    public static final class Builder<T> {
        private final String path;
        private final Merge<T> merge;
        private Scope scope = Scope.EVERYWHERE;
        private Check check = (occurrence, problems) -> {};
        private SiteCheck siteCheck = (site, problems) -> {};
        private Advice advice = (occurrence, warnings) -> {};
        private final Map<String, Set<String>> inert = new HashMap<>();
        private @Nullable String overlayAttribute;

        private Builder(String path, Merge<T> merge) {
            this.path = path;
            this.merge = merge;
        }

        /** Where the section may appear; {@link Scope#EVERYWHERE} by default. */
        public Builder<T> scope(Scope value) {
            this.scope = Objects.requireNonNull(value, "scope");
            return this;
        }

        /** The per-occurrence check; none by default (every attribute and child accepted). */
        public Builder<T> check(Check value) {
            this.check = Objects.requireNonNull(value, "check");
            return this;
        }

        /** The site-wide check; none by default. */
        public Builder<T> siteCheck(SiteCheck value) {
            this.siteCheck = Objects.requireNonNull(value, "siteCheck");
            return this;
        }

        /** What to warn about in an occurrence that the check accepted; nothing by default. */
        public Builder<T> advice(Advice value) {
            this.advice = Objects.requireNonNull(value, "advice");
            return this;
        }

        /**
         * Attributes of .NET's schema for the element at {@code elementPath} ({@code ""} for the section element,
         * {@code forms/credentials} for a descendant) that Conduit accepts without effect: a file that sets one loads,
         * with a warning naming it, and the check never sees it. A misspelled attribute is still the check's error.
         */
        public Builder<T> inert(String elementPath, String... attributes) {
            inert.computeIfAbsent(elementPath, k -> new HashSet<>()).addAll(List.of(attributes));
            return this;
        }

        /**
         * Lets the section name, in {@code attribute}, a file whose entries overlay its own ({@code <appSettings
         * file="Config\\local.config">}): a path relative to the web.config's folder and inside the site, whose root
         * element is the section's, without attributes; its children are read after the section's own, so they win
         * where the merge lets a later entry replace an earlier one. A missing file is a warning (.NET ignores it
         * silently); the file is watched like the web.config.
         */
        public Builder<T> overlayFile(String attribute) {
            this.overlayAttribute = Objects.requireNonNull(attribute, "attribute");
            return this;
        }

        /** The definition. */
        public Section<T> build() {
            return new Section<>(path, scope, check, merge, siteCheck, advice, inert, overlayAttribute);
        }
    }
}
