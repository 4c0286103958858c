package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackDataHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A check box, as {@code asp:CheckBox}: {@code <input id="Agree" type="checkbox" name="Agree" checked="checked"
 * /><label for="Agree">I agree</label>}, in a {@code <span>} carrying the class when there is one (and {@code
 * aspNetDisabled} when disabled, as ASP.NET 4). A browser posts nothing for an unchecked box, so the box asks the page
 * for the post data on every postback ({@link Page#registerRequiresPostBack}): no field means unchecked. CheckedChanged
 * is raised when the state posted differs from the one rendered. The text is written as it is (not encoded).
 */
public class CheckBox extends WebControl implements PostBackDataHandler {
    private TextAlign textAlign = TextAlign.RIGHT;
    private boolean autoPostBack;
    private final List<WebEventHandler<EventArgs>> checkedChanged = new ArrayList<>(1);

    /** An unchecked box without text. */
    public CheckBox() {
        super("input");
    }

    /** Whether the box is checked (kept in view state when something needs to know it changed). */
    public boolean isChecked() {
        return Boolean.TRUE.equals(getViewState().get("Checked"));
    }

    /** Checks or unchecks the box. */
    public void setChecked(boolean checked) {
        getViewState().set("Checked", checked);
    }

    /** The text of the box's label. */
    public String getText() {
        return getViewState().get("Text") instanceof String t ? t : "";
    }

    /** Sets the label's text. */
    public void setText(@Nullable String text) {
        getViewState().set("Text", text == null ? "" : text);
    }

    /** Which side of the box the text goes. */
    public TextAlign getTextAlign() {
        return textAlign;
    }

    /** Sets which side of the box the text goes. */
    public void setTextAlign(TextAlign align) {
        this.textAlign = Objects.requireNonNull(align, "align");
    }

    /** Whether checking the box posts the form back at once. */
    public boolean isAutoPostBack() {
        return autoPostBack;
    }

    /** Sets whether checking the box posts back at once. */
    public void setAutoPostBack(boolean autoPostBack) {
        this.autoPostBack = autoPostBack;
    }

    /** Adds a handler of CheckedChanged. */
    public void addCheckedChanged(WebEventHandler<EventArgs> handler) {
        checkedChanged.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Raises CheckedChanged to the handlers, in the order they were added. */
    protected void onCheckedChanged(EventArgs e) throws Exception {
        for (WebEventHandler<EventArgs> h : List.copyOf(checkedChanged)) {
            h.handle(this, e);
        }
    }

    /** Asks the page for the post data on the next postback, posted or not. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null && isEnabled()) {
            page.registerRequiresPostBack(this);
        }
        if (autoPostBack) {
            ServerForm.autoPostBackScript(this);
        }
    }

    /** Checked when a field of the box's name came; a change when that differs from the state rendered. */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        String posted = postCollection.get(getUniqueID());
        boolean checked = posted != null && !posted.isEmpty();
        if (checked) {
            Page page = getPage();
            if (page != null) {
                page.validateEvent(Objects.requireNonNullElse(getUniqueID(), ""), null);
            }
        }
        boolean changed = checked != isChecked();
        setChecked(checked);
        return changed;
    }

    /** Raises CheckedChanged. */
    @Override
    public void raisePostDataChangedEvent() throws Exception {
        onCheckedChanged(EventArgs.EMPTY);
    }

    /** The state travels in view state only when CheckedChanged has handlers or the box is disabled or hidden. */
    @Override
    protected @Nullable Object saveViewState() {
        if (checkedChanged.isEmpty() && isEnabled() && isVisible()) {
            getViewState().setItemDirty("Checked", false);
        }
        return super.saveViewState();
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        String css = getCssClass() == null ? "" : getCssClass();
        if (!isEnabled()) {
            css = css.isEmpty() ? "aspNetDisabled" : "aspNetDisabled " + css;
        }
        boolean span = !css.isEmpty();
        if (span) {
            writer.addAttribute("class", css);
            writer.renderBeginTag("span");
        }
        String id = getClientID();
        String text = getText();
        if (!text.isEmpty() && textAlign == TextAlign.LEFT) {
            label(writer, id, text);
        }
        writer.addAttribute("id", id);
        addInputAttributes(writer);
        if (autoPostBack) {
            ServerForm.addAutoPostBack(this, writer, "onclick");
        }
        if (isChecked()) {
            writer.addAttribute("checked", "checked");
        }
        if (!isEnabled()) {
            writer.addAttribute("disabled", "disabled");
        }
        writer.renderSelfClosingTag("input");
        if (!text.isEmpty() && textAlign == TextAlign.RIGHT) {
            label(writer, id, text);
        }
        if (span) {
            writer.renderEndTag();
        }
    }

    /** The input's {@code type} and {@code name} (registered for event validation); a radio button's differ. */
    protected void addInputAttributes(HtmlTextWriter writer) {
        writer.addAttribute("type", "checkbox");
        ServerForm.addPostName(this, writer);
    }

    private static void label(HtmlTextWriter writer, @Nullable String id, String text) {
        writer.addAttribute("for", id);
        writer.renderBeginTag("label");
        writer.write(text);
        writer.renderEndTag();
    }
}
