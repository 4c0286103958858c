package dev.conduit.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** {@code conduit}: run and inspect Conduit sites. */
@Command(
        name = "conduit",
        mixinStandardHelpOptions = true,
        version = "Conduit 0.1.0",
        description = "Runs and inspects Conduit sites: the ASP.NET handler model on the JVM.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            RoutesCommand.class,
            ExplainCommand.class,
            SessionSqlCommand.class
        })
public final class ConduitCli {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line as {@link #main} runs it: an error about a value from {@code conduit run}'s configuration file
     * is one line naming the file and the key (the usage help would not help there); every other error of the
     * command line is reported as picocli does, with the usage help. Both exit with picocli's usage status, 2.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ConduitCli());
        IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> {
            String problem = configFileProblem(e);
            if (problem == null) {
                return standard.handleParseException(e, args);
            }
            e.getCommandLine().getErr().println("conduit: " + problem);
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    private static @Nullable String configFileProblem(ParameterException e) {
        return e.getCommandLine().getCommandSpec().defaultValueProvider() instanceof ServerConfigFile file
                ? file.explain(e)
                : null;
    }
}
