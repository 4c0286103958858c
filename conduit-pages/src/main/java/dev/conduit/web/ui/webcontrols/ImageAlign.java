package dev.conduit.web.ui.webcontrols;

import java.util.Locale;

/** How an image is aligned with the text around it, as {@code ImageAlign}: the {@code align} attribute. */
public enum ImageAlign {
    /** No {@code align} attribute. */
    NOT_SET,
    /** {@code align="left"}. */
    LEFT,
    /** {@code align="right"}. */
    RIGHT,
    /** {@code align="baseline"}. */
    BASELINE,
    /** {@code align="top"}. */
    TOP,
    /** {@code align="middle"}. */
    MIDDLE,
    /** {@code align="bottom"}. */
    BOTTOM,
    /** {@code align="absbottom"}. */
    ABS_BOTTOM,
    /** {@code align="absmiddle"}. */
    ABS_MIDDLE,
    /** {@code align="texttop"}. */
    TEXT_TOP;

    /** The attribute value: the ASP.NET name in lower case ({@code absmiddle}). */
    public String toHtml() {
        return name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
