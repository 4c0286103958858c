package dev.conduit.web.ui.webcontrols;

import dev.conduit.HttpUtility;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.LiteralControl;
import org.jspecify.annotations.Nullable;

/**
 * Text with no element of its own, as {@code asp:Literal}: written as it is ({@code Mode="Transform"}, the default, or
 * {@code PassThrough}) or HTML-encoded ({@code Mode="Encode"}). Text inside the tag is its {@code Text}.
 */
public class Literal extends Control {
    /** How the text is written. */
    public enum LiteralMode {
        /** As it is (ASP.NET transforms for mobile devices; Conduit writes it as it is). */
        TRANSFORM,
        /** As it is. */
        PASS_THROUGH,
        /** HTML-encoded. */
        ENCODE
    }

    private String text = "";
    private LiteralMode mode = LiteralMode.TRANSFORM;

    /** An empty literal. */
    public Literal() {}

    /** The text. */
    public String getText() {
        return text;
    }

    /** Sets the text. */
    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    /** How the text is written. */
    public LiteralMode getMode() {
        return mode;
    }

    /** Sets how the text is written. */
    public void setMode(LiteralMode mode) {
        this.mode = mode;
    }

    /** Text inside the tag becomes the Text; a literal takes no child controls. */
    @Override
    public void addParsedSubObject(Object obj) {
        if (obj instanceof LiteralControl l) {
            text = l.getText();
        } else {
            throw new IllegalArgumentException(
                    "'Literal' cannot have children of type '" + obj.getClass().getSimpleName() + "'.");
        }
    }

    @Override
    protected void render(HtmlTextWriter writer) {
        writer.write(mode == LiteralMode.ENCODE ? HttpUtility.htmlEncode(text) : text);
    }
}
