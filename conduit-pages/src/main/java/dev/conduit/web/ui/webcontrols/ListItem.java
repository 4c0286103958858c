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
    /** Told of a change by the list holding the item, so that the list keeps it in view state (as ASP.NET's). */
    private @Nullable Runnable owner;

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
        changed();
    }

    /** The list the item is in tells it whom to tell of a change. */
    void owner(@Nullable Runnable owner) {
        this.owner = owner;
    }

    private void changed() {
        Runnable o = owner;
        if (o != null) {
            o.run();
        }
    }

    /** The value posted: the text when no value is set. */
    public String getValue() {
        return value == null ? text : value;
    }

    /** Sets the value posted. */
    public void setValue(@Nullable String value) {
        this.value = value;
        changed();
    }

    /** Whether the item is selected. */
    public boolean isSelected() {
        return selected;
    }

    /** Selects or deselects the item. */
    public void setSelected(boolean selected) {
        if (this.selected != selected) {
            this.selected = selected;
            changed();
        }
    }

    /** Whether the item can be chosen ({@code false} renders it disabled; it is never accepted from a postback). */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the item can be chosen. */
    public void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            changed();
        }
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
