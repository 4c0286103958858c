package dev.conduit.web.ui.webcontrols;

/** What part of a list control an item is, as {@code ListItemType}. */
public enum ListItemType {
    /** The header. */
    HEADER,
    /** The footer. */
    FOOTER,
    /** An item of the data source at an even index. */
    ITEM,
    /** An item of the data source at an odd index. */
    ALTERNATING_ITEM,
    /** The separator between two items. */
    SEPARATOR
}
