package dev.conduit.internal.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A configuration section kept as parsed XML, for the features that read their own section ({@code <sessionState>},
 * {@code <authentication>}, {@code <authorization>}, {@code <machineKey>}, {@code <customErrors>}, {@code <trace>},
 * {@code <roleManager>}). Each feature has a reader that checks the element and turns it into typed settings; see
 * {@link SectionReaders}.
 *
 * @param name the element name
 * @param attributes the attributes in document order
 * @param children the child elements in document order
 * @param source where the element starts
 */
public record RawElement(String name, Map<String, String> attributes, List<RawElement> children, Source source) {

    /** Copies the collections. */
    public RawElement {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    /** The attribute's value, or {@code null}. */
    public @Nullable String attr(String attribute) {
        return attributes.get(attribute);
    }

    /** The first child named {@code childName}, or {@code null}. */
    public @Nullable RawElement child(String childName) {
        for (RawElement c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }
}
