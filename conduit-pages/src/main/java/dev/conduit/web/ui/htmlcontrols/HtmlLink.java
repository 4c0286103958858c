package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import org.jspecify.annotations.Nullable;

/**
 * A {@code <link runat="server">} (or any {@code <link>} inside {@code <head runat="server">}), as {@code HtmlLink}:
 * {@code <link href="Styles/Site.css" rel="stylesheet" />}. The {@code href} is written first, made relative to the
 * request ({@code ~/Styles/Site.css} from {@code /Sub/X.aspx} is {@code ../Styles/Site.css}), then the {@code id} and
 * the other attributes.
 */
public class HtmlLink extends HtmlControl {
    /** A link element. */
    public HtmlLink() {
        super("link");
    }

    /** The {@code href} attribute as set (before resolving), or null. */
    public @Nullable String getHref() {
        return getAttributes().get("href");
    }

    /** Sets the {@code href} attribute ({@code ~/} allowed); null removes it. */
    public void setHref(@Nullable String href) {
        getAttributes().put("href", href);
    }

    @Override
    protected void renderAttributes(HtmlTextWriter writer) throws Exception {
        renderAttributesResolving(writer, "href");
    }
}
