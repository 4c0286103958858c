package dev.conduit.web.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The HTML attributes of a control that have no property of their own, as {@code AttributeCollection}: a markup
 * attribute a server control does not know ({@code data-x="1"} on an {@code asp:Label}) lands here and is rendered as
 * it was written. Names ignore case (the first spelling is kept); order is the order of first addition.
 */
public final class AttributeCollection {
    private final List<String> names = new ArrayList<>(4);
    private final List<@Nullable String> values = new ArrayList<>(4);

    /** An empty collection. */
    public AttributeCollection() {}

    /** The value of {@code name}, or null. */
    public @Nullable String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** Sets {@code name} (a null value removes it). */
    public void put(String name, @Nullable String value) {
        int i = indexOf(name);
        if (value == null) {
            if (i >= 0) {
                names.remove(i);
                values.remove(i);
            }
        } else if (i >= 0) {
            values.set(i, value);
        } else {
            names.add(name);
            values.add(value);
        }
    }

    /** Removes {@code name}. */
    public void remove(String name) {
        put(name, null);
    }

    /** The number of attributes. */
    public int size() {
        return names.size();
    }

    /** The names, in order. */
    public List<String> keys() {
        return List.copyOf(names);
    }

    /** Writes each attribute ({@code  name="value"}, encoded), except those named in {@code except}. */
    public void render(HtmlTextWriter writer, String... except) {
        outer:
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            for (String e : except) {
                if (e.equalsIgnoreCase(n)) {
                    continue outer;
                }
            }
            writer.writeAttribute(n, values.get(i));
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : " ")
                    .append(names.get(i).toLowerCase(Locale.ROOT))
                    .append("=\"")
                    .append(values.get(i))
                    .append('"');
        }
        return b.toString();
    }
}
