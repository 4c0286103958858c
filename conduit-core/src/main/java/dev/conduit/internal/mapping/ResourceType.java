package dev.conduit.internal.mapping;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code <system.webServer><handlers><add resourceType>}: what must exist on disk for the entry to apply; when it
 * does not, the lookup goes on to the next entry (spec §2.7).
 */
public enum ResourceType {
    /** No condition (the default, and every classic entry). */
    UNSPECIFIED,
    /** A file. */
    FILE,
    /** A folder. */
    DIRECTORY,
    /** A file or a folder. */
    EITHER;

    /** The value {@code text} names, ignoring case; null for none. */
    public static @Nullable ResourceType parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "unspecified" -> UNSPECIFIED;
            case "file" -> FILE;
            case "directory" -> DIRECTORY;
            case "either" -> EITHER;
            default -> null;
        };
    }

    /** The value as IIS spells it: {@code File}, {@code Either}. */
    @Override
    public String toString() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** Tells whether an entry with this condition applies to what the path names. */
    public boolean admits(ResourceProbe.Kind kind) {
        return switch (this) {
            case UNSPECIFIED -> true;
            case FILE -> kind == ResourceProbe.Kind.FILE;
            case DIRECTORY -> kind == ResourceProbe.Kind.DIRECTORY;
            case EITHER -> kind != ResourceProbe.Kind.MISSING;
        };
    }
}
