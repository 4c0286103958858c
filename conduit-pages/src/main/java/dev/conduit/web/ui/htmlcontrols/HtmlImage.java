package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import org.jspecify.annotations.Nullable;

/**
 * An {@code <img runat="server">}, as {@code HtmlImage}: {@code <img src="img/logo.png" id="Logo" alt="Logo" />}.
 * Its properties are its attributes; the {@code src} is written first, made relative to the request ({@code ~/}
 * resolved), then the {@code id} and the other attributes, as System.Web.
 */
public class HtmlImage extends HtmlControl {
    /** An image. */
    public HtmlImage() {
        super("img");
    }

    /** The {@code src} attribute as set (before resolving), or null. */
    public @Nullable String getSrc() {
        return getAttributes().get("src");
    }

    /** Sets the {@code src} attribute ({@code ~/} allowed); null removes it. */
    public void setSrc(@Nullable String src) {
        getAttributes().put("src", src);
    }

    /** The {@code alt} attribute, or null. */
    public @Nullable String getAlt() {
        return getAttributes().get("alt");
    }

    /** Sets the {@code alt} attribute; null removes it. */
    public void setAlt(@Nullable String alt) {
        getAttributes().put("alt", alt);
    }

    /** The {@code align} attribute, or null. */
    public @Nullable String getAlign() {
        return getAttributes().get("align");
    }

    /** Sets the {@code align} attribute; null removes it. */
    public void setAlign(@Nullable String align) {
        getAttributes().put("align", align);
    }

    @Override
    protected void renderAttributes(HtmlTextWriter writer) throws Exception {
        renderAttributesResolving(writer, "src");
    }
}
