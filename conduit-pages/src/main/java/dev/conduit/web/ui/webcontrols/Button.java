package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;

/**
 * A submit button, as {@code asp:Button}: {@code <input type="submit" name="ctl00$Main$Save" value="Save"
 * id="Main_Save" />}; its {@code name} is its UniqueID, so the posted form says which button was pressed. {@code
 * OnClientClick} is rendered as {@code onclick} (ending with a semicolon). In a page, the button must be inside a
 * {@code <form runat="server">}, or rendering throws.
 *
 * <p>Click and Command handlers ({@link #addClick}, {@link #addCommand}) are kept; the postback support that decides
 * the button was pressed calls {@link #raisePostBackEvent}, which raises Click, then Command, as System.Web.
 */
public class Button extends ButtonControl {
    /** A button without text. */
    public Button() {
        super("input");
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
        writer.addAttribute("type", "submit");
        ServerForm.addPostName(this, writer);
        writer.addAttribute("value", getText());
        // as System.Web: OnClientClick, then an onclick attribute markup gave, each ending with a semicolon
        String script = withSemicolon(getOnClientClick());
        String userOnClick = getAttributes().get("onclick");
        if (userOnClick != null) {
            script += withSemicolon(userOnClick);
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
}
