package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpException;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.htmlcontrols.HtmlForm;

/**
 * The check System.Web's {@code Page.VerifyRenderingInServerForm} makes for controls that post data (TextBox, Button,
 * HiddenField): in a page, they render only inside a {@code <form runat="server">}.
 */
final class ServerForm {
    private ServerForm() {}

    /**
     * Throws unless {@code control} is inside an {@link HtmlForm}; a control in no page (rendered on its own) passes.
     *
     * @throws HttpException (500) with System.Web's message, naming the control's ClientID and type
     */
    static void verify(Control control) {
        if (control.getPage() == null) {
            return;
        }
        for (Control c = control.getParent(); c != null; c = c.getParent()) {
            if (c instanceof HtmlForm) {
                return;
            }
        }
        throw new HttpException(
                500,
                "Control '" + control.getClientID() + "' of type '"
                        + control.getClass().getSimpleName() + "' must be placed inside a form tag with runat=server.");
    }

    /**
     * Writes {@code control}'s {@code name} attribute (its UniqueID, the posted field's name) and, unless the control
     * is disabled, registers the name for event validation: a postback may then carry a field of that name.
     */
    static void addPostName(Control control, HtmlTextWriter writer) {
        String uniqueId = control.getUniqueID();
        if (uniqueId == null) {
            return;
        }
        writer.addAttribute("name", uniqueId);
        Page page = control.getPage();
        if (page != null && !(control instanceof WebControl w && !w.isEnabled())) {
            page.registerForEventValidation(uniqueId, null); // a disabled control's name is never accepted back
        }
    }

    /**
     * Writes the {@code event} attribute ({@code onchange}, {@code onclick}) that posts the form back when the control
     * changes, as ASP.NET's AutoPostBack: {@code javascript:setTimeout('__doPostBack(\'Colors\',\'\')', 0)}. The
     * control asked for the script in its PreRender ({@link #autoPostBackScript}).
     */
    static void addAutoPostBack(Control control, HtmlTextWriter writer, String event) {
        Page page = control.getPage();
        if (page == null) {
            return;
        }
        String call = page.getPostBackEventReference(control, "")
                .replace("\\", "\\\\")
                .replace("'", "\\'");
        writer.addAttribute(event, "javascript:setTimeout('" + call + "', 0)");
    }

    /** Asks the page for {@code __doPostBack} (an AutoPostBack control, in its PreRender). */
    static void autoPostBackScript(Control control) {
        Page page = control.getPage();
        if (page != null) {
            page.registerPostBackScript();
        }
    }
}
