package dev.conduit.web.ui.htmlcontrols;

/**
 * Any HTML element with {@code runat="server"} that has no control of its own ({@code <div runat="server">}, {@code
 * <span>}, {@code <body>}, {@code <ul>}), as {@code HtmlGenericControl}.
 */
public class HtmlGenericControl extends HtmlContainerControl {
    /** A {@code <span>}, as System.Web's default. */
    public HtmlGenericControl() {
        this("span");
    }

    /** A control for {@code <tag>}. */
    public HtmlGenericControl(String tag) {
        super(tag);
    }
}
