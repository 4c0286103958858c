package dev.conduit.internal.security;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpCookie;
import dev.conduit.config.ConfigElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the section readers: attribute access, lists, booleans, and problems with file and line. */
final class SectionChecks {
    private SectionChecks() {}

    /** An attribute's value and the element that carries it (for the line of an error). */
    record Attribute(String value, ConfigElement element) {}

    static @Nullable Attribute attribute(ConfigElement e, String name) {
        String v = e.attr(name);
        return v == null ? null : new Attribute(v, e);
    }

    /** A comma-separated list, trimmed; an empty entry is an error. */
    static List<String> names(Attribute list, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        for (String part : list.value().split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                problem(problems, list.element(), "empty name in the list '" + list.value() + "'");
            } else {
                out.add(name);
            }
        }
        return out;
    }

    static @Nullable String requiredName(ConfigElement e, String attribute, List<Problem> problems) {
        String v = e.attr(attribute);
        if (v == null || v.isBlank()) {
            problem(problems, e, "<" + e.name() + "> needs a non-empty '" + attribute + "'");
            return null;
        }
        return v.trim();
    }

    static void checkAttributes(ConfigElement e, Set<String> allowed, List<Problem> problems) {
        for (String name : e.attributes().keySet()) {
            if (!allowed.contains(name) && !name.startsWith("xmlns")) {
                problem(problems, e, "unknown attribute '" + name + "' on <" + e.name() + ">");
            }
        }
    }

    static void noChildren(ConfigElement e, List<Problem> problems) {
        for (ConfigElement c : e.children()) {
            problem(problems, c, "unknown element <" + c.name() + "> in <" + e.name() + ">");
        }
    }

    static boolean bool(@Nullable Attribute a, String name, boolean dflt, List<Problem> problems) {
        if (a == null) {
            return dflt;
        }
        if (a.value().equalsIgnoreCase("true")) {
            return true;
        }
        if (a.value().equalsIgnoreCase("false")) {
            return false;
        }
        problem(problems, a.element(), name + " must be true or false: '" + a.value() + "'");
        return dflt;
    }

    static void checkFixed(
            @Nullable Attribute a, Set<String> accepted, List<Problem> problems, Function<String, String> message) {
        if (a != null && !accepted.contains(a.value())) {
            problem(problems, a.element(), message.apply(a.value()));
        }
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isCookieName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            HttpCookie.of(s, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isCookieAttribute(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c == ',') {
                return false;
            }
        }
        return true;
    }

    static void problem(List<Problem> problems, ConfigElement e, String message) {
        problems.add(new Problem(e.source().file(), e.source().line(), e.name(), message));
    }
}
