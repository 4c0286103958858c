package dev.conduit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, ordered list of name/value pairs with case-insensitive names, as System.Web's read-only {@code
 * NameValueCollection}: used for query strings, forms and headers. A name may occur more than once.
 */
public final class NameValueCollection {
    private static final NameValueCollection EMPTY = new NameValueCollection(new String[0], 0);

    /** Names and values interleaved: name0, value0, name1, value1, ... */
    private final String[] pairs;

    private final int size;

    private NameValueCollection(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    /** The empty collection. */
    public static NameValueCollection empty() {
        return EMPTY;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of pairs. */
    public int size() {
        return size;
    }

    /** Tells whether there are no pairs. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of pair {@code index}, as it was given. */
    public String name(int index) {
        return pairs[2 * checkIndex(index)];
    }

    /** The value of pair {@code index}. */
    public String value(int index) {
        return pairs[2 * checkIndex(index) + 1];
    }

    /** The first value for {@code name} (compared ignoring case), or {@code null}. */
    public @Nullable String getFirst(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equalsIgnoreCase(name)) {
                return pairs[2 * i + 1];
            }
        }
        return null;
    }

    /**
     * All values for {@code name} joined with commas, as {@code NameValueCollection.Get}; {@code null} when the name
     * is absent.
     */
    public @Nullable String get(String name) {
        String first = null;
        StringBuilder joined = null;
        for (int i = 0; i < size; i++) {
            if (!pairs[2 * i].equalsIgnoreCase(name)) {
                continue;
            }
            if (first == null) {
                first = pairs[2 * i + 1];
            } else {
                if (joined == null) {
                    joined = new StringBuilder(first);
                }
                joined.append(',').append(pairs[2 * i + 1]);
            }
        }
        return joined != null ? joined.toString() : first;
    }

    /** Every value for {@code name}, in order; empty when the name is absent. */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equalsIgnoreCase(name)) {
                values.add(pairs[2 * i + 1]);
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** Tells whether {@code name} occurs (compared ignoring case). */
    public boolean contains(String name) {
        return getFirst(name) != null;
    }

    /** The distinct names in first-occurrence order, as first written. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            if (lower.add(pairs[2 * i].toLowerCase(Locale.ROOT))) {
                names.add(pairs[2 * i]);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** The pairs as map entries, in order. */
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(Map.entry(pairs[2 * i], pairs[2 * i + 1]));
        }
        return Collections.unmodifiableList(entries);
    }

    /** A builder that starts with these pairs. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < size; i++) {
            b.add(pairs[2 * i], pairs[2 * i + 1]);
        }
        return b;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NameValueCollection other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            if (!pairs[i].equals(other.pairs[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + pairs[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[2 * i]).append('=').append(pairs[2 * i + 1]);
        }
        return sb.append('}').toString();
    }

    /** Collects pairs in order; not thread-safe. */
    public static final class Builder {
        private String[] pairs = new String[16];
        private int size;

        private Builder() {}

        /** Appends a pair. */
        public Builder add(String name, String value) {
            if (2 * size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * size] = name;
            pairs[2 * size + 1] = value;
            size++;
            return this;
        }

        /** Removes every pair named {@code name} (ignoring case). */
        public Builder remove(String name) {
            int w = 0;
            for (int r = 0; r < size; r++) {
                if (!pairs[2 * r].equalsIgnoreCase(name)) {
                    pairs[2 * w] = pairs[2 * r];
                    pairs[2 * w + 1] = pairs[2 * r + 1];
                    w++;
                }
            }
            Arrays.fill(pairs, 2 * w, 2 * size, null);
            size = w;
            return this;
        }

        /** Replaces every pair named {@code name} with one pair. */
        public Builder set(String name, String value) {
            return remove(name).add(name, value);
        }

        /** The number of pairs so far. */
        public int size() {
            return size;
        }

        /** The collection built so far; the builder may go on being used. */
        public NameValueCollection build() {
            return size == 0 ? EMPTY : new NameValueCollection(Arrays.copyOf(pairs, 2 * size), size);
        }
    }
}
