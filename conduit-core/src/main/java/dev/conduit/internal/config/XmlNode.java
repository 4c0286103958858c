package dev.conduit.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parsed XML element: name, attributes in order, line, child elements and its own text (trimmed). */
final class XmlNode {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final int line;
    final List<XmlNode> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    /** The line the element's first non-blank text starts on; 0 when it has none. */
    int textLine;

    XmlNode(String name, int line) {
        this.name = name;
        this.line = line;
    }

    @Nullable
    String attr(String attribute) {
        return attributes.get(attribute);
    }

    String text() {
        return text.toString().strip();
    }
}
