package dev.conduit.config;

import dev.conduit.ConfigurationException.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks most sections make of their elements, with System.Web's wording: allowed attributes, required ones,
 * booleans, no children, and the lines of a keyed collection. Each adds a {@link Problem} at the element's file and
 * line and returns, so a check goes on to report everything in one pass.
 */
public final class ElementChecks {
    private ElementChecks() {}

    /** Reports each attribute of {@code e} not in {@code allowed} ({@code xmlns} declarations are always allowed). */
    public static void attributes(ConfigElement e, Set<String> allowed, List<Problem> problems) {
        for (String name : e.attributes().keySet()) {
            if (!allowed.contains(name) && !name.startsWith("xmlns")) {
                problems.add(e.problem("unknown attribute '" + name + "' on <" + e.name() + ">"));
            }
        }
    }

    /** Reports every attribute of {@code e}. */
    public static void noAttributes(ConfigElement e, List<Problem> problems) {
        attributes(e, Set.of(), problems);
    }

    /** Reports every child element of {@code e}. */
    public static void noChildren(ConfigElement e, List<Problem> problems) {
        for (ConfigElement child : e.children()) {
            problems.add(child.problem("<" + e.name() + "> takes no child elements, found <" + child.name() + ">"));
        }
    }

    /** The attribute's value; reported when absent. */
    public static @Nullable String required(ConfigElement e, String attribute, List<Problem> problems) {
        String value = e.attr(attribute);
        if (value == null) {
            problems.add(e.problem("<" + e.name() + "> needs the attribute '" + attribute + "'"));
        }
        return value;
    }

    /** The attribute's value; reported when absent or blank. */
    public static @Nullable String requiredNonEmpty(ConfigElement e, String attribute, List<Problem> problems) {
        String value = required(e, attribute, problems);
        if (value != null && value.isBlank()) {
            problems.add(e.problem("the attribute '" + attribute + "' of <" + e.name() + "> must not be empty"));
            return null;
        }
        return value;
    }

    /** The attribute as {@code true} or {@code false} (any case), {@code dflt} when absent; anything else reported. */
    public static boolean bool(ConfigElement e, String attribute, boolean dflt, List<Problem> problems) {
        String value = e.attr(attribute);
        if (value == null) {
            return dflt;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        problems.add(e.problem("the attribute '" + attribute + "' must be true or false: '" + value + "'"));
        return dflt;
    }

    /**
     * Checks the lines of a keyed collection: {@code <add>} with {@code keyAttribute} and the {@code required} ones
     * (plus the {@code optional} ones), {@code <remove>} with the key only, {@code <clear/>} with nothing; no line
     * has children; any other element is reported.
     */
    public static void keyedLines(
            ConfigElement collection,
            String keyAttribute,
            List<String> required,
            List<String> optional,
            List<Problem> problems) {
        Set<String> allowed = new HashSet<>(required);
        allowed.addAll(optional);
        allowed.add(keyAttribute);
        for (ConfigElement line : collection.children()) {
            switch (line.name()) {
                case "add" -> {
                    attributes(line, allowed, problems);
                    required(line, keyAttribute, problems);
                    for (String r : required) {
                        required(line, r, problems);
                    }
                }
                case "remove" -> {
                    attributes(line, Set.of(keyAttribute), problems);
                    required(line, keyAttribute, problems);
                }
                case "clear" -> noAttributes(line, problems);
                default ->
                    problems.add(line.problem("unknown element <" + line.name() + "> in <" + collection.name() + ">"));
            }
            noChildren(line, problems);
        }
    }
}
