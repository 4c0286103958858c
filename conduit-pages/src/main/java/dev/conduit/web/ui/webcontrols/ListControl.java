package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.DataBinder;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.HtmlTextWriter;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.ParseChildren;
import dev.conduit.web.ui.PostBackDataHandler;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the list controls share, as {@code ListControl}: items ({@code <asp:ListItem>} in markup, or bound from a data
 * source with {@code DataTextField} and {@code DataValueField}), the selection, and SelectedIndexChanged on a postback
 * that changed it.
 *
 * <p><b>View state.</b> Items added or bound after Init travel in view state (so a list bound once, on the first
 * request, is there on every postback, as in ASP.NET), with the selection; items from markup come from the markup.
 */
@ParseChildren
public abstract class ListControl extends WebControl implements PostBackDataHandler {
    private final ListItemCollection items = new ListItemCollection(this::itemsChanged);
    private @Nullable Object dataSource;
    private String dataTextField = "";
    private String dataValueField = "";
    private String dataTextFormatString = "";
    private boolean appendDataBoundItems;
    private boolean autoPostBack;
    /** The items changed after Init: they are saved in view state. */
    private boolean itemsDirty;

    private final List<WebEventHandler<EventArgs>> selectedIndexChanged = new ArrayList<>(1);

    /** A list control rendered as {@code tag}. */
    protected ListControl(String tag) {
        super(tag);
    }

    private void itemsChanged() {
        if (isTrackingViewState()) {
            itemsDirty = true;
        }
    }

    /** The items. */
    public ListItemCollection getItems() {
        return items;
    }

    /** The data source the items are bound from ({@link #dataBind()}): an Iterable, an array or a Map. */
    public @Nullable Object getDataSource() {
        return dataSource;
    }

    /** Sets the data source. */
    public void setDataSource(@Nullable Object dataSource) {
        this.dataSource = dataSource;
    }

    /** The property of a data item that is an item's text ({@code Eval} rules); empty: the item itself. */
    public String getDataTextField() {
        return dataTextField;
    }

    /** Sets the text's property. */
    public void setDataTextField(@Nullable String field) {
        this.dataTextField = field == null ? "" : field;
    }

    /** The property of a data item that is an item's value; empty: the text. */
    public String getDataValueField() {
        return dataValueField;
    }

    /** Sets the value's property. */
    public void setDataValueField(@Nullable String field) {
        this.dataValueField = field == null ? "" : field;
    }

    /** A .NET format string for the text ({@code "{0:C}"}); empty for none. */
    public String getDataTextFormatString() {
        return dataTextFormatString;
    }

    /** Sets the text's format string. */
    public void setDataTextFormatString(@Nullable String format) {
        this.dataTextFormatString = format == null ? "" : format;
    }

    /** Whether binding keeps the items already there (markup's "choose one", say) instead of replacing them. */
    public boolean isAppendDataBoundItems() {
        return appendDataBoundItems;
    }

    /** Sets whether binding keeps the items already there. */
    public void setAppendDataBoundItems(boolean append) {
        this.appendDataBoundItems = append;
    }

    /** Whether changing the selection posts the form back at once. */
    public boolean isAutoPostBack() {
        return autoPostBack;
    }

    /** Sets whether changing the selection posts back at once. */
    public void setAutoPostBack(boolean autoPostBack) {
        this.autoPostBack = autoPostBack;
    }

