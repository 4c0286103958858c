package dev.conduit.internal.mapping;

/**
 * Tells what a file path names on disk, for the handler entries whose {@code resourceType} asks (integrated mode's
 * {@code File}, {@code Directory}, {@code Either}); consulted only when such an entry is reached, at most once per
 * lookup.
 */
@FunctionalInterface
public interface ResourceProbe {
    /** What a path names. */
    enum Kind {
        /** Nothing. */
        MISSING,
        /** A file. */
        FILE,
        /** A folder. */
        DIRECTORY
    }

    /** For lookups that cannot look (classic tables never ask): as if nothing were there. */
    ResourceProbe NOTHING = filePath -> Kind.MISSING;

    /** What {@code filePath} (app-absolute) names. */
    Kind kind(String filePath);
}
