package dev.conduit.web.ui.htmlcontrols;

import dev.conduit.HttpRequest;
import dev.conduit.web.ui.ClientIDMode;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import org.jspecify.annotations.Nullable;

/**
 * The page's {@code <form runat="server">}, as {@code HtmlForm}: the form that posts the page back to itself. It
 * renders {@code <form method="post" action="./Default.aspx?x=1" id="form1">} as ASP.NET 4: {@code method} (post
 * unless set), {@code action} (the {@code Action} property if set, else {@code ./} and the requested file's name, with
 * the request's query string), the {@code id}, then the other attributes. The form always has an ID (an automatic one
 * if markup gave none), and its {@code id} is that ID, not prefixed by naming containers, unless the mode is {@link
 * ClientIDMode#AUTO_ID}: a form inside a master page renders {@code id="form1"}.
 *
 * <p>The form's hidden fields (view state, event target) belong to postback support and are not rendered yet.
 */
public class HtmlForm extends HtmlContainerControl {
    private String defaultButton = "";
    private String defaultFocus = "";
    private boolean submitDisabledControls;

    /** A form. */
    public HtmlForm() {
        super("form");
    }

    /** The {@code action} URL set in markup or code, or null for the page's own URL. */
    public @Nullable String getAction() {
        return getAttributes().get("action");
    }

    /** Sets the URL the form posts to; null or empty posts to the page itself. */
    public void setAction(@Nullable String action) {
        getAttributes().put("action", action);
    }

    /** The {@code method}: {@code post} unless set. */
    public String getMethod() {
        String m = getAttributes().get("method");
        return m == null ? "post" : m;
    }

    /** Sets the {@code method}; null restores {@code post}. */
    public void setMethod(@Nullable String method) {
        getAttributes().put("method", method);
    }

    /** The {@code enctype} attribute, or null. */
    public @Nullable String getEnctype() {
        return getAttributes().get("enctype");
    }

    /** Sets the {@code enctype} attribute ({@code multipart/form-data} for file uploads); null removes it. */
    public void setEnctype(@Nullable String enctype) {
        getAttributes().put("enctype", enctype);
    }

    /** The {@code target} attribute, or null. */
    public @Nullable String getTarget() {
        return getAttributes().get("target");
    }

    /** Sets the {@code target} attribute; null removes it. */
    public void setTarget(@Nullable String target) {
        getAttributes().put("target", target);
    }

    /** The ID of the button Enter presses; empty for none. */
    public String getDefaultButton() {
        return defaultButton;
    }

    /** Sets the ID of the button Enter presses in the form's fields. */
    public void setDefaultButton(@Nullable String defaultButton) {
        this.defaultButton = defaultButton == null ? "" : defaultButton;
    }

    /** The ID of the control that has the focus when the page loads; empty for none. */
    public String getDefaultFocus() {
        return defaultFocus;
    }

    /** Sets the ID of the control that has the focus when the page loads. */
    public void setDefaultFocus(@Nullable String defaultFocus) {
        this.defaultFocus = defaultFocus == null ? "" : defaultFocus;
    }

    /** Tells whether disabled controls are posted too. */
    public boolean isSubmitDisabledControls() {
        return submitDisabledControls;
    }

    /** Sets whether disabled controls are posted too. */
    public void setSubmitDisabledControls(boolean submitDisabledControls) {
        this.submitDisabledControls = submitDisabledControls;
    }

    /**
     * The form's {@code id}: its ID (made if it had none), or in {@link ClientIDMode#AUTO_ID} mode the usual
     * ClientID, as System.Web's {@code HtmlForm.ClientID}.
     */
    @Override
    public @Nullable String getClientID() {
        String clientId = super.getClientID(); // gives the form an ID if it has none, as EnsureID
        return getEffectiveClientIDMode() == ClientIDMode.AUTO_ID ? clientId : getID();
    }

    /**
     * The form's UniqueID: the usual one directly in a page; inside another naming container (a master page), its ID,
     * or {@code aspnetForm} without one or in {@link ClientIDMode#AUTO_ID} mode, as System.Web.
     */
    @Override
    public @Nullable String getUniqueID() {
        Control nc = getNamingContainer();
        if (nc == null || nc instanceof Page) {
            return super.getUniqueID();
        }
        if (getEffectiveClientIDMode() != ClientIDMode.AUTO_ID && getID() != null) {
            return getID();
        }
        return "aspnetForm";
    }

    /** Registers with the page as its one server form (a second is an error, as in System.Web). */
    @Override
    protected void onInit(EventArgs e) throws Exception {
        super.onInit(e);
        Page page = getPage();
        if (page != null) {
            page.registerForm(this);
        }
    }

    /** The page's hidden state fields first and last, around the form's content. */
    @Override
    protected void renderChildren(HtmlTextWriter writer) throws Exception {
        Page page = getPage();
        if (page != null) {
            page.beginFormRender(writer);
        }
        super.renderChildren(writer);
        if (page != null) {
            page.endFormRender(writer);
        }
    }

    @Override
    protected void renderAttributes(HtmlTextWriter writer) throws Exception {
        writer.writeAttribute("method", getMethod());
        String action = actionAttribute();
        if (action != null) {
            writer.writeAttribute("action", action);
        }
        String clientId = getClientID();
        if (clientId != null && !clientId.isEmpty()) {
            writer.writeAttribute("id", clientId);
        }
        Page page = getPage();
        if (page != null && !defaultButton.isEmpty()) {
            writer.writeAttribute(
                    "onkeypress",
                    "javascript:return WebForm_FireDefaultButton(event, '"
                            + page.defaultButtonClientId(this, defaultButton) + "')");
        }
        if (page != null && !defaultFocus.isEmpty() && !page.hasFocus()) { // Page.setFocus from code wins, as ASP.NET
            Control focus = findControl(defaultFocus);
            page.setFocus(focus != null && focus.getClientID() != null ? focus.getClientID() : defaultFocus);
        }
        if (defaultButton.isEmpty()) {
            getAttributes().render(writer, "id", "method", "action", "name");
        } else { // the DefaultButton's onkeypress takes the attribute's place, as in ASP.NET
            getAttributes().render(writer, "id", "method", "action", "name", "onkeypress");
        }
    }

    /**
     * The {@code action}: the Action property if set; else, as System.Web's {@code GetActionAttribute}, {@code ./}
     * and the requested file's name, with {@code ?} and the query string when there is one; null outside a page
     * serving a request.
     */
    private @Nullable String actionAttribute() {
        String action = getAction();
        if (action != null && !action.isEmpty()) {
            return action;
        }
        Page page = getPage();
        if (page == null || page.getContext() == null) {
            return null;
        }
        HttpRequest request = page.getRequest();
        String path = request.filePath();
        int slash = path.lastIndexOf('/');
        String result = slash < 0 ? path : "./" + path.substring(slash + 1);
        String query = request.queryStringText();
        return query.isEmpty() ? result : result + "?" + query;
    }
}
