package dev.conduit.web.ui.webcontrols;

/** What a {@link TextBox} renders, as {@code TextBoxMode}: markup writes {@code TextMode="MultiLine"}. */
public enum TextBoxMode {
    /** {@code <input type="text">}. */
    SINGLE_LINE,
    /** {@code <textarea>}. */
    MULTI_LINE,
    /** {@code <input type="password">}, never rendering its value. */
    PASSWORD
}
