package dev.conduit.services.internal;

import dev.conduit.HttpException;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.SiteCheck;
import dev.conduit.feature.SiteFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code conduit check}'s part for web services: parses and compiles every {@code .asmx} of the site and describes its
 * class (operations, types), so an overload without its message name or a Map parameter shows up before the first
 * call. Folders that are never served ({@code bin}, {@code App_*}, hidden ones) are skipped.
 */
final class ServicesSiteCheck implements SiteCheck {
    @Override
    public void check(FeatureSite site, List<CompilationException.Diagnostic> problems) {
        for (String path : services(site.root())) {
            Path file = site.root().resolve(path.substring(1));
            try {
                ServiceDescription.of(CompiledServices.of(site).serviceClass(path, file));
            } catch (CompilationException e) {
                for (CompilationException.Diagnostic d : e.diagnostics()) {
                    if (!problems.contains(d)) {
                        problems.add(d);
                    }
                }
            } catch (HttpException | ServiceDescription.InvalidServiceException e) {
                problems.add(new CompilationException.Diagnostic(path, 1, 1, e.getMessage(), ""));
            } catch (IOException e) {
                problems.add(new CompilationException.Diagnostic(path, 1, 1, "cannot read: " + e.getMessage(), ""));
            }
        }
    }

    /** The virtual paths of the site's .asmx files, in a stable order. */
    static List<String> services(Path root) {
        return SiteFiles.served(root, name -> name.toLowerCase(Locale.ROOT).endsWith(".asmx"));
    }
}
