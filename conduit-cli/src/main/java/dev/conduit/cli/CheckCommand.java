package dev.conduit.cli;

import dev.conduit.runtime.SiteInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code conduit check <site>}: loads every web.config the way the server does and reports every problem. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Checks every web.config of a site; prints each error as file:line: message and exits 1 if"
                + " there is any.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SiteInspector loaded = LoadedSite.loadOrReport(site, err)) {
            if (loaded == null) {
                return 1;
            }
            LoadedSite.printWarnings(site, loaded.warningsBySection(), out);
            int files = loaded.configFiles().size();
            out.println("OK: " + files + " web.config file" + (files == 1 ? "" : "s") + " in " + site + ", no errors");
            return 0;
        }
    }
}
