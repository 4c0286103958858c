package dev.conduit.pages.internal;

import dev.conduit.HttpException;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCheck;
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

/**
 * {@code conduit check}'s part for pages: parses and compiles every {@code .aspx}, {@code .ascx} and {@code .master}
 * of the site, each with what it depends on, as ASP.NET's precompilation does (so a user control only ever loaded
 * with {@code loadControl} is checked too), and lists every error as file:line. Folders that are never served
 * ({@code bin}, {@code App_*}, hidden ones) are skipped.
 */
final class PagesSiteCheck implements SiteCheck {
    @Override
    public void check(FeatureSite site, List<CompilationException.Diagnostic> problems) {
        for (String path : templates(site.root())) {
            try {
                TemplateUnit.compile(site, site.section(PagesSection.SECTION, path), path);
            } catch (CompilationException e) {
                for (CompilationException.Diagnostic d : e.diagnostics()) {
                    if (!problems.contains(d)) {
                        problems.add(d);
                    }
                }
            } catch (HttpException e) {
                problems.add(new CompilationException.Diagnostic(path, 1, 1, e.getMessage(), ""));
            }
        }
    }

    /** The virtual paths of the site's templates, in a stable order. */
    static List<String> templates(Path root) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.equals(root) ? "" : dir.getFileName().toString();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!dir.equals(root)
                            && (lower.equals("bin") || lower.startsWith("app_") || name.startsWith("."))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()
                            && TemplateFile.Kind.of(file.getFileName().toString()) != null) {
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
