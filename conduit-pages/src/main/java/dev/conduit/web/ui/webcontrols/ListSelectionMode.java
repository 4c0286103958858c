package dev.conduit.web.ui.webcontrols;

/** How many items of a ListBox may be selected, as {@code ListSelectionMode}. */
public enum ListSelectionMode {
    /** One (the default). */
    SINGLE,
    /** Any number: the box renders {@code multiple="multiple"}. */
    MULTIPLE
}
