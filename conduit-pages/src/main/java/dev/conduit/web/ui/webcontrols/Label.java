package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import org.jspecify.annotations.Nullable;

/**
 * Text in a {@code <span>}, as {@code asp:Label}; with {@code AssociatedControlID} a {@code <label for="...">} naming
 * that control's ClientID. The text is written as it is, not encoded, as in System.Web (encode user input yourself, or
 * use {@code <%: %>}); text inside the tag is the Text; child controls, if any, render instead.
 */
public class Label extends WebControl {
    private @Nullable String associatedControlID;

    /** An empty label. */
    public Label() {
        super("span");
    }

    /** The text. */
    public String getText() {
        return getViewState().get("Text") instanceof String t ? t : "";
    }

    /** Sets the text. */
    public void setText(@Nullable String text) {
        getViewState().set("Text", text == null ? "" : text);
    }

    /** The ID of the control this label is for, or null. */
    public @Nullable String getAssociatedControlID() {
        return associatedControlID;
    }

    /** Sets the ID of the control this label is for. */
    public void setAssociatedControlID(@Nullable String id) {
        this.associatedControlID = id;
    }

    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l && !hasControls()) {
            setText(l.getText());
        } else {
            String text = getText();
            if (!text.isEmpty()) {
                getControls().add(new LiteralControl(text));
                setText("");
            }
            super.addParsedSubObject(obj);
        }
    }

    @Override
    public void renderBeginTag(HtmlTextWriter writer) throws Exception {
        if (associatedControlID == null || associatedControlID.isEmpty()) {
            super.renderBeginTag(writer);
            return;
        }
        Control target = findControl(associatedControlID);
        if (target == null) {
            throw new HttpException(
                    500,
                    "Unable to find control with id '" + associatedControlID + "' that is associated with the Label '"
                            + getID() + "'.");
        }
        writer.addAttribute("for", target.getClientID());
        addAttributesToRender(writer);
        writer.renderBeginTag("label");
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        if (hasControls() || hasRenderMethod()) {
            renderChildren(writer);
        } else {
            writer.write(getText());
        }
    }
}
