package dev.conduit.internal.mapping;

import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;

/**
 * One entry of a folder's effective handler list: verb and path patterns, the type to run, and where it came from.
 *
 * @param verb the compiled verb list
 * @param path the compiled path pattern
 * @param type the handler or factory type, as written
 * @param validate whether the type was checked at load
 * @param source the file and line of the {@code <add>}
 */
public record HandlerMapping(VerbPattern verb, PathPattern path, String type, boolean validate, Source source) {

    /** Compiles an {@code <httpHandlers><add>} line that its section's check accepted. */
    public static HandlerMapping of(ConfigElement add) {
        return new HandlerMapping(
                VerbPattern.compile(add.attributes().getOrDefault("verb", "")),
                PathPattern.compile(add.attributes().getOrDefault("path", "")),
                add.attributes().getOrDefault("type", ""),
                !"false".equalsIgnoreCase(add.attr("validate")),
                add.source());
    }

    /** Tells whether this entry maps {@code verb} on {@code filePath}. */
    public boolean matches(String verbText, String filePath) {
        return verb.matches(verbText) && path.matches(filePath);
    }

    /** {@code verb="…" path="…" type="…"}, as the entry would be written. */
    public String describe() {
        return "verb=\"" + verb.text() + "\" path=\"" + path.text() + "\" type=\"" + type + "\"";
    }
}
