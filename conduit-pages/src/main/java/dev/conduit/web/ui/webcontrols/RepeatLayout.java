package dev.conduit.web.ui.webcontrols;

/** What a CheckBoxList or RadioButtonList wraps its items in, as {@code RepeatLayout}. */
public enum RepeatLayout {
    /** A {@code <table>}, an item per cell (the default). */
    TABLE,
    /** A {@code <span>}: a row's items side by side, {@code <br />} between rows. */
    FLOW,
    /** A {@code <ul>}, an item per {@code <li>}. */
    UNORDERED_LIST,
    /** An {@code <ol>}, an item per {@code <li>}. */
    ORDERED_LIST
}
