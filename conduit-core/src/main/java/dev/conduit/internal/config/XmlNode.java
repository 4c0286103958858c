package dev.conduit.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parsed XML element: name, attributes in order, line, child elements. Text content is not kept. */
final class XmlNode {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final int line;
    final List<XmlNode> children = new ArrayList<>();

    XmlNode(String name, int line) {
        this.name = name;
        this.line = line;
    }

    @Nullable
    String attr(String attribute) {
        return attributes.get(attribute);
    }
}
