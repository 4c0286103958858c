package dev.conduit.web.ui.webcontrols;

import java.util.Locale;

/** How content is aligned horizontally, as {@code HorizontalAlign}: a panel's {@code text-align}. */
public enum HorizontalAlign {
    /** No alignment of its own. */
    NOT_SET,
    /** Left. */
    LEFT,
    /** Centered. */
    CENTER,
    /** Right. */
    RIGHT,
    /** Justified. */
    JUSTIFY;

    /** The CSS value ({@code center}). */
    public String toCss() {
        return name().toLowerCase(Locale.ROOT);
    }
}
