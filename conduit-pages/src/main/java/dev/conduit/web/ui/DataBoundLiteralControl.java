package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Text computed by a data-binding expression, as {@code DataBoundLiteralControl}: a compiled {@code <%# expr %>} (or
 * {@code <%#: expr %>}, encoded) in markup text. Its text is set when the control binds and rendered as set.
 */
public class DataBoundLiteralControl extends LiteralControl {
    private final Expression expression;
    private final boolean encode;

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
    }

    @Override
    protected void onDataBinding(EventArgs e) throws Exception {
        super.onDataBinding(e);
        Object value = expression.evaluate(this);
        setText(encode ? TemplateControl.encode(value) : value == null ? "" : value.toString());
    }
}
