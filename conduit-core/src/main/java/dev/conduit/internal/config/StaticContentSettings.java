package dev.conduit.internal.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The effective static-file settings of a folder, from {@code <system.webServer>} as IIS spells them.
 *
 * @param defaultDocumentsEnabled whether a request for a folder ending in {@code /} is served its default document
 * @param defaultDocuments the names tried, in order
 * @param mimeTypes extension (lower case, with the dot) to media type: the built-in table with this folder's
 *     {@code <mimeMap>}, {@code <remove>} and {@code <clear/>} applied
 * @param cacheControl the Cache-Control value for static responses, or {@code null} to send none
 */
public record StaticContentSettings(
        boolean defaultDocumentsEnabled,
        List<String> defaultDocuments,
        Map<String, String> mimeTypes,
        @Nullable String cacheControl) {

    /** Copies the collections. */
    public StaticContentSettings {
        defaultDocuments = List.copyOf(defaultDocuments);
        mimeTypes = Map.copyOf(mimeTypes);
    }
}
