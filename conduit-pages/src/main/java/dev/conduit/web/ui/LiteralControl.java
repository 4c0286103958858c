package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * Markup text between server controls, as {@code LiteralControl}: rendered exactly as written, never encoded. It
 * takes no automatic ID and has no children.
 */
public class LiteralControl extends Control {
    private String text;

    /** Empty text. */
    public LiteralControl() {
        this("");
    }

    /** The text {@code text}. */
    public LiteralControl(@Nullable String text) {
        this.text = text == null ? "" : text;
        preventAutoId();
        if (getClass() == LiteralControl.class) {
            passive(); // not a subclass, which may override onLoad and the like
        }
    }

    /** The text. */
    public String getText() {
        return text;
    }

    /** Sets the text. */
    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    @Override
    protected ControlCollection createControlCollection() {
        return new ControlCollection(this) {
            @Override
            public void add(int index, Control child) {
                throw new UnsupportedOperationException(LiteralControl.this + " cannot have child controls");
            }
        };
    }

    @Override
    protected void render(HtmlTextWriter writer) {
        writer.write(text);
    }
}
