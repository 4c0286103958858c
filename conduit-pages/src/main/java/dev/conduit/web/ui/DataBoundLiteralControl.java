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
    private final @Nullable Parts parts;
    private @Nullable String text = "";
    /** The values a compiled run kept at binding, written out with its text at rendering. */
    private Object @Nullable [] values;

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
        this.parts = null;
        preventAutoId();
        if (getClass() == DataBoundLiteralControl.class) {
            passive(); // not a subclass, which may override onLoad and the like
        }
    }

    /**
     * A run of text and binding expressions compiled from markup ({@code <tr><td><%# Eval("Id") %></td>}): at binding
     * the expressions' values are kept ({@code values}), at rendering the text and the values are written out, each
     * formatted and encoded as its expression says, straight into the page's writer. Made once per page instance.
     *
     * @param count how many values the run binds
     * @param values stores the run's values, given the literal that binds
     * @param render writes the run, given the values
     */
    public record Parts(int count, Values values, Render render) {}

    /** Computes a compiled run's values at binding. */
    @FunctionalInterface
    public interface Values {
        /** Stores the values for {@code control} (the literal that binds) in {@code values}. */
        void bind(Control control, @Nullable Object[] values) throws Exception;
    }

    /** Writes a compiled run with the values it kept. */
    @FunctionalInterface
    public interface Render {
        /** Writes the run's text and {@code values} to {@code writer}. */
        void render(HtmlTextWriter writer, @Nullable Object[] values) throws Exception;
    }

    /** A control for a compiled run of text and binding expressions: it writes nothing until it has bound. */
    public DataBoundLiteralControl(Parts parts) {
        this.expression = null;
        this.encode = false;
        this.parts = java.util.Objects.requireNonNull(parts, "parts");
        preventAutoId();
        if (getClass() == DataBoundLiteralControl.class) {
            passive();
        }
    }

    /** The text computed at the last data binding (empty before). */
    public String getText() {
        String t = text;
        if (t == null) {
            java.io.StringWriter out = new java.io.StringWriter();
            HtmlTextWriter writer = new HtmlTextWriter(out);
            renderParts(writer);
            writer.flush();
            t = out.toString();
            text = t;
        }
        return t;
    }

    @Override
    protected void render(HtmlTextWriter writer) {
        if (text != null) {
            writer.write(text);
        } else {
            renderParts(writer);
        }
    }

    private void renderParts(HtmlTextWriter writer) {
        try {
            parts.render().render(writer, values);
        } catch (Exception e) {
            throw Control.<RuntimeException>sneaky(e);
        }
    }

    @Override
    protected void onDataBinding(EventArgs e) throws Exception {
        super.onDataBinding(e);
        if (parts != null) {
            Object[] v = new Object[parts.count()];
            parts.values().bind(this, v);
            values = v;
            text = null;
            return;
        }
        Object value = expression == null ? null : expression.evaluate(this);
        text = encode ? TemplateControl.encode(value) : value == null ? "" : value.toString();
    }
}
