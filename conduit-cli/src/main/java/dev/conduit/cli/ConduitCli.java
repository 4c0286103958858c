package dev.conduit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code conduit}: run and inspect Conduit sites. */
@Command(
        name = "conduit",
        mixinStandardHelpOptions = true,
        version = "Conduit 0.1.0",
        description = "Runs and inspects Conduit sites: the ASP.NET handler model on the JVM.",
        subcommands = {RunCommand.class, CheckCommand.class, RoutesCommand.class, ExplainCommand.class})
public final class ConduitCli {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        return new CommandLine(new ConduitCli()).execute(args);
    }
}
