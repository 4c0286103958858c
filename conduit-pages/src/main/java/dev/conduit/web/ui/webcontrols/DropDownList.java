package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;

/**
 * A drop-down list, as {@code asp:DropDownList}: {@code <select name="ctl00$Main$Color" id="Main_Color"><option
 * selected="selected" value="r">Red</option>...</select>}. One item is always selected: the first when none is, as in
 * ASP.NET. Each item's value is registered for event validation, so a postback may only choose one the page rendered.
 */
public class DropDownList extends ListControl {
    /** An empty drop-down list. */
    public DropDownList() {
        super("select");
    }

    /** The selected item's index: the first item's (0) when none is selected and there are items. */
    @Override
    public int getSelectedIndex() {
        int i = super.getSelectedIndex();
        return i < 0 && !getItems().isEmpty() ? 0 : i;
    }

    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        String uniqueId = getUniqueID();
        if (uniqueId != null) {
            writer.addAttribute("name", uniqueId);
        }
        if (isAutoPostBack()) {
            ServerForm.addAutoPostBack(this, writer, "onchange");
        }
        super.addAttributesToRender(writer);
    }

    /** With AutoPostBack, asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(dev.conduit.web.ui.EventArgs e) throws Exception {
        super.onPreRender(e);
        if (isAutoPostBack()) {
            ServerForm.autoPostBackScript(this);
        }
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        renderOptions(writer);
    }
}
