package dev.conduit.cli;

import dev.conduit.ConfigurationException;
import dev.conduit.config.PipelineMode;
import dev.conduit.runtime.SiteInspector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A site loaded the way the runtime loads it, for the inspection commands. */
final class LoadedSite {
    private LoadedSite() {}

    /**
     * Loads {@code site}; on errors prints each as {@code file:line: message} to {@code err} and returns null.
     */
    static @Nullable SiteInspector loadOrReport(Path site, @Nullable PipelineMode mode, PrintWriter err) {
        if (!Files.isDirectory(site)) {
            err.println("conduit: not a folder: " + site);
            return null;
        }
        try {
            return SiteInspector.load(site, mode);
        } catch (SiteInspector.LoadException e) {
            printWarnings(site, e.warningsBySection(), err);
            for (ConfigurationException.Problem p : e.problems()) {
                err.println(asGiven(site, p.toString()));
            }
            int n = e.problems().size();
            String where = e.stage() == SiteInspector.Stage.APP_CODE ? "the App_Code" : "the configuration";
            err.println(n + (n == 1 ? " error" : " errors") + " in " + where + " of " + site);
            return null;
        }
    }

    /**
     * Prints what the configuration sets without effect, grouped by section: a heading per section with its count,
     * then each place, indented.
     */
    static void printWarnings(Path site, Map<String, List<String>> bySection, PrintWriter out) {
        if (bySection.isEmpty()) {
            return;
        }
        int total = bySection.values().stream().mapToInt(List::size).sum();
        out.println("Accepted without effect in Conduit (" + total + (total == 1 ? " warning" : " warnings")
                + "), by section:");
        bySection.forEach((section, warnings) -> {
            out.println("  " + section + " (" + warnings.size() + ")");
            for (String w : warnings) {
                out.println("    " + asGiven(site, w));
            }
        });
    }

    /** {@code line} with the site's absolute folder written as the user gave it, so output reads like the command. */
    static String asGiven(Path site, String line) {
        String absolute = site.toAbsolutePath().normalize().toString();
        String given = site.normalize().toString();
        return absolute.equals(given) || given.isEmpty() ? line : line.replace(absolute + "/", given + "/");
    }
}
