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

/** {@code conduit routes <site> [folder]}: the effective handler list of a folder, in order, with its origins. */
@Command(
        name = "routes",
        mixinStandardHelpOptions = true,
        description =
                "Lists the effective <httpHandlers> entries of a folder in the order they are tried, each with the"
                        + " file:line it came from.")
final class RoutesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Parameters(index = "1", paramLabel = "FOLDER", defaultValue = "/", description = "a virtual folder, default /")
    String folder;

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
            loaded.routes(folder).forEach(line -> out.println(LoadedSite.asGiven(site, line)));
            return 0;
        }
    }
}
