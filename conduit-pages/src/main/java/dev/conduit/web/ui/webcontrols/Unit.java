package dev.conduit.web.ui.webcontrols;

import java.util.Locale;

/**
 * A CSS length, as {@code System.Web.UI.WebControls.Unit}: {@code Width="200px"}, {@code "50%"}, {@code "12em"}; a bare
 * number is pixels.
 *
 * @param value the number
 * @param type the CSS unit ({@code px}, {@code %}, {@code em}, {@code pt}, ...); empty for {@link #EMPTY}
 */
public record Unit(double value, String type) {
    /** No length set. */
    public static final Unit EMPTY = new Unit(0, "");

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException for text that is not a number and a CSS unit
     */
    public static Unit parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return EMPTY;
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '-')) {
            i++;
        }
        String unit = t.substring(i).trim();
        if (i == 0 || !(unit.isEmpty() || unit.matches("px|%|em|ex|pt|pc|cm|mm|in|rem|vw|vh"))) {
            throw new IllegalArgumentException("'" + text + "' is not a valid Unit (a number and px, %, em, pt, ...)");
        }
        return new Unit(Double.parseDouble(t.substring(0, i)), unit.isEmpty() ? "px" : unit);
    }

    /** A length in pixels. */
    public static Unit pixel(int n) {
        return new Unit(n, "px");
    }

    /** A percentage. */
    public static Unit percentage(double n) {
        return new Unit(n, "%");
    }

    /** Tells whether no length is set. */
    public boolean isEmpty() {
        return type.isEmpty();
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "";
        }
        String n = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return n + type;
    }
}
