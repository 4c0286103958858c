package dev.conduit.web.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A control's view state, as {@code StateBag}: named values kept across postbacks of the page ({@code
 * getViewState().set("count", 3)}), with the accessors of session state. Keys are case-sensitive.
 *
 * <p><b>What is kept.</b> As in System.Web, a bag starts tracking once its control's Init has run; from then on every
 * value set is marked dirty, and only dirty values go into the page's {@code __VIEWSTATE}. Values set before (markup
 * attributes, Init code) are the page's own and come back from the markup on the next request; values loaded from
 * view state are set while tracking, so they are dirty and travel on through every later postback. Values must be of
 * the types view state holds: strings, numbers, booleans, {@link Pair}, {@link Triplet}, arrays, lists and
 * string-keyed maps of them.
 */
public final class StateBag {
    private static final class Item {
        @Nullable
        Object value;

        boolean dirty;

        Item(@Nullable Object value) {
            this.value = value;
        }
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private boolean tracking;

    /** An empty bag. */
    public StateBag() {}

    /** The value of {@code key}, or null. */
    public @Nullable Object get(String key) {
        Item item = items.get(key);
        return item == null ? null : item.value;
    }

    /**
     * Sets {@code key} to {@code value}; null removes it (while tracking, a null is kept, dirty, so that the removal
     * travels with the view state, as System.Web's {@code StateBag.Add}).
     */
    public void set(String key, @Nullable Object value) {
        java.util.Objects.requireNonNull(key, "key");
        Item item = items.get(key);
        if (item == null) {
            if (value == null && !tracking) {
                return;
            }
            item = new Item(value);
            items.put(key, item);
        } else if (value == null && !tracking) {
            items.remove(key);
            return;
        } else {
            item.value = value;
        }
        if (tracking) {
            item.dirty = true;
        }
    }

    /** Removes {@code key}. */
    public void remove(String key) {
        items.remove(key);
    }

    /** Tells whether {@code key} is in the bag. */
    public boolean containsKey(String key) {
        return items.containsKey(key);
    }

    /** The keys, in the order they were first set. */
    public Set<String> keys() {
        return Set.copyOf(items.keySet());
    }

    /** How many keys the bag holds. */
    public int size() {
        return items.size();
    }

    /** Removes every key. */
    public void clear() {
        items.clear();
    }

    /** Tells whether {@code key} will be saved in view state (set while tracking). */
    public boolean isItemDirty(String key) {
        Item item = items.get(key);
        return item != null && item.dirty;
    }

    /** Marks {@code key} to be saved in view state or not (a control that re-creates a value itself unmarks it). */
    public void setItemDirty(String key, boolean dirty) {
        Item item = items.get(key);
        if (item != null) {
            item.dirty = dirty;
        }
    }

    /** Marks every key to be saved or not. */
    public void setDirty(boolean dirty) {
        for (Item item : items.values()) {
            item.dirty = dirty;
        }
    }

    /** Tells whether values set from now on are saved. */
    public boolean isTrackingViewState() {
        return tracking;
    }

    /** Starts marking values set as dirty (the control's Init has run). */
    void trackViewState() {
        tracking = true;
    }

    /** The dirty values as {@code [key, value, key, value, ...]}, or null when none is. */
    @Nullable
    Object saveViewState() {
        List<Object> state = null;
        for (Map.Entry<String, Item> e : items.entrySet()) {
            if (e.getValue().dirty) {
                if (state == null) {
                    state = new ArrayList<>();
                }
                state.add(e.getKey());
                state.add(e.getValue().value);
            }
        }
        return state == null ? null : state.toArray();
    }

    /** Sets the values a {@link #saveViewState} returned (dirty again when tracking: they travel on). */
    void loadViewState(@Nullable Object state) {
        if (!(state instanceof Object[] pairs)) {
            return;
        }
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i] instanceof String key) {
                set(key, pairs[i + 1]);
            }
        }
    }
}
