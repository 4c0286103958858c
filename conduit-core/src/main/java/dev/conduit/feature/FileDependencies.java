package dev.conduit.feature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The files something was built from (a page, its user controls and master page), as they were when it was built, so
 * a feature can tell when to build it again: System.Web's BuildManager keeps the same list of virtual dependencies
 * per compiled item. A change is any difference in a file's size, modification time or identity (a file replaced by
 * another), or a file appearing or disappearing. Immutable and thread-safe; {@link #changed()} costs one {@code stat}
 * per file.
 */
public final class FileDependencies {
    private record Stamp(Path file, long size, long modified, @Nullable Object identity) {}

    private final List<Stamp> stamps;

    private FileDependencies(List<Stamp> stamps) {
        this.stamps = List.copyOf(stamps);
    }

    /** The current state of {@code files} (a missing file is recorded as missing). */
    public static FileDependencies of(Collection<Path> files) {
        List<Stamp> stamps = new ArrayList<>(files.size());
        for (Path f : files) {
            stamps.add(stamp(f));
        }
        return new FileDependencies(stamps);
    }

    /** Tells whether any of the files differs from when this was made. */
    public boolean changed() {
        for (Stamp s : stamps) {
            if (!s.equals(stamp(s.file()))) {
                return true;
            }
        }
        return false;
    }

    /** The files, in the order given. */
    public List<Path> files() {
        return stamps.stream().map(Stamp::file).toList();
    }

    private static Stamp stamp(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file, a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
        } catch (NoSuchFileException e) {
            return new Stamp(file, -1, -1, null);
        } catch (IOException e) {
            return new Stamp(file, -2, -2, null); // unreadable now: differs from any readable state
        }
    }
}
