package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.PostBackDataHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value the page keeps in the browser, as {@code asp:HiddenField}: {@code <input type="hidden" name="ctl00$Main$Key"
 * id="Main_Key" value="42" />}, in System.Web's attribute order ({@code id} only when the control has an ID, {@code
 * value} only when not empty). In a page, it must be inside a {@code <form runat="server">}, or rendering throws.
 * Reading the posted value and raising ValueChanged belong to postback support.
 */
public class HiddenField extends Control implements PostBackDataHandler {
    private final List<WebEventHandler<EventArgs>> valueChanged = new ArrayList<>(1);

    /** An empty hidden field. */
    public HiddenField() {}

    /** The value. */
    public String getValue() {
        return getViewState().get("Value") instanceof String v ? v : "";
    }

    /** Sets the value. */
    public void setValue(@Nullable String value) {
        getViewState().set("Value", value == null ? "" : value);
    }

    /** Adds a handler of ValueChanged: the posted value differs from the rendered one. */
    public void addValueChanged(WebEventHandler<EventArgs> handler) {
        valueChanged.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Raises ValueChanged to the handlers, in the order they were added. */
    protected void onValueChanged(EventArgs e) throws Exception {
        for (WebEventHandler<EventArgs> h : List.copyOf(valueChanged)) {
            h.handle(this, e);
        }
    }

    /**
     * Refuses child controls and text, as System.Web.
     *
     * @throws HttpException always
     */
    /** Takes the posted value: a change when it differs from the value the page rendered. */
    @Override
    public boolean loadPostData(String postDataKey, java.util.Map<String, String> postCollection) {
        Page page = getPage();
        if (page != null) {
            page.validateEvent(postDataKey, null);
        }
        String posted = postCollection.get(postDataKey);
        if (posted == null || posted.equals(getValue())) {
            return false;
        }
        setValue(posted);
        return true;
    }

    /** Raises ValueChanged. */
    @Override
    public void raisePostDataChangedEvent() throws Exception {
        onValueChanged(EventArgs.EMPTY);
    }

    /** The value travels in view state only when ValueChanged has handlers or the field is hidden, as ASP.NET's. */
    @Override
    protected @Nullable Object saveViewState() {
        if (valueChanged.isEmpty() && isVisible()) {
            getViewState().setItemDirty("Value", false);
        }
        return super.saveViewState();
    }

    @Override
    public void addParsedSubObject(Object obj) {
        throw new HttpException(
                500,
                "'HiddenField' cannot have children of type '" + obj.getClass().getSimpleName() + "'.");
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        writer.addAttribute("type", "hidden");
        ServerForm.addPostName(this, writer);
        if (getID() != null) {
            writer.addAttribute("id", getClientID());
        }
        String value = getValue();
        if (!value.isEmpty()) {
            writer.addAttribute("value", value);
        }
        writer.renderSelfClosingTag("input");
    }
}
