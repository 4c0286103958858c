package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.web.ui.AttributeCollection;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An HTML element marked {@code runat="server"}, as {@code HtmlControl}: its tag and attributes as written (kept in
 * {@link #getAttributes()}, names in their original case), rendered back as {@code <tag id="clientId" attributes>}
 * children {@code </tag>}; an element HTML defines as void ({@code img}, {@code input}, {@code link}, {@code meta},
 * {@code br}, {@code hr}) renders self-closed, XHTML style ({@code <img src="a.png" />}). The {@code id} attribute is
 * the control's ClientID, written when the control has an ID.
 */
public class HtmlControl extends Control {
    private static final Set<String> VOID = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr");

    private final String tagName;
    private final AttributeCollection attributes = new AttributeCollection();

    /** A control for {@code <tagName>}. */
    protected HtmlControl(String tagName) {
        this.tagName = tagName;
    }

    /** The tag name as written. */
    public String getTagName() {
        return tagName;
    }

    /** The element's attributes. */
    public AttributeCollection getAttributes() {
        return attributes;
    }

    /** Tells whether the element is void (no content, no end tag). */
    protected boolean isVoid() {
        return VOID.contains(tagName.toLowerCase(Locale.ROOT));
    }

    /** Tells whether the control is disabled ({@code disabled} attribute present). */
    public boolean isDisabled() {
        return attributes.get("disabled") != null;
    }

    /** Sets or removes the {@code disabled} attribute. */
    public void setDisabled(boolean disabled) {
        attributes.put("disabled", disabled ? "disabled" : null);
    }

    /** The {@code style} attribute. */
    public @Nullable String getStyle() {
        return attributes.get("style");
    }

    /** Sets the {@code style} attribute. */
    public void setStyle(@Nullable String style) {
        attributes.put("style", style);
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        renderBeginTag(writer);
        if (isVoid()) {
            return;
        }
        renderChildren(writer);
        renderEndTag(writer);
    }

    /** Writes {@code <tag}, the attributes and {@code >} (or {@code  />} for a void element). */
    protected void renderBeginTag(HtmlTextWriter writer) throws Exception {
        writer.writeBeginTag(tagName);
        renderAttributes(writer);
        if (isVoid()) {
            writer.write(HtmlTextWriter.SELF_CLOSING_TAG_END);
        } else {
            writer.write(HtmlTextWriter.TAG_RIGHT_CHAR);
        }
    }

    /** Writes the {@code id} (when the control has an ID) and the attributes. */
    protected void renderAttributes(HtmlTextWriter writer) throws Exception {
        if (getID() != null) {
            writer.writeAttribute("id", getClientID());
        }
        attributes.render(writer, "id");
    }

    /**
     * Writes the attribute {@code urlAttribute} (when set) made relative to the request ({@link #resolveClientUrl}),
     * then the {@code id} and the other attributes, as System.Web's {@code PreProcessRelativeReferenceAttribute}
     * followed by the base rendering: {@code <a href="About.aspx" id="Home">}.
     */
    protected final void renderAttributesResolving(HtmlTextWriter writer, String urlAttribute) throws Exception {
        String url = attributes.get(urlAttribute);
        boolean resolved = url != null && !url.isEmpty();
        if (resolved) {
            writer.writeAttribute(urlAttribute, resolveClientUrl(url));
        }
        if (getID() != null) {
            writer.writeAttribute("id", getClientID());
        }
        if (resolved) {
            attributes.render(writer, "id", urlAttribute);
        } else {
            attributes.render(writer, "id");
        }
    }

    /** Writes {@code </tag>}. */
    protected void renderEndTag(HtmlTextWriter writer) {
        writer.writeEndTag(tagName);
    }
}
