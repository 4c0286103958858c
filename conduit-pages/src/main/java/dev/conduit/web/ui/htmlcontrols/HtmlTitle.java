package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import org.jspecify.annotations.Nullable;

/**
 * The {@code <title>} inside a {@code <head runat="server">} (with or without {@code runat}), as {@code HtmlTitle}:
 * its text is the page's title unless the page sets one ({@code Title="..."} or {@code setTitle}), which replaces it.
 * The title is HTML-encoded when the page sets it. (ASP.NET writes a newline and a tab around the text; Conduit writes
 * the text alone.)
 */
public class HtmlTitle extends HtmlControl {
    private @Nullable String text;

    /** A title element. */
    public HtmlTitle() {
        super("title");
    }

    /** The title's text: set by code, else the literal text written inside the element. */
    public @Nullable String getText() {
        if (text != null) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        for (Control c : getControls()) {
            if (c instanceof LiteralControl l) {
                b.append(l.getText());
            }
        }
        return b.toString().trim();
    }

    /** Sets the title's text. */
    public void setText(@Nullable String text) {
        this.text = text;
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        writer.writeFullBeginTag("title");
        var page = getPage();
        String pageTitle = page == null ? null : page.getExplicitTitle();
        if (pageTitle != null) {
            writer.writeEncodedText(pageTitle);
        } else if (text != null) {
            writer.writeEncodedText(text);
        } else {
            renderChildren(writer);
        }
        writer.writeEndTag("title");
    }
}
