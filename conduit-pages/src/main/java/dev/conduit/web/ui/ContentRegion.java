package dev.conduit.web.ui;

/**
 * A master page's region that content pages fill: implemented by {@code asp:ContentPlaceHolder}, so the master page
 * machinery here finds the regions without knowing the controls package.
 */
public interface ContentRegion extends NonBindingContainer {}
