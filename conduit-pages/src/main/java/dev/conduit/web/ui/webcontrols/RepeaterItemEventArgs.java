package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;

/** The item of a repeater's ItemCreated and ItemDataBound events, as {@code RepeaterItemEventArgs}. */
public class RepeaterItemEventArgs extends EventArgs {
    private final RepeaterItem item;

    /** The arguments for {@code item}. */
    public RepeaterItemEventArgs(RepeaterItem item) {
        this.item = item;
    }

    /** The item. */
    public RepeaterItem getItem() {
        return item;
    }
}
