package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A radio button, as {@code asp:RadioButton}: {@code <input id="Small" type="radio" name="Size" value="Small"
 * /><label for="Small">Small</label>}. Buttons with one {@code GroupName} in one naming container share a {@code name},
 * so the browser posts the one chosen, by its value (the button's ID); each button of the group is given the post data
 * on a postback and checks itself when the value is its own. CheckedChanged fires for the one checked and the one
 * unchecked. Without a GroupName a button is a group of its own.
 */
public class RadioButton extends CheckBox {
    private String groupName = "";

    /** An unchecked radio button. */
    public RadioButton() {}

    /** The group: buttons with one group name in one naming container exclude each other. */
    public String getGroupName() {
        return groupName;
    }

    /** Sets the group. */
    public void setGroupName(@Nullable String groupName) {
        this.groupName = groupName == null ? "" : groupName;
    }

    /** The {@code name} the group's buttons share: the naming container's UniqueID and the group name. */
    String uniqueGroupName() {
        String uniqueId = Objects.requireNonNullElse(getUniqueID(), "");
        if (groupName.isEmpty()) {
            return uniqueId;
        }
        Control nc = getNamingContainer();
        String prefix = nc == null || nc instanceof Page ? null : nc.getUniqueID();
        return prefix == null || prefix.isEmpty() ? groupName : prefix + "$" + groupName;
    }

    /** The value the browser posts for this button: its ID (its UniqueID when it has none). */
    String valueAttribute() {
        String id = getID();
        return id != null ? id : Objects.requireNonNullElse(getUniqueID(), "");
    }

    @Override
    protected void addInputAttributes(HtmlTextWriter writer) {
        writer.addAttribute("type", "radio");
        String name = uniqueGroupName();
        writer.addAttribute("name", name);
        writer.addAttribute("value", valueAttribute());
        Page page = getPage();
        if (page != null) {
            page.registerForEventValidation(name, valueAttribute());
        }
    }

    /** Checked when the group's posted value is this button's; a change when that differs from the state rendered. */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        String name = uniqueGroupName();
        String posted = postCollection.get(name);
        boolean checked = posted != null && posted.equals(valueAttribute());
        if (checked) {
            Page page = getPage();
            if (page != null) {
                page.validateEvent(name, posted);
            }
        }
        boolean changed = checked != isChecked();
        setChecked(checked);
        return changed;
    }
}
