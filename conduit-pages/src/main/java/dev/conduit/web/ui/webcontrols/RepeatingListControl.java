package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import java.util.Objects;

/**
 * What a CheckBoxList and a RadioButtonList share: each item is an input with its label, laid out as ASP.NET's {@code
 * RepeatInfo} does: in a {@code <table>} (an item per cell, {@code RepeatColumns} columns filled column by column or row
 * by row), a {@code <span>} on the same grid (a row's items side by side, {@code <br />} between rows), or a {@code
 * <ul>}/{@code <ol>} (one vertical column). The outer element
 * carries the control's id, class and style. A list with no items renders nothing, as ASP.NET 4's.
 */
public abstract class RepeatingListControl extends ListControl {
    private RepeatLayout repeatLayout = RepeatLayout.TABLE;
    private RepeatDirection repeatDirection = RepeatDirection.VERTICAL;
    private int repeatColumns;
    private TextAlign textAlign = TextAlign.RIGHT;

    /** A list laid out in a table. */
    protected RepeatingListControl() {
        super("table");
    }

    /** What the items are wrapped in. */
    public RepeatLayout getRepeatLayout() {
        return repeatLayout;
    }

    /** Sets what the items are wrapped in. */
    public void setRepeatLayout(RepeatLayout repeatLayout) {
        this.repeatLayout = Objects.requireNonNull(repeatLayout, "repeatLayout");
    }

    /** In which order a table's cells take the items. */
    public RepeatDirection getRepeatDirection() {
        return repeatDirection;
    }

    /** Sets in which order a table's cells take the items. */
    public void setRepeatDirection(RepeatDirection repeatDirection) {
        this.repeatDirection = Objects.requireNonNull(repeatDirection, "repeatDirection");
    }

    /** How many columns a table has; 0 (the default): one, or one row when horizontal. */
    public int getRepeatColumns() {
        return repeatColumns;
    }

    /**
     * Sets how many columns a table has.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public void setRepeatColumns(int repeatColumns) {
        if (repeatColumns < 0) {
            throw new IllegalArgumentException("'" + getID() + "': RepeatColumns cannot be negative");
        }
        this.repeatColumns = repeatColumns;
    }

    /** Which side of each input its text goes. */
    public TextAlign getTextAlign() {
        return textAlign;
    }

    /** Sets which side of each input its text goes. */
    public void setTextAlign(TextAlign textAlign) {
        this.textAlign = Objects.requireNonNull(textAlign, "textAlign");
    }

    /** With AutoPostBack, asks the page for {@code __doPostBack}. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        if (isAutoPostBack()) {
            ServerForm.autoPostBackScript(this);
        }
    }

    /** Writes item {@code index}: its input and label. */
    protected abstract void renderItem(HtmlTextWriter writer, int index) throws Exception;

    /** The ClientID of item {@code index}'s input: the list's, {@code _} and the index. */
    protected String itemClientId(int index) {
        return getClientID() + "_" + index;
    }

    /** Writes an item's input then its label, or the other way round with {@code TextAlign="Left"}. */
    protected void renderInput(HtmlTextWriter writer, int index, String type, String name, boolean autoPostBack) {
        ListItem item = getItems().get(index);
        String id = itemClientId(index);
        boolean enabled = isEnabled() && item.isEnabled();
        if (!enabled) { // as ASP.NET 4's disabled check box: in a span of class aspNetDisabled
            writer.addAttribute("class", "aspNetDisabled");
            writer.renderBeginTag("span");
        }
        if (textAlign == TextAlign.LEFT) {
            label(writer, id, item.getText());
        }
        writer.addAttribute("id", id);
        writer.addAttribute("type", type);
        writer.addAttribute("name", name);
        writer.addAttribute("value", item.getValue());
        if (item.isSelected()) {
            writer.addAttribute("checked", "checked");
        }
        if (!enabled) {
            writer.addAttribute("disabled", "disabled");
        } else if (autoPostBack) {
            ServerForm.addAutoPostBack(this, writer, "onclick");
        }
        writer.renderSelfClosingTag("input");
        if (textAlign == TextAlign.RIGHT) {
            label(writer, id, item.getText());
        }
        if (!enabled) {
            writer.renderEndTag();
        }
    }

