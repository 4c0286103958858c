package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.DataItemContainer;
import org.jspecify.annotations.Nullable;

/**
 * One item of a {@link Repeater}, as {@code RepeaterItem}: {@code Container} inside its templates. A naming container
 * that carries the data item it was made for ({@code Container.getDataItem()}, {@code Eval("Name")}) and its index.
 */
public class RepeaterItem extends Control implements DataItemContainer {
    private final int itemIndex;
    private final ListItemType itemType;
    private @Nullable Object dataItem;

    /**
     * An item.
     *
     * @param itemIndex the index in the data source (-1 for header and footer; a separator has its preceding item's)
     * @param itemType what part of the repeater it is
     */
    public RepeaterItem(int itemIndex, ListItemType itemType) {
        this.itemIndex = itemIndex;
        this.itemType = itemType;
        if (getClass() == RepeaterItem.class) {
            passive(); // no life-cycle work of its own: Init, Load, PreRender and Unload only for handlers
        }
    }

    /** The index in the data source; -1 for the header and footer. */
    public int getItemIndex() {
        return itemIndex;
    }

    /** What part of the repeater this item is. */
    public ListItemType getItemType() {
        return itemType;
    }

    @Override
    public @Nullable Object getDataItem() {
        return dataItem;
    }

    /** Sets the data item (the repeater does, while it binds). */
    public void setDataItem(@Nullable Object dataItem) {
        this.dataItem = dataItem;
    }

    @Override
    public int getDataItemIndex() {
        return itemIndex;
    }

    /** A command from a button inside the item goes on to the Repeater as ItemCommand. */
    @Override
    protected boolean onBubbleEvent(Object source, dev.conduit.web.ui.EventArgs args) throws Exception {
        if (args instanceof CommandEventArgs command && !(args instanceof RepeaterCommandEventArgs)) {
            raiseBubbleEvent(this, new RepeaterCommandEventArgs(this, source, command));
            return true;
        }
        return false;
    }

    @Override
    public int getDisplayIndex() {
        return itemIndex;
    }
}
