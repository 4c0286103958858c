package dev.conduit.web.ui.webcontrols;

/** Which scroll bars a panel shows, as {@code ScrollBars}: rendered as the CSS {@code overflow} properties. */
public enum ScrollBars {
    /** None (no overflow style). */
    NONE,
    /** {@code overflow-x:scroll}. */
    HORIZONTAL,
    /** {@code overflow-y:scroll}. */
    VERTICAL,
    /** {@code overflow:scroll}. */
    BOTH,
    /** {@code overflow:auto}. */
    AUTO
}
