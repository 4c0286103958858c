package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PageHeader;
import org.jspecify.annotations.Nullable;

/**
 * The page's {@code <head runat="server">}, as {@code HtmlHead}: it registers itself as the page's header at Init
 * (a page may have one), and renders the page's title: through its {@link HtmlTitle} child, or, when the markup has no
 * {@code <title>}, as a {@code <title>} of its own after its children.
 */
public class HtmlHead extends HtmlControl implements PageHeader {
    /** A head element. */
    public HtmlHead() {
        super("head");
    }

    /** The title markup wrote in the head, or null. */
    public @Nullable String getTitleText() {
        HtmlTitle t = title();
        return t == null ? null : t.getText();
    }

    private @Nullable HtmlTitle title() {
        for (Control c : getControls()) {
            if (c instanceof HtmlTitle t) {
                return t;
            }
        }
        return null;
    }

    @Override
    protected void onInit(EventArgs e) throws Exception {
        super.onInit(e);
        Page page = getPage();
        if (page != null) {
            if (page.getHeader() != null && page.getHeader() != this) {
                throw new HttpException(500, "You can only have one <head runat=\"server\"> control on a page.");
            }
            page.setHeader(this);
        }
    }

    @Override
    protected void renderChildren(HtmlTextWriter writer) throws Exception {
        super.renderChildren(writer);
        if (title() == null) {
            Page page = getPage();
            String t = page == null ? null : page.getExplicitTitle();
            writer.writeFullBeginTag("title");
            if (t != null) {
                writer.writeEncodedText(t);
            }
            writer.writeEndTag("title");
        }
    }
}
