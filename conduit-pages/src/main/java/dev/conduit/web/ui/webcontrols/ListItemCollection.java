package dev.conduit.web.ui.webcontrols;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/** The items of a list control, as {@code ListItemCollection}: a list, with lookups by value and by text. */
public final class ListItemCollection extends AbstractList<ListItem> implements RandomAccess {
    private final List<ListItem> items = new ArrayList<>();
    private final Runnable changed;

    ListItemCollection(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public ListItem get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public void add(int index, ListItem item) {
        items.add(index, Objects.requireNonNull(item, "item"));
        item.owner(changed);
        changed.run();
    }

    /** Adds an item whose text and value are {@code text}. */
    public void add(String text) {
        add(new ListItem(text));
    }

    @Override
    public ListItem set(int index, ListItem item) {
        ListItem old = items.set(index, Objects.requireNonNull(item, "item"));
        item.owner(changed);
        changed.run();
        return old;
    }

    @Override
    public ListItem remove(int index) {
        ListItem old = items.remove(index);
        changed.run();
        return old;
    }

    @Override
    public void clear() {
        items.clear();
        changed.run();
    }

    /** The first item with the value {@code value}, or null. */
    public @Nullable ListItem findByValue(String value) {
        int i = indexOfValue(value);
        return i < 0 ? null : items.get(i);
    }

    /** The first item with the text {@code text}, or null. */
    public @Nullable ListItem findByText(String text) {
        for (ListItem item : items) {
            if (item.getText().equals(text)) {
                return item;
            }
        }
        return null;
    }

    /** The index of the first item with the value {@code value}, or -1. */
    public int indexOfValue(String value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getValue().equals(value)) {
                return i;
            }
        }
        return -1;
    }
}
