package dev.conduit.cli;

import dev.conduit.feature.CompilationException;
import dev.conduit.runtime.SiteInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conduit check <site>}: loads every web.config the way the server does and reports every problem. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Checks every web.config of a site and compiles its pages, user controls and master pages; prints"
                + " each error as file:line: message and exits 1 if there is any.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineModeOption pipelineMode = new PipelineModeOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SiteInspector loaded = LoadedSite.loadOrReport(site, pipelineMode.mode, err)) {
            if (loaded == null) {
                return 1;
            }
            LoadedSite.printWarnings(site, loaded.warningsBySection(), out);
            List<CompilationException.Diagnostic> problems = loaded.featureProblems();
            for (CompilationException.Diagnostic d : problems) {
                err.println(site.resolve(d.file().substring(1)) + ":" + d.line() + ": " + d.message());
            }
            if (!problems.isEmpty()) {
                err.println(problems.size() + " error" + (problems.size() == 1 ? "" : "s") + " in " + site);
                return 1;
            }
            int files = loaded.configFiles().size();
            out.println("OK: " + files + " web.config file" + (files == 1 ? "" : "s") + " in " + site + ", no errors ("
                    + loaded.pipelineMode() + " pipeline mode)");
            return 0;
        }
    }
}
