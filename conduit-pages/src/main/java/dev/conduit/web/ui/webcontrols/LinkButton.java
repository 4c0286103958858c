package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import dev.conduit.web.ui.Page;

/**
 * A link that posts the form back, as {@code asp:LinkButton}: {@code <a id="Delete"
 * href="javascript:__doPostBack(&#39;Delete&#39;,&#39;&#39;)">Delete</a>}. The page renders {@code __doPostBack} and
 * its {@code __EVENTTARGET} and {@code __EVENTARGUMENT} fields; the postback raises Click, then Command with the
 * command name and argument, as System.Web. The text is written as it is (markup, as ASP.NET's); text inside the tag
 * is the text. Must be inside a {@code <form runat="server">}.
 */
public class LinkButton extends ButtonControl<EventArgs> {
    /** A link button without text. */
    public LinkButton() {
        super("a");
    }

    /** Asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null) {
            page.registerPostBackScript();
        }
    }

    /** Text inside the tag is the text; a control inside it is a child, rendered in the link. */
    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l && !hasControls()) {
            setText(l.getText());
            return;
        }
        String text = getText();
        if (!text.isEmpty()) {
            getControls().add(new LiteralControl(text));
            setText("");
        }
        super.addParsedSubObject(obj);
    }

    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        getClientID(); // a link button always renders its id, as ASP.NET's
        super.addAttributesToRender(writer);
        String script = getOnClientClick().trim();
        if (!script.isEmpty()) {
            writer.addAttribute("onclick", script.endsWith(";") ? script : script + ";");
        }
        Page page = getPage();
        if (page != null && isEnabled()) {
            writer.addAttribute("href", "javascript:" + page.getPostBackEventReference(this, ""));
        }
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        if (hasControls() || hasRenderMethod()) {
            renderChildren(writer);
        } else {
            writer.write(getText());
        }
    }

    @Override
    protected EventArgs clickEventArgs() {
        return EventArgs.EMPTY;
    }
}
