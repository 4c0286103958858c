package dev.conduit.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * The server configuration file of {@code conduit run --config FILE}: a properties file whose keys are the command's
 * flag names without the leading dashes ({@code port = 8080}, {@code access-log = false}). Its values become the
 * flags' defaults through picocli's {@link PropertiesDefaultProvider}, so a flag given on the command line wins over
 * the file, and the file wins over the built-in default.
 *
 * <p>What this class adds to picocli's provider: the file is named by an option rather than found in the home
 * folder, a missing file or an unknown key is an error (picocli ignores both), and an error about a value that came
 * from the file names the file and the key ({@link #explain}).
 *
 * <p>Picocli creates one instance per {@code run} command (it is the command's {@code defaultValueProvider}); {@link
 * RunCommand} loads the file when it meets {@code --config}, which is before picocli asks for defaults (it does so
 * after reading the whole command line). One instance serves one parse of one command line.
 */
final class ServerConfigFile implements IDefaultValueProvider {
    /** An error in the file itself: unreadable, or a key that is not a setting. */
    static final class Problem extends ParameterException {
        Problem(CommandSpec command, String message) {
            super(command.commandLine(), message);
        }
    }

    private @Nullable Path file;
    private @Nullable PropertiesDefaultProvider values;
    private final Map<OptionSpec, String> supplied = new HashMap<>();

    /** The provider picocli made for {@code run}. */
    static ServerConfigFile of(CommandSpec run) {
        return (ServerConfigFile) run.defaultValueProvider();
    }

    /**
     * Reads {@code path} and checks every key against the options of {@code run}.
     *
     * @throws Problem when the file cannot be read or has keys that name no setting (all of them, in one message)
     */
    void load(Path path, CommandSpec run) {
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            loaded.load(in);
        } catch (NoSuchFileException e) {
            throw new Problem(run, path + ": no such server configuration file");
        } catch (IOException | IllegalArgumentException e) {
            throw new Problem(run, path + ": cannot read the server configuration file: " + e.getMessage());
        }
        TreeSet<String> keys = new TreeSet<>();
        for (OptionSpec option : run.options()) {
            if (isSetting(option)) {
                keys.add(key(option));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(loaded.stringPropertyNames())) {
            if (!keys.contains(name)) {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new Problem(
                    run,
                    path + ": unknown key" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + "; the keys are the flags of 'conduit run' without dashes: " + String.join(", ", keys));
        }
        file = path;
        values = new PropertiesDefaultProvider(loaded);
        supplied.clear();
    }

    /** The file's value for {@code argSpec} when it has one and {@code argSpec} is a setting, else null. */
    @Override
    public @Nullable String defaultValue(ArgSpec argSpec) throws Exception {
        if (values == null || !(argSpec instanceof OptionSpec option) || !isSetting(option)) {
            return null;
        }
        String value = values.defaultValue(option);
        if (value != null) {
            supplied.put(option, value);
        }
        return value;
    }

    /**
     * Rewrites a parse error about a value that came from this file as {@code FILE: bad value for key 'k' (v): rule},
     * or returns null when the error is not about the file.
     */
    @Nullable
    String explain(ParameterException e) {
        if (e instanceof Problem) {
            return e.getMessage();
        }
        // Picocli asks for a setting's file value only when the command line left the setting unset, or, for a bare
        // boolean flag (--access-log), to learn the default it flips: either way a rejected value is the file's.
        if (!(e.getArgSpec() instanceof OptionSpec option) || !supplied.containsKey(option)) {
            return null;
        }
        String value = supplied.get(option);
        Throwable cause = e.getCause();
        String rule = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return file + ": bad value for key '" + key(option) + "' (" + value + "): " + rule;
    }

    /** Tells whether {@code option} is a server setting, so a key of the file: not help, version or the file itself. */
    private static boolean isSetting(OptionSpec option) {
        return !option.usageHelp()
                && !option.versionHelp()
                && !option.longestName().equals("--config");
    }

    /** The key of an option: its longest name without dashes, as {@link PropertiesDefaultProvider} looks it up. */
    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }
}
