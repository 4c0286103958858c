package dev.conduit.config;

import dev.conduit.ConfigurationElement;
import dev.conduit.ConfigurationException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One element of a web.config as parsed: a read-only view of its name, attributes and children, with where it starts.
 * A {@link Section}'s check and merge read their section through it.
 *
 * @param name the element name
 * @param attributes the attributes in document order ({@code xmlns} declarations included)
 * @param children the child elements in document order
 * @param source where the element starts
 * @param text the element's own text, trimmed (kept for sections declared in {@code <configSections>}; a section
 *     Conduit implements has none: text there is a configuration error)
 */
public record ConfigElement(
        String name, Map<String, String> attributes, List<ConfigElement> children, Source source, String text)
        implements ConfigurationElement {

    /** Copies the collections. */
    public ConfigElement {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /** An element without text. */
    public ConfigElement(String name, Map<String, String> attributes, List<ConfigElement> children, Source source) {
        this(name, attributes, children, source, "");
    }

    @Override
    public String where() {
        return source.toString();
    }

    @Override
    public @Nullable String attr(String attribute) {
        return attributes.get(attribute);
    }

    /** The first child named {@code childName}, or {@code null}. */
    public @Nullable ConfigElement child(String childName) {
        for (ConfigElement c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** A configuration problem at this element: its file, line and name with {@code message}. */
    public Problem problem(String message) {
        return new Problem(source.file(), source.line(), name, message);
    }

    @Override
    public List<ConfigElement> children(String childName) {
        List<ConfigElement> out = new ArrayList<>(2);
        for (ConfigElement c : children) {
            if (c.name().equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }
}
