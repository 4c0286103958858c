package dev.conduit.web.ui.webcontrols;

/** How a validator shows its message, as {@code ValidatorDisplay}. */
public enum ValidatorDisplay {
    /** Never: only a validation summary shows it. */
    NONE,
    /** In space kept for it whether valid or not ({@code visibility:hidden} when valid; the default). */
    STATIC,
    /** Only when invalid ({@code display:none} when valid). */
    DYNAMIC
}
