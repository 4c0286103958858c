package dev.conduit.web.ui.webcontrols;

/** Which side of a check box its text goes, as {@code TextAlign}. */
public enum TextAlign {
    /** Before the box. */
    LEFT,
    /** After the box (the default). */
    RIGHT
}
