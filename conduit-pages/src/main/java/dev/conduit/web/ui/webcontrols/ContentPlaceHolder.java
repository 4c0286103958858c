package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.ContentRegion;
import dev.conduit.web.ui.Control;

/**
 * A region of a master page that content pages fill, as {@code ContentPlaceHolder}: {@code <asp:ContentPlaceHolder
 * ID="Main" runat="server">default content</asp:ContentPlaceHolder>}. It renders only its children: the page's {@code
 * <asp:Content ContentPlaceHolderID="Main">}, or its own default content. A naming container (the {@code Main} in
 * {@code ctl00$Main$Name}) that is not a binding container.
 */
public class ContentPlaceHolder extends Control implements ContentRegion {
    /** A placeholder; markup gives it its ID. */
    public ContentPlaceHolder() {}
}
