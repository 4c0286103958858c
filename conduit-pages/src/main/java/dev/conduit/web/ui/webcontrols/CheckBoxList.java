package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import java.util.Map;
import java.util.Objects;

/**
 * A list of check boxes, as {@code asp:CheckBoxList}: any number of items may be selected. Item {@code i} is {@code
 * <input id="Tags_0" type="checkbox" name="Tags$0" value="a" /><label for="Tags_0">A</label>}; a browser posts only
 * the checked ones, so the list asks the page for the post data on every postback and reads each item's field:
 * SelectedIndexChanged is raised once when any item changed. Laid out as {@link RepeatingListControl} says.
 */
public class CheckBoxList extends RepeatingListControl {
    /** An empty list. */
    public CheckBoxList() {}

    @Override
    protected boolean isMultiSelect() {
        return true;
    }

    /** Asks for the post data on every postback: unchecking every box posts nothing. */
    @Override
    protected void onPreRender(EventArgs e) throws Exception {
        super.onPreRender(e);
        Page page = getPage();
        if (page != null && isEnabled()) {
            page.registerRequiresPostBack(this);
        }
    }

    /** The posted field of item {@code index}: the list's UniqueID, {@code $} and the index. */
    private String itemName(int index) {
        return Objects.requireNonNullElse(getUniqueID(), "") + "$" + index;
    }

    @Override
    protected void renderItem(HtmlTextWriter writer, int index) {
        String name = itemName(index);
        Page page = getPage();
        if (page != null && isEnabled() && getItems().get(index).isEnabled()) {
            page.registerForEventValidation(name, null);
        }
        renderInput(writer, index, "checkbox", name, isAutoPostBack());
    }

    /**
     * Reads every enabled item's field: checked when it came. A change when any item's state differs from the one
     * rendered. Items' fields are read here, under the list's own key; the page finds no control for them.
     */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        if (!isEnabled() || !postDataKey.equals(getUniqueID())) {
            return false;
        }
        Page page = getPage();
        boolean changed = false;
        for (int i = 0; i < getItems().size(); i++) {
            ListItem item = getItems().get(i);
            if (!item.isEnabled()) {
                continue;
            }
            boolean checked = postCollection.containsKey(itemName(i));
            if (checked && page != null) {
                page.validateEvent(itemName(i), null);
            }
            if (checked != item.isSelected()) {
                item.setSelected(checked);
                changed = true;
            }
        }
        if (changed) {
            setSelectedIndices(getSelectedIndices()); // the selection travels in view state from now on
        }
        return changed;
    }
}
