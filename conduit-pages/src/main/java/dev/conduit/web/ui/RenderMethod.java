package dev.conduit.web.ui;

/**
 * Renders a control's content in place of its children, as {@code RenderMethod}: a compiled page gives one to each
 * control whose markup holds code blocks ({@code <% %>}, {@code <%= %>}), so text, code and child controls come out
 * in the order written.
 */
@FunctionalInterface
public interface RenderMethod {
    /** Writes {@code container}'s content; child controls are rendered with {@link Control#renderControl}. */
    void render(HtmlTextWriter writer, Control container) throws Exception;
}
