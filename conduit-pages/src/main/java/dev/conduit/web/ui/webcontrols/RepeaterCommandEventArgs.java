package dev.conduit.web.ui.webcontrols;

/**
 * What a Repeater's ItemCommand handler gets, as {@code RepeaterCommandEventArgs}: the command of a button in an item,
 * the item, and the button.
 */
public class RepeaterCommandEventArgs extends CommandEventArgs {
    private final RepeaterItem item;
    private final Object commandSource;

    /** The command {@code original} of {@code commandSource}, in {@code item}. */
    public RepeaterCommandEventArgs(RepeaterItem item, Object commandSource, CommandEventArgs original) {
        super(original.getCommandName(), original.getCommandArgument());
        this.item = item;
        this.commandSource = commandSource;
    }

    /** The item the button is in. */
    public RepeaterItem getItem() {
        return item;
    }

    /** The button that raised the command. */
    public Object getCommandSource() {
        return commandSource;
    }
}
