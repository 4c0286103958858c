package dev.conduit.web.ui;

/**
 * How a control's {@link Control#getClientID() ClientID} (the {@code id} it renders) is made, as ASP.NET 4's {@code
 * ClientIDMode}; markup writes the ASP.NET names ({@code ClientIDMode="Static"}, {@code "AutoID"}).
 */
public enum ClientIDMode {
    /** The mode of the naming container (the page's, {@link #PREDICTABLE}, at the top). */
    INHERIT,
    /** The UniqueID with {@code $} replaced by {@code _}: {@code ctl00_Main_Name}, as before ASP.NET 4. */
    AUTO_ID,
    /**
     * The IDs of the naming containers and the control joined with {@code _}, leaving out the page and master page
     * ({@code Main_Name}); inside a data-bound control, suffixed with the item's index ({@code Rows_Name_0}).
     */
    PREDICTABLE,
    /** The control's own ID, as written. */
    STATIC
}
