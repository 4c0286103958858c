package dev.conduit.web.ui.webcontrols;

import java.util.Locale;
import java.util.Map;

/**
 * A color for {@code ForeColor}, {@code BackColor} and the like, as markup writes it: a name ({@code Red}, {@code
 * DarkBlue}: the CSS names) or {@code #RRGGBB}; rendered as the name or the hex form it was given in.
 *
 * @param html the CSS color text
 */
public record Color(String html) {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("black", "Black"),
            Map.entry("white", "White"),
            Map.entry("red", "Red"),
            Map.entry("green", "Green"),
            Map.entry("blue", "Blue"),
            Map.entry("yellow", "Yellow"),
            Map.entry("gray", "Gray"),
            Map.entry("grey", "Gray"),
            Map.entry("silver", "Silver"),
            Map.entry("maroon", "Maroon"),
            Map.entry("navy", "Navy"),
            Map.entry("olive", "Olive"),
            Map.entry("purple", "Purple"),
            Map.entry("teal", "Teal"),
            Map.entry("lime", "Lime"),
            Map.entry("aqua", "Aqua"),
            Map.entry("fuchsia", "Fuchsia"),
            Map.entry("orange", "Orange"),
            Map.entry("darkblue", "DarkBlue"),
            Map.entry("darkred", "DarkRed"),
            Map.entry("darkgreen", "DarkGreen"),
            Map.entry("lightgray", "LightGray"),
            Map.entry("darkgray", "DarkGray"),
            Map.entry("transparent", "Transparent"),
            Map.entry("brown", "Brown"),
            Map.entry("pink", "Pink"));

    /**
     * Reads a color name or {@code #RGB}/{@code #RRGGBB}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Color parse(String text) {
        String t = text.trim();
        if (t.matches("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")) {
            return new Color(t);
        }
        String name = NAMES.get(t.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw new IllegalArgumentException("'" + text + "' is not a color (a CSS color name or #RRGGBB)");
        }
        return new Color(name);
    }

    /** The CSS text. */
    public String toHtml() {
        return html;
    }
}
