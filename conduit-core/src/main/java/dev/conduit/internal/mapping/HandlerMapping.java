package dev.conduit.internal.mapping;

import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a folder's effective handler list: verb and path patterns, the type to run, and where it came from;
 * for an integrated-mode entry also its name, the resource it needs on disk and the access it requires.
 *
 * @param verb the compiled verb list
 * @param path the compiled path pattern
 * @param type the handler or factory type, as written (for a native IIS module, the Conduit type that stands for it)
 * @param validate whether the type was checked at load
 * @param source the file and line of the {@code <add>}
 * @param name the entry's name ({@code <system.webServer><handlers>}), or null for a classic entry
 * @param resourceType what must exist on disk for the entry to apply
 * @param requireAccess the access the folder's policy must grant
 * @param managed whether the handler is managed code ({@code type}) rather than a native IIS module: in integrated
 *     mode a {@code managedHandler} module runs only for managed ones
 */
public record HandlerMapping(
        VerbPattern verb,
        PathPattern path,
        String type,
        boolean validate,
        Source source,
        @Nullable String name,
        ResourceType resourceType,
        AccessPolicy.Access requireAccess,
        boolean managed) {

    /** Compiles an {@code <httpHandlers><add>} line that its section's check accepted. */
    public static HandlerMapping of(ConfigElement add) {
        return new HandlerMapping(
                VerbPattern.compile(add.attributes().getOrDefault("verb", "")),
                PathPattern.compile(add.attributes().getOrDefault("path", "")),
                add.attributes().getOrDefault("type", ""),
                !"false".equalsIgnoreCase(add.attr("validate")),
                add.source(),
                null,
                ResourceType.UNSPECIFIED,
                AccessPolicy.Access.NONE,
                true);
    }

    /** Tells whether this entry maps {@code verb} on {@code filePath} (its resource type aside). */
    public boolean matches(String verbText, String filePath) {
        return verb.matches(verbText) && path.matches(filePath);
    }

    /** Whether the entry's verbs include {@code verbText} (its path already known to match). */
    boolean matchesVerb(String verbText) {
        return verb.matches(verbText);
    }

    /** {@code verb="…" path="…" type="…"} as the entry would be written (with its name first when it has one). */
    public String describe() {
        return (name == null ? "" : "name=\"" + name + "\" ") + "verb=\"" + verb.text() + "\" path=\"" + path.text()
                + "\" type=\"" + type + "\""
                + (resourceType == ResourceType.UNSPECIFIED ? "" : " resourceType=\"" + resourceType + "\"");
    }
}
