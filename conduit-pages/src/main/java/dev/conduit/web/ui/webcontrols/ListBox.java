package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A list box, as {@code asp:ListBox}: {@code <select size="4" name="Tags" multiple="multiple" id="Tags"><option
 * value="a">A</option>...</select>}. With {@code SelectionMode="Multiple"} any number of items may be selected: the
 * browser posts one field per selected item, and posting none deselects them all (the box asks the page for the post
 * data on every postback, as ASP.NET's). Each value posted must be one the page rendered (event validation).
 */
public class ListBox extends ListControl {
    private int rows = 4;
    private ListSelectionMode selectionMode = ListSelectionMode.SINGLE;

    /** An empty list box of four rows. */
    public ListBox() {
        super("select");
    }

    /** How many rows the box shows (4 by default). */
    public int getRows() {
        return rows;
    }

    /**
     * Sets how many rows the box shows.
     *
     * @throws IllegalArgumentException outside 1..2000, as ASP.NET's
     */
    public void setRows(int rows) {
        if (rows < 1 || rows > 2000) {
            throw new IllegalArgumentException("'" + getID() + "': Rows must be between 1 and 2000, not " + rows);
        }
        this.rows = rows;
    }

    /** Whether one item or any number may be selected. */
    public ListSelectionMode getSelectionMode() {
        return selectionMode;
    }

    /** Sets whether one item or any number may be selected. */
    public void setSelectionMode(ListSelectionMode selectionMode) {
        this.selectionMode = Objects.requireNonNull(selectionMode, "selectionMode");
    }

    @Override
    protected boolean isMultiSelect() {
        return selectionMode == ListSelectionMode.MULTIPLE;
    }

    /** A multiple-selection box asks for the post data on every postback: selecting nothing posts nothing. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null && isMultiSelect() && isEnabled()) {
            page.registerRequiresPostBack(this);
        }
        if (isAutoPostBack()) {
            ServerForm.autoPostBackScript(this);
        }
    }

    /** Adds {@code size}, {@code name}, {@code multiple} and {@code onchange}, then the common attributes. */
    @Override
    protected void addAttributesToRender(HtmlTextWriter writer) throws Exception {
        ServerForm.verify(this);
        writer.addAttribute("size", Integer.toString(rows));
        String uniqueId = getUniqueID();
        if (uniqueId != null) {
            writer.addAttribute("name", uniqueId);
        }
        if (isMultiSelect()) {
            writer.addAttribute("multiple", "multiple");
        }
        if (isAutoPostBack()) {
            ServerForm.addAutoPostBack(this, writer, "onchange");
        }
        super.addAttributesToRender(writer);
    }

    @Override
    protected void renderContents(HtmlTextWriter writer) throws Exception {
        renderOptions(writer);
    }

    /**
     * Takes the values posted for the box (every one, for a multiple selection): each must be one the page rendered;
     * a change when the selected items differ from those rendered. Nothing posted deselects all.
     */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        if (!isEnabled()) {
            return false;
        }
        Page page = getPage();
        List<String> posted = page != null
                ? page.getRequest().form().getAll(postDataKey)
                : postCollection.containsKey(postDataKey) ? List.of(postCollection.get(postDataKey)) : List.of();
        if (!isMultiSelect() && posted.size() > 1) {
            posted = posted.subList(0, 1);
        }
        // each distinct value once, found through a map: work in the values posted plus the items, not their product
        java.util.Map<String, Integer> indexOf = new java.util.HashMap<>();
        for (int i = getItems().size() - 1; i >= 0; i--) {
            indexOf.put(getItems().get(i).getValue(), i); // the first item of a value wins, as indexOfValue
        }
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(posted);
        int[] chosen = new int[distinct.size()];
        int count = 0;
        for (String value : distinct) {
            if (page != null) {
                page.validateEvent(postDataKey, value);
            }
            Integer index = indexOf.get(value);
            if (index != null && getItems().get(index).isEnabled()) {
                chosen[count++] = index;
            }
        }
        chosen = Arrays.stream(chosen, 0, count).distinct().sorted().toArray();
        if (Arrays.equals(chosen, getSelectedIndices())) {
            return false;
        }
        setSelectedIndices(chosen);
        return true;
    }
}
