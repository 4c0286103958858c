package dev.conduit.runtime;

import dev.conduit.ConfigurationException;
import dev.conduit.config.PipelineMode;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.SiteCheck;
import dev.conduit.internal.config.FeatureCatalog;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.diagnostics.MappingDiagnostics;
import dev.conduit.internal.feature.InspectedSite;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.Site;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A site loaded the way the runtime loads it (App_Code compiled, {@code bin/*.jar} on its class loader, every
 * web.config read and checked) but not started: for tools that explain a site, such as {@code conduit check}, {@code
 * routes} and {@code explain}. Closing it releases the site's class loader.
 */
public final class SiteInspector implements AutoCloseable {
    private final SiteConfiguration config;
    private final URLClassLoader loader;

    private SiteInspector(SiteConfiguration config, URLClassLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    /** Which step of loading a site failed. */
    public enum Stage {
        /** Compiling App_Code. */
        APP_CODE,
        /** Reading and checking the web.config files. */
        CONFIGURATION
    }

    /** Loading a site failed: the step, and every problem it found, each with file and line. */
    public static final class LoadException extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final Stage stage;
        private final ConfigurationException problems;
        private final transient Map<String, List<String>> warningsBySection;

        LoadException(Stage stage, ConfigurationException problems) {
            super(problems.getMessage(), problems);
            this.stage = stage;
            this.problems = problems;
            this.warningsBySection = problems.warningsBySection();
        }

        /** What the configuration sets without effect, by section (empty when App_Code failed). */
        public Map<String, List<String>> warningsBySection() {
            return warningsBySection;
        }

        /** The step that failed. */
        public Stage stage() {
            return stage;
        }

        /** Every problem found, in file order. */
        public List<ConfigurationException.Problem> problems() {
            return problems.problems();
        }
    }

    /**
     * Loads {@code site}.
     *
     * @throws LoadException when App_Code does not compile or a web.config has errors, with all of them
     * @throws IllegalArgumentException when {@code site} is not a folder
     */
    public static SiteInspector load(Path site) {
        return load(site, null);
    }

    /**
     * Loads {@code site} in {@code mode}, or in the mode its configuration chooses when that is null.
     *
     * @throws LoadException when App_Code does not compile or a web.config has errors, with all of them
     * @throws IllegalArgumentException when {@code site} is not a folder
     */
    public static SiteInspector load(Path site, @Nullable PipelineMode mode) {
        URLClassLoader loader;
        try {
            loader = Site.compileAndLoad(site);
        } catch (ConfigurationException e) {
            throw new LoadException(Stage.APP_CODE, e);
        }
        try {
            return new SiteInspector(SiteConfiguration.load(site, HandlerTypes.checker(loader), mode), loader);
        } catch (ConfigurationException e) {
            close(loader);
            throw new LoadException(Stage.CONFIGURATION, e);
        } catch (RuntimeException e) {
            close(loader);
            throw e;
        }
    }

    /** The pipeline mode the site was loaded in. */
    public PipelineMode pipelineMode() {
        return config.pipelineMode();
    }

    /** Warnings of every file, as {@code file:line: warning: message}: valid configuration that has no effect. */
    public List<String> warnings() {
        return config.warnings();
    }

    /**
     * The warnings grouped by the section they are about ({@code <system.web><compilation>}), in the order of each
     * section's first warning.
     */
    public Map<String, List<String>> warningsBySection() {
        return config.warningsBySection();
    }

    /** The web.config files found, by folder virtual path ({@code /}, {@code /admin/}). */
    public Map<String, Path> configFiles() {
        return config.configFiles();
    }

    /**
     * The problems the features' site checks find ({@code conduit check}: every page compiled), in the order found;
     * empty when there are none.
     */
    public List<CompilationException.Diagnostic> featureProblems() {
        Path root = config.siteRoot();
        InspectedSite site = new InspectedSite(root, loader, config, Site.compilerFor(root));
        List<CompilationException.Diagnostic> problems = new ArrayList<>();
        for (SiteCheck check : FeatureCatalog.installed().siteChecks()) {
            check.check(site, problems);
        }
        return problems;
    }

    /** The effective handler list of {@code folder} in the order it is tried, one line per entry, with its source. */
    public List<String> routes(String folder) {
        return new MappingDiagnostics(config, loader).routes(folder);
    }

    /** Why {@code verb} on {@code target} maps where it does: each entry tried, and the outcome. */
    public List<String> explain(String verb, String target) {
        return new MappingDiagnostics(config, loader).explain(verb, target);
    }

    @Override
    public void close() {
        close(loader);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
