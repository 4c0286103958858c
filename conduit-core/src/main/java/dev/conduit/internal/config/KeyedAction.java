package dev.conduit.internal.config;

import org.jspecify.annotations.Nullable;

/**
 * One line of a keyed add/remove/clear collection such as {@code <appSettings>}, {@code <connectionStrings>}, or
 * the default-document and MIME-map lists.
 *
 * @param kind what the line does
 * @param key the key ({@code key}, {@code name}, {@code value} or {@code fileExtension}); empty for clear
 * @param value the value ({@code value}, {@code connectionString}, {@code mimeType}); {@code null} when none
 * @param extra a second value ({@code providerName}); {@code null} when none
 */
public record KeyedAction(Kind kind, String key, @Nullable String value, @Nullable String extra, Source source) {

    /** What a line does. */
    public enum Kind {
        ADD,
        REMOVE,
        CLEAR
    }
}