    /** The index of the first selected item, or -1. */
    public int getSelectedIndex() {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isSelected()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Selects the item at {@code index} alone; -1 selects none.
     *
     * @throws IndexOutOfBoundsException for another index outside the items
     */
    public void setSelectedIndex(int index) {
        if (index < -1 || index >= items.size()) {
            throw new IndexOutOfBoundsException(
                    "'" + getID() + "' has no item " + index + " (it has " + items.size() + ")");
        }
        for (int i = 0; i < items.size(); i++) {
            items.get(i).setSelected(i == index);
        }
        itemsChanged();
    }

    /**
     * Whether more than one item may be selected (a ListBox with {@code SelectionMode="Multiple"}, a CheckBoxList);
     * {@link #setSelectedIndex} still selects one alone.
     */
    protected boolean isMultiSelect() {
        return false;
    }

    /** The indexes of the selected items, in order (at most one unless {@link #isMultiSelect()}). */
    public int[] getSelectedIndices() {
        if (!isMultiSelect()) {
            int i = getSelectedIndex();
            return i < 0 ? new int[0] : new int[] {i};
        }
        int count = 0;
        int[] selected = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isSelected()) {
                selected[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(selected, count);
    }

    /**
     * Selects exactly the items at {@code indices} (one of them at most unless {@link #isMultiSelect()}).
     *
     * @throws IndexOutOfBoundsException for an index outside the items
     * @throws IllegalArgumentException for more than one index of a single-selection list
     */
    public void setSelectedIndices(int... indices) {
        if (indices.length > 1 && !isMultiSelect()) {
            throw new IllegalArgumentException("'" + getID() + "' can select one item only");
        }
        boolean[] chosen = new boolean[items.size()];
        for (int index : indices) {
            if (index < 0 || index >= items.size()) {
                throw new IndexOutOfBoundsException(
                        "'" + getID() + "' has no item " + index + " (it has " + items.size() + ")");
            }
            chosen[index] = true;
        }
        for (int i = 0; i < items.size(); i++) {
            items.get(i).setSelected(chosen[i]);
        }
        itemsChanged();
    }

    /** The selected item, or null. */
    public @Nullable ListItem getSelectedItem() {
        int i = getSelectedIndex();
        return i < 0 ? null : items.get(i);
    }

    /** The selected item's value, or "" when none is. */
    public String getSelectedValue() {
        ListItem item = getSelectedItem();
        return item == null ? "" : item.getValue();
    }

    /**
     * Selects the item with the value {@code value}.
     *
     * @throws IllegalArgumentException when no item has it, as ASP.NET's {@code ArgumentOutOfRangeException}
     */
    public void setSelectedValue(String value) {
        int i = items.indexOfValue(Objects.requireNonNull(value, "value"));
        if (i < 0) {
            throw new IllegalArgumentException("'" + getID() + "' has a SelectedValue which is invalid because it does"
                    + " not exist in the list of items: '" + value + "'.");
        }
        setSelectedIndex(i);
    }

    /** Adds a handler of SelectedIndexChanged: a postback chose another item. */
    public void addSelectedIndexChanged(WebEventHandler<EventArgs> handler) {
        selectedIndexChanged.add(Objects.requireNonNull(handler, "handler"));
    }

    /** Raises SelectedIndexChanged to the handlers, in the order they were added. */
    protected void onSelectedIndexChanged(EventArgs e) throws Exception {
        for (WebEventHandler<EventArgs> h : List.copyOf(selectedIndexChanged)) {
            h.handle(this, e);
        }
    }

    /** Binds the items from the data source (after the markup's, with AppendDataBoundItems). */
    @Override
    protected void onDataBinding(EventArgs e) throws Exception {
        super.onDataBinding(e);
        if (dataSource == null) {
            return;
        }
        if (!appendDataBoundItems) {
            items.clear();
        }
        Iterator<?> it = dataSource instanceof Map<?, ?> m
                ? m.entrySet().iterator()
                : dataSource instanceof Object[] a ? List.of(a).iterator() : ((Iterable<?>) dataSource).iterator();
        while (it.hasNext()) {
            Object data = it.next();
            Object textValue = dataTextField.isEmpty() ? data : DataBinder.eval(data, dataTextField);
            String text = dataTextFormatString.isEmpty()
                    ? String.valueOf(textValue)
                    : DataBinder.eval(textValue, "", dataTextFormatString);
            String value = dataValueField.isEmpty() ? text : String.valueOf(DataBinder.eval(data, dataValueField));
            items.add(new ListItem(text, value));
        }
        itemsChanged();
    }

    /**
     * Writes the items as {@code <option>}s of a {@code <select>} (a DropDownList's, a ListBox's), registering each
     * enabled one's value for event validation: a postback may only choose one the page rendered.
     */
    void renderOptions(HtmlTextWriter writer) {
        Page page = getPage();
        String uniqueId = getUniqueID();
        boolean[] selected = new boolean[items.size()];
        for (int i : getSelectedIndices()) {
            selected[i] = true;
        }
        for (int i = 0; i < items.size(); i++) {
            ListItem item = items.get(i);
            writer.write("\n\t<option ");
            if (selected[i]) {
                writer.write("selected=\"selected\" ");
            }
            if (!item.isEnabled()) {
                writer.write("disabled=\"disabled\" ");
            } else if (page != null && uniqueId != null) {
                page.registerForEventValidation(uniqueId, item.getValue());
            }
            writer.write("value=\"");
            writer.writeEncodedText(item.getValue());
            writer.write("\">");
            writer.writeEncodedText(item.getText());
            writer.write("</option>");
        }
        if (!items.isEmpty()) {
            writer.write("\n");
        }
    }

    /** Takes the posted value: a change when it selects another item than the one rendered. */
    @Override
    public boolean loadPostData(String postDataKey, Map<String, String> postCollection) {
        String posted = postCollection.get(postDataKey);
        if (posted == null) {
            return false;
        }
        Page page = getPage();
        if (page != null) {
            page.validateEvent(postDataKey, posted);
        }
        int index = items.indexOfValue(posted);
        if (index < 0 || index == getSelectedIndex() || !items.get(index).isEnabled()) {
            return false;
        }
        setSelectedIndex(index);
        return true;
    }

    /** Raises SelectedIndexChanged. */
    @Override
    public void raisePostDataChangedEvent() throws Exception {
        onSelectedIndexChanged(EventArgs.EMPTY);
    }

    /**
     * The items changed after Init, as {@code [text, value, enabled, ...]}, and the selected indexes (an {@code
     * Integer}, or an array of them for a multi-selection list).
     */
    @Override
    protected @Nullable Object saveViewState() {
        Object own = super.saveViewState();
        if (!itemsDirty) {
            return own;
        }
        List<Object> saved = new ArrayList<>(items.size() * 3);
        for (ListItem item : items) {
            saved.add(item.getText());
            saved.add(item.getValue());
            saved.add(item.isEnabled());
        }
        Object selection;
        if (isMultiSelect()) {
            int[] indices = getSelectedIndices();
            Object[] boxed = new Object[indices.length];
            for (int i = 0; i < indices.length; i++) {
                boxed[i] = indices[i];
            }
            selection = boxed;
        } else {
            selection = getSelectedIndex();
        }
        return new dev.conduit.web.ui.Triplet(own, saved.toArray(), selection);
    }

    @Override
    protected void loadViewState(@Nullable Object state) {
        if (!(state instanceof dev.conduit.web.ui.Triplet t)) {
            super.loadViewState(state);
            return;
        }
        super.loadViewState(t.first());
        if (t.second() instanceof Object[] saved) {
            items.clear();
            for (int i = 0; i + 2 < saved.length; i += 3) {
                ListItem item =
                        new ListItem(saved[i] instanceof String s ? s : "", saved[i + 1] instanceof String v ? v : "");
                item.setEnabled(!Boolean.FALSE.equals(saved[i + 2]));
                items.add(item);
            }
        }
        if (t.third() instanceof Integer selected && selected >= 0 && selected < items.size()) {
            items.get(selected).setSelected(true);
        } else if (t.third() instanceof Object[] indices) {
            for (Object index : indices) {
                if (index instanceof Integer i && i >= 0 && i < items.size()) {
                    items.get(i).setSelected(true);
                }
            }
        }
        itemsDirty = true; // loaded while tracking: it travels on
    }
}
