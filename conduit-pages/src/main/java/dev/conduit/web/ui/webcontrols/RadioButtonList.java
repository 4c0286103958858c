package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import java.util.Map;
import java.util.Objects;

/**
 * A list of radio buttons, as {@code asp:RadioButtonList}: one item may be selected. Item {@code i} is {@code <input
 * id="Size_0" type="radio" name="Size" value="S" checked="checked" /><label for="Size_0">Small</label>}: the items
 * share the list's UniqueID as their name, so the browser posts the chosen one's value, which must be one the page
 * rendered (event validation). SelectedIndexChanged is raised when it is another than the one rendered. Laid out as
 * {@link RepeatingListControl} says.
 */
public class RadioButtonList extends RepeatingListControl {
    /** An empty list. */
    public RadioButtonList() {}

    @Override
    protected void renderItem(HtmlTextWriter writer, int index) {
        String name = Objects.requireNonNullElse(getUniqueID(), "");
        ListItem item = getItems().get(index);
        Page page = getPage();
        if (page != null && isEnabled() && item.isEnabled()) {
            page.registerForEventValidation(name, item.getValue());
        }
        renderInput(writer, index, "radio", name, isAutoPostBack());
    }

    /** Takes the posted value (it must be one rendered): a change when it selects another item. */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        if (!isEnabled()) {
            return false;
        }
        return super.loadPostData(postDataKey, postCollection);
    }
}
