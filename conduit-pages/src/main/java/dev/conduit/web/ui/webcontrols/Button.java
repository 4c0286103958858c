package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;

/**
 * A submit button, as {@code asp:Button}: {@code <input type="submit" name="ctl00$Main$Save" value="Save"
 * id="Main_Save" />}; its {@code name} is its UniqueID, so the posted form says which button was pressed. {@code
 * OnClientClick} is rendered as {@code onclick} (ending with a semicolon). In a page, the button must be inside a
 * {@code <form runat="server">}, or rendering throws. With {@code UseSubmitBehavior="false"} it is {@code <input
 * type="button" ... onclick="__doPostBack(&#39;Save&#39;,&#39;&#39;)" />}: the page's script posts the form with the
 * button as {@code __EVENTTARGET}.
 *
 * <p>Click and Command handlers ({@link #addClick}, {@link #addCommand}) are kept; the postback support that decides
 * the button was pressed calls {@link #raisePostBackEvent}, which raises Click, then Command, as System.Web.
 */
public class Button extends ButtonControl<EventArgs> {
    private boolean useSubmitBehavior = true;

    /** A button without text. */
    public Button() {
        super("input");
    }

    /** Whether the button is the browser's submit button (true), or posts back by script (false). */
    public boolean isUseSubmitBehavior() {
        return useSubmitBehavior;
    }

    /** Sets whether the button is a submit button or posts back by script. */
    public void setUseSubmitBehavior(boolean useSubmitBehavior) {
        this.useSubmitBehavior = useSubmitBehavior;
    }

    /** Without submit behaviour, asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null && !useSubmitBehavior) {
            page.registerPostBackScript();
        }
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        addAttributesToRender(writer);
        writer.renderSelfClosingTag("input");
    }

    /** Adds {@code type}, {@code name}, {@code value}, {@code onclick}, then the common attributes, as System.Web. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        writer.addAttribute("type", useSubmitBehavior ? "submit" : "button");
        ServerForm.addPostName(this, writer);
        writer.addAttribute("value", getText());
        // as System.Web: OnClientClick, then an onclick attribute markup gave, each ending with a semicolon
        String script = withSemicolon(getOnClientClick());
        String userOnClick = getAttributes().get("onclick");
        if (userOnClick != null) {
            script += withSemicolon(userOnClick);
        }
        Page page = getPage();
        if (!useSubmitBehavior && page != null && isEnabled()) {
            script += page.getPostBackEventReference(this, "");
        }
        if (!script.isEmpty()) {
            writer.addAttribute("onclick", script);
        }
        super.addAttributesToRender(writer);
    }

    @Override
    protected boolean isAttributeRendered(String name) {
        return !name.equalsIgnoreCase("onclick") && super.isAttributeRendered(name);
    }

    private static String withSemicolon(String script) {
        String s = script.trim();
        return s.isEmpty() || s.endsWith(";") ? s : s + ";";
    }

    @Override
    protected EventArgs clickEventArgs() {
        return EventArgs.EMPTY;
    }
}
