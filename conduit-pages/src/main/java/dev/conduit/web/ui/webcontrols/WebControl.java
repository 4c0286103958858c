package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.AttributeCollection;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The base of the {@code asp:} controls that render one HTML element, as {@code WebControl}: the element's tag, the
 * common properties ({@code CssClass}, {@code ToolTip}, {@code Enabled}, {@code Width}, {@code Height}, {@code
 * ForeColor}, {@code BackColor}, {@code Style}) and the attributes markup set that are no property ({@link
 * #getAttributes()}), rendered as written.
 *
 * <p>Rendering, as System.Web: {@link #renderBeginTag} writes the tag with {@link #addAttributesToRender} (the {@code
 * id} when the control has an ID, {@code disabled}, {@code title}, {@code class}, the other attributes, {@code style}
 * last), {@link #renderContents} the content, {@link #renderEndTag} the end tag.
 */
public class WebControl extends Control {
    private final String tagName;
    private final AttributeCollection attributes = new AttributeCollection();
    private @Nullable String cssClass;
    private @Nullable String toolTip;
    private boolean enabled = true;
    private Unit width = Unit.EMPTY;
    private Unit height = Unit.EMPTY;
    private @Nullable Color foreColor;
    private @Nullable Color backColor;
    private @Nullable String style;

    /** A control rendering {@code <tagName>}. */
    protected WebControl(String tagName) {
        this.tagName = tagName;
    }

    /** The element's tag name. */
    public String getTagName() {
        return tagName;
    }

    /** The attributes markup or code set that are no property of the control. */
    public AttributeCollection getAttributes() {
        return attributes;
    }

    /** The CSS class. */
    public @Nullable String getCssClass() {
        return cssClass;
    }

    /** Sets the CSS class. */
    public void setCssClass(@Nullable String cssClass) {
        this.cssClass = cssClass;
    }

    /** The tool tip (the {@code title} attribute). */
    public @Nullable String getToolTip() {
        return toolTip;
    }

    /** Sets the tool tip. */
    public void setToolTip(@Nullable String toolTip) {
        this.toolTip = toolTip;
    }

    /** Tells whether the control is enabled (a disabled one renders {@code disabled="disabled"}). */
    public boolean isEnabled() {
        return enabled;
    }

    /** Enables or disables the control. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The width. */
    public Unit getWidth() {
        return width;
    }

    /** Sets the width. */
    public void setWidth(Unit width) {
        this.width = width;
    }

    /** The height. */
    public Unit getHeight() {
        return height;
    }

    /** Sets the height. */
    public void setHeight(Unit height) {
        this.height = height;
    }

    /** The text color. */
    public @Nullable Color getForeColor() {
        return foreColor;
    }

    /** Sets the text color. */
    public void setForeColor(@Nullable Color color) {
        this.foreColor = color;
    }

    /** The background color. */
    public @Nullable Color getBackColor() {
        return backColor;
    }

    /** Sets the background color. */
    public void setBackColor(@Nullable Color color) {
        this.backColor = color;
    }

    /** The inline CSS markup set ({@code Style="margin:0"}), written before the properties' own styles. */
    public @Nullable String getStyle() {
        return style;
    }

    /** Sets the inline CSS. */
    public void setStyle(@Nullable String style) {
        this.style = style;
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        renderBeginTag(writer);
        renderContents(writer);
        renderEndTag(writer);
    }

    /** Writes the begin tag with its attributes. */
    public void renderBeginTag(HtmlTextWriter writer) throws Exception {
        addAttributesToRender(writer);
        writer.renderBeginTag(tagName);
    }

    /** Writes the end tag. */
    public void renderEndTag(HtmlTextWriter writer) {
        writer.renderEndTag();
    }

    /** Writes the content between the tags: the children. */
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        renderChildren(writer);
    }

    /**
     * Tells whether the attribute {@code name} of {@link #getAttributes()} is written as it is; a control that folds
     * one into its own rendering (a button's {@code onclick}) returns false for it.
     */
    protected boolean isAttributeRendered(String name) {
        return true;
    }

    /** Adds the element's attributes, in System.Web's order: id, disabled, title, class, the others, style. */
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        if (getID() != null) {
            writer.addAttribute("id", getClientID());
        }
        if (!enabled) {
            writer.addAttribute("disabled", "disabled");
        }
        if (toolTip != null && !toolTip.isEmpty()) {
            writer.addAttribute("title", toolTip);
        }
        if (cssClass != null && !cssClass.isEmpty()) {
            writer.addAttribute("class", cssClass);
        }
        for (String name : attributes.keys()) {
            if (!name.equalsIgnoreCase("style") && isAttributeRendered(name)) {
                writer.addAttribute(name, attributes.get(name));
            }
        }
        String inline = style != null ? style : attributes.get("style");
        if (inline != null && !inline.isBlank()) {
            for (String declaration : inline.split(";")) {
                int colon = declaration.indexOf(':');
                if (colon > 0) {
                    writer.addStyleAttribute(
                            declaration.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            declaration.substring(colon + 1).trim());
                }
            }
        }
        if ((tagName.equals("span") || tagName.equals("a")) && (!width.isEmpty() || !height.isEmpty())) {
            // ASP.NET 4 (AddDisplayInlineBlockIfNeeded): an inline element with a size gets one that applies
            writer.addStyleAttribute("display", "inline-block");
        }
        if (foreColor != null) {
            writer.addStyleAttribute("color", foreColor.toHtml());
        }
        if (backColor != null) {
            writer.addStyleAttribute("background-color", backColor.toHtml());
        }
        if (!width.isEmpty()) {
            writer.addStyleAttribute("width", width.toString());
        }
        if (!height.isEmpty()) {
            writer.addStyleAttribute("height", height.toString());
        }
    }
}
