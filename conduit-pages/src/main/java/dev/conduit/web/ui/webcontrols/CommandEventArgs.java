package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import org.jspecify.annotations.Nullable;

/** The data of a button's Command event, as {@code CommandEventArgs}: its {@code CommandName} and argument. */
public class CommandEventArgs extends EventArgs {
    private final String commandName;
    private final @Nullable Object commandArgument;

    /** The arguments of the command {@code commandName} with {@code commandArgument}. */
    public CommandEventArgs(String commandName, @Nullable Object commandArgument) {
        this.commandName = commandName;
        this.commandArgument = commandArgument;
    }

    /** The command's name. */
    public String getCommandName() {
        return commandName;
    }

    /** The command's argument, or null. */
    public @Nullable Object getCommandArgument() {
        return commandArgument;
    }
}
