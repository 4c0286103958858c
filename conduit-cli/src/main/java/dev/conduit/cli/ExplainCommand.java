package dev.conduit.cli;

import dev.conduit.runtime.SiteInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conduit explain <site> <VERB> <path>}: which entry maps a request, and why the earlier ones did not. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Shows how a request is mapped: path parsing, protected folders, path info, default document,"
                + " each entry tried and why it did or did not match, and the outcome.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Parameters(index = "1", paramLabel = "VERB", description = "the HTTP method, case-sensitive (GET, POST, ...)")
    String verb;

    @Parameters(index = "2", paramLabel = "PATH", description = "the request path, optionally with a query string")
    String path;

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineModeOption pipelineMode = new PipelineModeOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SiteInspector loaded = LoadedSite.loadOrReport(
                site, pipelineMode.mode, spec.commandLine().getErr())) {
            if (loaded == null) {
                return 1;
            }
            loaded.explain(verb, path).forEach(line -> out.println(LoadedSite.asGiven(site, line)));
            return 0;
        }
    }
}
