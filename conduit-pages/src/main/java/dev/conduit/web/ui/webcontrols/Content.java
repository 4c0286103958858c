package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.NonBindingContainer;
import org.jspecify.annotations.Nullable;

/**
 * A content page's region, {@code <asp:Content ContentPlaceHolderID="Main" runat="server">}: the page compiler turns
 * its markup into a template for the master page's placeholder of that ID, so at run time its controls are the
 * placeholder's children and no Content control is in the tree, as in System.Web.
 */
public class Content extends Control implements NonBindingContainer {
    private @Nullable String contentPlaceHolderID;

    /** A content region. */
    public Content() {}

    /** The ID of the master's placeholder this content fills. */
    public @Nullable String getContentPlaceHolderID() {
        return contentPlaceHolderID;
    }

    /** Sets the ID of the placeholder this content fills. */
    public void setContentPlaceHolderID(@Nullable String id) {
        this.contentPlaceHolderID = id;
    }
}
