package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Text computed by a data-binding expression, as {@code DataBoundLiteralControl}: a compiled {@code <%# expr %>} (or
 * {@code <%#: expr %>}, encoded) in markup text. Its text is set when the control binds and rendered as set. Not a
 * {@link LiteralControl} (as in System.Web): a Label or HyperLink keeps it as a child rather than taking it for its
 * static text.
 */
public class DataBoundLiteralControl extends Control {
    private final Expression expression;
    private final boolean encode;
    private String text = "";

    /** A compiled data-binding expression. */
    @FunctionalInterface
    public interface Expression {
        /** The value, for {@code control} (the literal that binds). */
        @Nullable
        Object evaluate(Control control) throws Exception;
    }

    /**
     * A control whose text is {@code expression}'s value at data binding.
     *
     * @param expression the compiled expression, given this control
     * @param encode whether the value is HTML-encoded (unless it is an {@link HtmlString})
     */
    public DataBoundLiteralControl(Expression expression, boolean encode) {
        this.expression = expression;
        this.encode = encode;
        preventAutoId();
        if (getClass() == DataBoundLiteralControl.class) {
            passive(); // not a subclass, which may override onLoad and the like
        }
    }

    /** The text computed at the last data binding (empty before). */
    public String getText() {
        return text;
    }

    @Override
    protected void render(HtmlTextWriter writer) {
        writer.write(text);
    }

    @Override
    protected void onDataBinding(EventArgs e) throws Exception {
        super.onDataBinding(e);
        Object value = expression.evaluate(this);
        text = encode ? TemplateControl.encode(value) : value == null ? "" : value.toString();
    }
}
