package dev.conduit.web.ui;

/**
 * Markup that makes controls, as {@code ITemplate}: a repeater's {@code <ItemTemplate>} or a content page's {@code
 * <asp:Content>}. Compiled pages implement it with a method per template; code may implement it too.
 */
@FunctionalInterface
public interface Template {
    /** Creates the template's controls as children of {@code container}. */
    void instantiateIn(Control container) throws Exception;
}
