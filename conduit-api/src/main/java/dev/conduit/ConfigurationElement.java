package dev.conduit;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one element of a web.config as written: what {@link HttpContext#getSection(String)} returns for
 * a section declared in {@code <configSections>} (log4net's, a site's own), the Java form of reading {@code
 * SectionInformation.GetRawXml()}. Attribute values are as in the file, entities decoded; nothing is validated beyond
 * well-formed XML.
 */
public interface ConfigurationElement {
    /** The element name, as written ({@code log4net}, {@code appender}). */
    String name();

    /** The attributes in document order. */
    Map<String, String> attributes();

    /** The attribute's value, or {@code null} when the element does not have it. */
    @Nullable
    String attr(String attribute);

    /** The child elements in document order. */
    List<? extends ConfigurationElement> children();

    /** The child elements named {@code childName}, in document order. */
    List<? extends ConfigurationElement> children(String childName);

    /** The element's own text (CDATA included), trimmed; empty when it has none. */
    String text();

    /** Where the element starts: {@code path/to/web.config:12}. */
    String where();
}
