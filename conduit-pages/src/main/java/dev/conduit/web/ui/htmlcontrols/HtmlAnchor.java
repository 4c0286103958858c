package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import org.jspecify.annotations.Nullable;

/**
 * An {@code <a runat="server">}, as {@code HtmlAnchor}. Its properties are its attributes ({@code setHRef(x)} sets
 * {@code href}); the {@code href} is written first, made relative to the request ({@code ~/About.aspx} becomes {@code
 * About.aspx} from a page in the root), then the {@code id} and the other attributes, as System.Web.
 */
public class HtmlAnchor extends HtmlContainerControl {
    /** An anchor. */
    public HtmlAnchor() {
        super("a");
    }

    /** The {@code href} attribute as set (before resolving), or null. */
    public @Nullable String getHRef() {
        return getAttributes().get("href");
    }

    /** Sets the {@code href} attribute ({@code ~/} allowed); null removes it. */
    public void setHRef(@Nullable String href) {
        getAttributes().put("href", href);
    }

    /** The {@code target} attribute, or null. */
    public @Nullable String getTarget() {
        return getAttributes().get("target");
    }

    /** Sets the {@code target} attribute; null removes it. */
    public void setTarget(@Nullable String target) {
        getAttributes().put("target", target);
    }

    /** The {@code title} attribute, or null. */
    public @Nullable String getTitle() {
        return getAttributes().get("title");
    }

    /** Sets the {@code title} attribute; null removes it. */
    public void setTitle(@Nullable String title) {
        getAttributes().put("title", title);
    }

    /** The {@code name} attribute, or null. */
    public @Nullable String getName() {
        return getAttributes().get("name");
    }

    /** Sets the {@code name} attribute; null removes it. */
    public void setName(@Nullable String name) {
        getAttributes().put("name", name);
    }

    @Override
    protected void renderAttributes(HtmlTextWriter writer) throws Exception {
        renderAttributesResolving(writer, "href");
    }
}
