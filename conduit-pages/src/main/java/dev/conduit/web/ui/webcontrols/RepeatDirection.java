package dev.conduit.web.ui.webcontrols;

/** In which order a table layout's cells take a list's items, as {@code RepeatDirection}. */
public enum RepeatDirection {
    /** Row by row. */
    HORIZONTAL,
    /** Column by column (the default). */
    VERTICAL
}
