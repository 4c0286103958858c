package dev.conduit.feature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The files of a site a request could reach, for a {@link SiteCheck} that goes through all of them (every page, every
 * service): the folders that are never served ({@code bin}, {@code App_*}, hidden ones) are skipped.
 */
public final class SiteFiles {
    private SiteFiles() {}

    /**
     * The virtual paths ({@code /shop/cart.aspx}) of the regular files under {@code root} whose file name {@code
     * accept} takes, outside the folders that are never served, in case-insensitive order.
     *
     * @throws UncheckedIOException when a folder cannot be listed
     */
    public static List<String> served(Path root, Predicate<String> accept) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    String lower = name.toLowerCase(Locale.ROOT);
                    return lower.equals("bin") || lower.startsWith("app_") || name.startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && accept.test(file.getFileName().toString())) {
                        StringBuilder v = new StringBuilder();
                        for (Path part : root.relativize(file)) {
                            v.append('/').append(part);
                        }
                        out.add(v.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }
}
