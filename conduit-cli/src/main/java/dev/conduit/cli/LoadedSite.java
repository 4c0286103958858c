package dev.conduit.cli;

import dev.conduit.ConfigurationException;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.diagnostics.MappingDiagnostics;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.Site;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** A site's configuration loaded the way the runtime loads it, for the inspection commands. */
final class LoadedSite implements AutoCloseable {
    final SiteConfiguration config;
    final URLClassLoader loader;

    private LoadedSite(SiteConfiguration config, URLClassLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    /**
     * Loads {@code site}; on configuration errors prints each as {@code file:line: message} to {@code err} and
     * returns null.
     */
    static LoadedSite loadOrReport(Path site, PrintWriter err) {
        if (!Files.isDirectory(site)) {
            err.println("conduit: not a folder: " + site);
            return null;
        }
        URLClassLoader loader;
        try {
            loader = Site.compileAndLoad(site);
        } catch (ConfigurationException e) {
            for (ConfigurationException.Problem p : e.problems()) {
                err.println(asGiven(site, p.toString()));
            }
            err.println(e.problems().size() + (e.problems().size() == 1 ? " error" : " errors") + " in the App_Code of "
                    + site);
            return null;
        }
        try {
            return new LoadedSite(SiteConfiguration.load(site, HandlerTypes.checker(loader)), loader);
        } catch (ConfigurationException e) {
            for (ConfigurationException.Problem p : e.problems()) {
                err.println(asGiven(site, p.toString()));
            }
            err.println(e.problems().size() + (e.problems().size() == 1 ? " error" : " errors")
                    + " in the configuration of " + site);
            close(loader);
            return null;
        }
    }

    MappingDiagnostics diagnostics() {
        return new MappingDiagnostics(config, loader);
    }

    /** {@code line} with the site's absolute folder written as the user gave it, so output reads like the command. */
    static String asGiven(Path site, String line) {
        String absolute = site.toAbsolutePath().normalize().toString();
        String given = site.normalize().toString();
        return absolute.equals(given) || given.isEmpty() ? line : line.replace(absolute + "/", given + "/");
    }

    @Override
    public void close() {
        close(loader);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the command is ending anyway
        }
    }
}
