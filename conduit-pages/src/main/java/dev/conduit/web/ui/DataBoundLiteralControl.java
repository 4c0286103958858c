package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Text computed by a data-binding expression, as {@code DataBoundLiteralControl}: a compiled {@code <%# expr %>} (or
 * {@code <%#: expr %>}, encoded) in markup text. Its text is set when the control binds and rendered as set. Not a
 * {@link LiteralControl} (as in System.Web): a Label or HyperLink keeps it as a child rather than taking it for its
 * static text.
 */
public class DataBoundLiteralControl extends Control {
    private final @Nullable Expression expression;
    private final boolean encode;
    private final @Nullable TemplateControl owner;
    private final @Nullable Builder builder;
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
        this.expression = java.util.Objects.requireNonNull(expression, "expression");
        this.encode = encode;
        this.owner = null;
        this.builder = null;
        preventAutoId();
        if (getClass() == DataBoundLiteralControl.class) {
            passive(); // not a subclass, which may override onLoad and the like
        }
    }

    /**
     * A run of text and binding expressions compiled from markup ({@code <tr><td><%# Eval("Id") %></td>}), its text
     * appended by {@code builder} into a builder {@code owner} lends (one per page, not one per row).
     */
    @FunctionalInterface
    public interface Builder {
        /** Appends the text for {@code control} (the literal that binds) to {@code out}. */
        void build(Control control, StringBuilder out) throws Exception;
    }

    /**
     * A control whose text {@code builder} appends at data binding.
     *
     * @param owner the page, user control or master page whose markup the text is in
     */
    public DataBoundLiteralControl(TemplateControl owner, Builder builder) {
        this.expression = null;
        this.encode = false;
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
        this.builder = java.util.Objects.requireNonNull(builder, "builder");
        preventAutoId();
        if (getClass() == DataBoundLiteralControl.class) {
            passive();
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
        if (builder != null && owner != null) {
            StringBuilder out = owner.borrowBuilder();
            try {
                builder.build(this, out);
                text = out.toString();
            } finally {
                owner.returnBuilder(out);
            }
            return;
        }
        Object value = expression == null ? null : expression.evaluate(this);
        text = encode ? TemplateControl.encode(value) : value == null ? "" : value.toString();
    }
}
