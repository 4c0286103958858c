package dev.conduit.web.ui.webcontrols;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An item of a list control, as {@code asp:ListItem}: the text shown, the value posted (the text when none is set),
 * whether it is selected and whether it can be chosen. Markup writes {@code <asp:ListItem Value="r">Red</asp:ListItem>}
 * inside the list control's tag.
 */
public final class ListItem {
    private String text;
    private @Nullable String value;
    private boolean selected;
    private boolean enabled = true;

    /** An item without text. */
    public ListItem() {
        this("", null);
    }

    /** An item whose value is its text. */
    public ListItem(@Nullable String text) {
        this(text, null);
    }

    /** An item with a text and a value. */
    public ListItem(@Nullable String text, @Nullable String value) {
        this.text = text == null ? "" : text;
        this.value = value;
    }

    /** The text shown (the value when no text is set, as in ASP.NET). */
    public String getText() {
        return text.isEmpty() && value != null ? value : text;
    }

    /** Sets the text shown. */
    public void setText(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    /** The value posted: the text when no value is set. */
    public String getValue() {
        return value == null ? text : value;
    }

    /** Sets the value posted. */
    public void setValue(@Nullable String value) {
        this.value = value;
    }

    /** Whether the item is selected. */
    public boolean isSelected() {
        return selected;
    }

    /** Selects or deselects the item. */
    public void setSelected(boolean selected) {
        this.selected = selected;
    }

    /** Whether the item can be chosen ({@code false} renders it disabled; it is never accepted from a postback). */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the item can be chosen. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListItem other
                && getValue().equals(other.getValue())
                && getText().equals(other.getText());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getValue(), getText());
    }

    @Override
    public String toString() {
        return getText();
    }
}
