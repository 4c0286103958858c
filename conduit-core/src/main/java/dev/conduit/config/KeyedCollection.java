package dev.conduit.config;

import dev.conduit.ConfigurationException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one merge of System.Web's keyed collections: {@code <add>}, {@code <remove>} and {@code <clear/>} lines applied
 * level by level, outermost first. Each collection states its {@link Policy} in one line; handlers, modules,
 * appSettings, connectionStrings, MIME maps, default documents and providers all merge here.
 *
 * <p>Within a level the lines apply in document order: {@code <clear/>} drops every entry so far (inherited and
 * local), {@code <remove>} drops the entry with that key, {@code <add>} adds one. Where a level's own entries then
 * stand, and what an {@code <add>} of a key already present does, is the policy's.
 */
public final class KeyedCollection {
    private KeyedCollection() {}

    /** Where a level's own entries go, relative to the inherited ones. */
    public enum Order {
        /** After them, as System.Web's AddRemoveClearMap ({@code <httpModules>}, {@code <appSettings>}). */
        INHERITED_FIRST,
        /**
         * Ahead of them, as AddRemoveClearMapAlternate ({@code <httpHandlers>}) and IIS's {@code mergeAppend="false"}
         * collections ({@code <defaultDocument><files>}): the nearest level's entries are tried first.
         */
        LOCAL_FIRST
    }

    /**
     * The policy of a {@code <providers>} collection (System.Web's ProviderSettingsCollection): a level's providers
     * after the inherited ones; adding a name again is an error unless the line is identical; removing a missing name
     * is silent; names compare ignoring case.
     */
    public static final Policy PROVIDERS = new Policy(
            "provider",
            e -> e.attr("name"),
            Order.INHERITED_FIRST,
            Duplicate.ERROR_UNLESS_IDENTICAL,
            false,
            true,
            "add");

    /** What an {@code <add>} does when its key is present already. */
    public enum Duplicate {
        /** The new entry takes the old one's place (a map put). */
        REPLACE_IN_PLACE,
        /** The old entry is dropped and the new one added as if new ({@code <httpHandlers>}). */
        REPLACE_AND_MOVE,
        /** A configuration error; the old entry stays. */
        ERROR,
        /** A configuration error unless every attribute is the same, then nothing happens ({@code <httpModules>}). */
        ERROR_UNLESS_IDENTICAL
    }

    /**
     * A collection's merge rules.
     *
     * @param noun what an entry is called in messages ({@code module}, {@code handler})
     * @param key the entry's key, from its {@code <add>} or {@code <remove>} line
     * @param order where a level's own entries go
     * @param duplicate what an {@code <add>} of a present key does
     * @param missingRemoveIsError whether {@code <remove>} of a key that is not there is an error (else it is silent)
     * @param ignoreCase whether keys compare ignoring case
     * @param addName the element name of an add line ({@code add}; {@code mimeMap} in {@code <staticContent>})
     */
    public record Policy(
            String noun,
            Function<ConfigElement, @Nullable String> key,
            Order order,
            Duplicate duplicate,
            boolean missingRemoveIsError,
            boolean ignoreCase,
            String addName) {

        /** Checks the components. */
        public Policy {
            Objects.requireNonNull(noun, "noun");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(duplicate, "duplicate");
            Objects.requireNonNull(addName, "addName");
        }

        /** A policy keyed by one attribute, with {@code <add>} lines. */
        public static Policy of(
                String noun,
                String keyAttribute,
                Order order,
                Duplicate duplicate,
                boolean missingRemoveIsError,
                boolean ignoreCase) {
            return new Policy(
                    noun, e -> e.attr(keyAttribute), order, duplicate, missingRemoveIsError, ignoreCase, "add");
        }

        /** This policy with add lines named {@code name}. */
        public Policy withAddName(String name) {
            return new Policy(noun, key, order, duplicate, missingRemoveIsError, ignoreCase, name);
        }

        private @Nullable String keyOf(ConfigElement line) {
            String k = key.apply(line);
            return k == null ? null : ignoreCase ? k.toLowerCase(Locale.ROOT) : k;
        }
    }

    /**
     * Merges {@code levels}, each the collection element of one level (its children are the lines; children that are
     * not add, remove or clear lines are skipped), outermost first.
     *
     * @param problems receives the errors the policy defines (duplicates, removes of missing keys); a merge at
     *     request time, of levels already checked at load, passes a list it ignores
     * @return the add lines in effect, in order
     */
    public static List<ConfigElement> merge(Policy policy, List<ConfigElement> levels, List<Problem> problems) {
        LinkedHashMap<String, ConfigElement> inherited = new LinkedHashMap<>();
        for (ConfigElement level : levels) {
            LinkedHashMap<String, ConfigElement> local =
                    policy.order() == Order.LOCAL_FIRST ? new LinkedHashMap<>() : inherited;
            for (ConfigElement line : level.children()) {
                apply(policy, line, inherited, local, problems);
            }
            if (local != inherited && !local.isEmpty()) {
                LinkedHashMap<String, ConfigElement> merged = new LinkedHashMap<>(local);
                merged.putAll(inherited);
                inherited = merged;
            }
        }
        return new ArrayList<>(inherited.values());
    }

    private static void apply(
            Policy policy,
            ConfigElement line,
            LinkedHashMap<String, ConfigElement> inherited,
            LinkedHashMap<String, ConfigElement> local,
            List<Problem> problems) {
        if (line.name().equals("clear")) {
            inherited.clear();
            local.clear();
            return;
        }
        boolean add = line.name().equals(policy.addName());
        if (!add && !line.name().equals("remove")) {
            return;
        }
        String key = policy.keyOf(line);
        if (key == null) {
            return; // a line without its key attribute: the section's check reported it
        }
        ConfigElement present = local.containsKey(key) ? local.get(key) : inherited.get(key);
        if (!add) {
            if (present == null && policy.missingRemoveIsError()) {
                problems.add(line.problem("there is no " + policy.noun() + " named '"
                        + policy.key().apply(line) + "' to remove"));
            }
            inherited.remove(key);
            local.remove(key);
            return;
        }
        if (present == null) {
            local.put(key, line);
            return;
        }
        switch (policy.duplicate()) {
            case REPLACE_IN_PLACE -> {
                if (local.containsKey(key)) {
                    local.put(key, line);
                } else {
                    inherited.put(key, line);
                }
            }
            case REPLACE_AND_MOVE -> {
                inherited.remove(key);
                local.remove(key);
                local.put(key, line);
            }
            case ERROR -> problems.add(alreadyAdded(policy, line, present));
            case ERROR_UNLESS_IDENTICAL -> {
                if (!identical(policy, present, line)) {
                    problems.add(alreadyAdded(policy, line, present));
                }
            }
        }
    }

    /** The same attributes with the same values (compared ignoring case when the policy's keys are). */
    private static boolean identical(Policy policy, ConfigElement a, ConfigElement b) {
        if (!a.attributes().keySet().equals(b.attributes().keySet())) {
            return false;
        }
        for (var e : a.attributes().entrySet()) {
            String other = b.attributes().get(e.getKey());
            boolean same = policy.ignoreCase()
                    ? e.getValue().equalsIgnoreCase(other)
                    : e.getValue().equals(other);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static Problem alreadyAdded(Policy policy, ConfigElement line, ConfigElement present) {
        return line.problem("the " + policy.noun() + " '" + policy.key().apply(line) + "' has already been added (at "
                + present.source() + "); <remove> it first to replace it");
    }
}