    private static void label(HtmlTextWriter writer, String id, String text) {
        writer.addAttribute("for", id);
        writer.renderBeginTag("label");
        writer.write(text); // as ASP.NET: the item's text is written as it is
        writer.renderEndTag();
    }

    @Override
    protected void render(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        int count = getItems().size();
        if (count == 0) {
            return;
        }
        getClientID(); // the outer element always has the id: the items' ids derive from it
        addAttributesToRender(writer);
        switch (repeatLayout) {
            case TABLE -> renderTable(writer, count);
            case FLOW -> {
                // the table's grid without the table: a row's items side by side, a <br /> between rows
                writer.renderBeginTag("span");
                int columns = columns(count);
                int rows = (count + columns - 1) / columns;
                for (int row = 0; row < rows; row++) {
                    if (row > 0) {
                        writer.write("<br />");
                    }
                    for (int col = 0; col < columns; col++) {
                        int index = cell(row, col, rows, columns, count);
                        if (index >= 0 && index < count) {
                            renderItem(writer, index);
                        }
                    }
                }
                writer.renderEndTag();
            }
            case UNORDERED_LIST, ORDERED_LIST -> {
                if (repeatDirection == RepeatDirection.HORIZONTAL || repeatColumns > 1) {
                    throw new IllegalStateException("'" + getID() + "': the "
                            + (repeatLayout == RepeatLayout.ORDERED_LIST ? "OrderedList" : "UnorderedList")
                            + " layout has one column, vertical: it takes neither RepeatDirection=\"Horizontal\" nor"
                            + " RepeatColumns, as in ASP.NET.");
                }
                writer.renderBeginTag(repeatLayout == RepeatLayout.ORDERED_LIST ? "ol" : "ul");
                for (int i = 0; i < count; i++) {
                    writer.write("\n\t<li>");
                    renderItem(writer, i);
                    writer.write("</li>");
                }
                writer.write("\n");
                writer.renderEndTag();
            }
        }
    }

    /** The table: items column by column (vertical) or row by row, as {@code RepeatInfo}. */
    private void renderTable(HtmlTextWriter writer, int count) throws Exception {
        writer.renderBeginTag("table");
        int columns = columns(count);
        int rows = (count + columns - 1) / columns;
        for (int row = 0; row < rows; row++) {
            writer.write("\n\t<tr>\n\t\t");
            for (int col = 0; col < columns; col++) {
                int index = cell(row, col, rows, columns, count); // an empty cell past the last item, as ASP.NET
                writer.write("<td>");
                if (index >= 0 && index < count) {
                    renderItem(writer, index);
                }
                writer.write("</td>");
            }
            writer.write("\n\t</tr>");
        }
        writer.write("\n");
        writer.renderEndTag();
    }

    /** How many columns: RepeatColumns, or without it one (vertical) or all the items in one row (horizontal). */
    private int columns(int count) {
        return repeatColumns > 0 ? repeatColumns : repeatDirection == RepeatDirection.HORIZONTAL ? count : 1;
    }

    /** The item in row {@code row}, column {@code col} of the grid, in the direction's order; -1 or past the end: none. */
    private int cell(int row, int col, int rows, int columns, int count) {
        return repeatDirection == RepeatDirection.HORIZONTAL
                ? row * columns + col
                : verticalIndex(row, col, rows, columns, count);
    }

    /**
     * The item in row {@code row}, column {@code col} when columns are filled one after the other: the first {@code
     * count % columns} columns (all, when it divides) have {@code rows} items, the others one fewer; -1 for an empty
     * cell.
     */
    static int verticalIndex(int row, int col, int rows, int columns, int count) {
        int full = count % columns == 0 ? columns : count % columns;
        if (col >= full && row == rows - 1) {
            return -1;
        }
        return col <= full ? col * rows + row : full * rows + (col - full) * (rows - 1) + row;
    }
}
