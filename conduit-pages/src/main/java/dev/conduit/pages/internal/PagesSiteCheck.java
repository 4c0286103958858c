package dev.conduit.pages.internal;

import dev.conduit.HttpException;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCheck;
import dev.conduit.feature.SiteFiles;
import java.nio.file.Path;
import java.util.List;

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
        return SiteFiles.served(root, name -> TemplateFile.Kind.of(name) != null);
    }
}
