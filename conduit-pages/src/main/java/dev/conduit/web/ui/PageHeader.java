package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * The page's {@code <head runat="server">}, as the page sees it ({@code Page.Header}): the htmlcontrols package's
 * {@code HtmlHead} implements it and registers itself with {@link Page#setHeader} when it initializes.
 */
public interface PageHeader {
    /** The text of the {@code <title>} written in the head, or null when there is none. */
    @Nullable
    String getTitleText();
}
