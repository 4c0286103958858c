package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code <div>} around its children, as {@code asp:Panel}. With {@code GroupingText} the children sit in a {@code
 * <fieldset>} whose {@code <legend>} is that text (written as it is): {@code <div id="P"><fieldset><legend>Your
 * details</legend>...</fieldset></div>}. {@code BackImageUrl}, {@code ScrollBars}, {@code HorizontalAlign} and {@code
 * Wrap} add their CSS after the common styles, as System.Web. {@code DefaultButton} (the ID of the button Enter presses
 * in the panel's fields) renders {@code onkeypress="javascript:return WebForm_FireDefaultButton(event, 'Save')"}, the
 * page's form the script.
 */
public class Panel extends WebControl {
    private String groupingText = "";
    private String defaultButton = "";
    private String backImageUrl = "";
    private ScrollBars scrollBars = ScrollBars.NONE;
    private HorizontalAlign horizontalAlign = HorizontalAlign.NOT_SET;
    private boolean wrap = true;

    /** An empty panel. */
    public Panel() {
        super("div");
    }

    /** The caption of the fieldset the content is grouped in; empty for none. */
    public String getGroupingText() {
        return groupingText;
    }

    /** Sets the caption of the fieldset the content is grouped in. */
    public void setGroupingText(@Nullable String groupingText) {
        this.groupingText = groupingText == null ? "" : groupingText;
    }

    /** The ID of the button that Enter inside the panel presses; empty for none. */
    public String getDefaultButton() {
        return defaultButton;
    }

    /** Sets the ID of the button that Enter inside the panel presses. */
    public void setDefaultButton(@Nullable String defaultButton) {
        this.defaultButton = defaultButton == null ? "" : defaultButton;
    }

    /** The URL of the background image; empty for none. */
    public String getBackImageUrl() {
        return backImageUrl;
    }

    /** Sets the URL of the background image. */
    public void setBackImageUrl(@Nullable String backImageUrl) {
        this.backImageUrl = backImageUrl == null ? "" : backImageUrl;
    }

    /** The scroll bars shown. */
    public ScrollBars getScrollBars() {
        return scrollBars;
    }

    /** Sets the scroll bars shown. */
    public void setScrollBars(ScrollBars scrollBars) {
        this.scrollBars = Objects.requireNonNull(scrollBars, "scrollBars");
    }

    /** The horizontal alignment of the content. */
    public HorizontalAlign getHorizontalAlign() {
        return horizontalAlign;
    }

    /** Sets the horizontal alignment of the content. */
    public void setHorizontalAlign(HorizontalAlign horizontalAlign) {
        this.horizontalAlign = Objects.requireNonNull(horizontalAlign, "horizontalAlign");
    }

    /** Tells whether the content wraps (true by default; false renders {@code white-space:nowrap}). */
    public boolean isWrap() {
        return wrap;
    }

    /** Sets whether the content wraps. */
    public void setWrap(boolean wrap) {
        this.wrap = wrap;
    }

    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        super.addAttributesToRender(writer);
        if (!backImageUrl.isBlank()) {
            writer.addStyleAttribute("background-image", "url(" + resolveClientUrl(backImageUrl) + ")");
        }
        switch (scrollBars) {
            case HORIZONTAL -> writer.addStyleAttribute("overflow-x", "scroll");
            case VERTICAL -> writer.addStyleAttribute("overflow-y", "scroll");
            case BOTH -> writer.addStyleAttribute("overflow", "scroll");
            case AUTO -> writer.addStyleAttribute("overflow", "auto");
            case NONE -> {}
        }
        if (horizontalAlign != HorizontalAlign.NOT_SET) {
            writer.addStyleAttribute("text-align", horizontalAlign.toCss());
        }
        if (!wrap) {
            writer.addStyleAttribute("white-space", "nowrap");
        }
        Page page = getPage();
        if (page != null && !defaultButton.isEmpty()) {
            writer.addAttribute(
                    "onkeypress",
                    "javascript:return WebForm_FireDefaultButton(event, '"
                            + page.defaultButtonClientId(this, defaultButton) + "')");
        }
    }

    /** Writes the {@code <div>}, and with {@code GroupingText} the {@code <fieldset>} and its {@code <legend>}. */
    @Override
    public void renderBeginTag(HtmlTextWriter writer) throws Exception {
        super.renderBeginTag(writer);
        if (!groupingText.isEmpty()) {
            writer.renderBeginTag("fieldset");
            writer.renderBeginTag("legend");
            writer.write(groupingText);
            writer.renderEndTag();
        }
    }

    /** Closes the {@code <fieldset>} (with {@code GroupingText}) and the {@code <div>}. */
    @Override
    public void renderEndTag(HtmlTextWriter writer) {
        if (!groupingText.isEmpty()) {
            writer.renderEndTag();
        }
        super.renderEndTag(writer);
    }
}
