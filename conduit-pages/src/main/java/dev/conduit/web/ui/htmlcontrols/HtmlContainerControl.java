package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.HttpUtility;
import dev.conduit.web.ui.LiteralControl;

/**
 * An HTML element with content, as {@code HtmlContainerControl}: its children, or text set through {@link
 * #setInnerHtml} (as it is) or {@link #setInnerText} (encoded), which replaces them.
 */
public class HtmlContainerControl extends HtmlControl {
    /** A control for {@code <tagName>}. */
    protected HtmlContainerControl(String tagName) {
        super(tagName);
    }

    /**
     * The element's content as markup, as {@code InnerHtml}: the text of its only child when that is text, else empty.
     */
    public String getInnerHtml() {
        if (getControls().size() == 1 && getControls().get(0) instanceof LiteralControl l) {
            return l.getText();
        }
        return "";
    }

    /** Replaces the element's children with {@code html}, rendered as it is, as {@code InnerHtml}. */
    public void setInnerHtml(String html) {
        getControls().clear();
        getControls().add(new LiteralControl(html));
    }

    /** The element's content as text, as {@code InnerText}: {@link #getInnerHtml()} HTML-decoded. */
    public String getInnerText() {
        return HttpUtility.htmlDecode(getInnerHtml());
    }

    /** Replaces the element's children with {@code text}, HTML-encoded when rendered, as {@code InnerText}. */
    public void setInnerText(String text) {
        getControls().clear();
        getControls().add(new LiteralControl(HttpUtility.htmlEncode(text)));
    }
}
