package dev.conduit.web.ui;

import org.jspecify.annotations.Nullable;

/**
 * A control made for one item of a data source, as {@code IDataItemContainer}: a repeater item. {@code Eval(...)} in a
 * data-binding expression reads the data item of the nearest one.
 */
public interface DataItemContainer extends NamingContainer {
    /** The data item this control was made for. */
    @Nullable
    Object getDataItem();

    /** The item's index in the data source. */
    int getDataItemIndex();

    /** The item's index among the items displayed. */
    int getDisplayIndex();
}
