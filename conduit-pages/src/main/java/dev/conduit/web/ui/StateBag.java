package dev.conduit.web.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A control's view state, as {@code StateBag}: named values kept across postbacks of the page ({@code
 * getViewState().set("count", 3)}), with the accessors of session state. Keys are case-sensitive. (This pages
 * render; carrying the values through the page's hidden {@code __VIEWSTATE} field is the postback work that follows.)
 */
public final class StateBag {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** An empty bag. */
    public StateBag() {}

    /** The value of {@code key}, or null. */
    public @Nullable Object get(String key) {
        return values.get(key);
    }

    /** Sets {@code key}; a null value removes it. */
    public void set(String key, @Nullable Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** Removes {@code key}. */
    public void remove(String key) {
        values.remove(key);
    }

    /** Tells whether {@code key} has a value. */
    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    /** The keys, in the order they were first set. */
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    /** The number of values. */
    public int size() {
        return values.size();
    }

    /** Removes every value. */
    public void clear() {
        values.clear();
    }
}
