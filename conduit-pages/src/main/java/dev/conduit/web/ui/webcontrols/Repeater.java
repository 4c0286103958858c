package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.EventArgs;
import dev.conduit.web.ui.NamingContainer;
import dev.conduit.web.ui.ParseChildren;
import dev.conduit.web.ui.Template;
import dev.conduit.web.ui.TemplateContainer;
import dev.conduit.web.ui.WebEventHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Repeats its templates once per item of a data source, as {@code asp:Repeater}, with no markup of its own: {@code
 * <HeaderTemplate>}, then for each item a {@code <SeparatorTemplate>} (between items), an {@code <ItemTemplate>} (or
 * {@code <AlternatingItemTemplate>} for odd indexes, when there is one), then {@code <FooterTemplate>}. Header and footer
 * appear for an empty source too, but not without one.
 *
 * <p>{@link #dataBind()} clears the items and builds them again from the {@link #setDataSource data source}: an {@link
 * Iterable}, an array, a {@link Map} (its entries), an {@link Iterator} or a {@link Stream}. For each item, in System.Web's
 * order: the template is instantiated into a new {@link RepeaterItem}, ItemCreated is raised, the item joins the
 * repeater, binds (its {@code <%# %>} expressions run with the item as {@code Container}), and ItemDataBound is raised.
 */
@ParseChildren
public class Repeater extends Control implements NamingContainer {
    private @Nullable Object dataSource;
    private @Nullable Template headerTemplate;
    private @Nullable Template itemTemplate;
    private @Nullable Template alternatingItemTemplate;
    private @Nullable Template separatorTemplate;
    private @Nullable Template footerTemplate;
    private final List<RepeaterItem> items = new ArrayList<>();
    private final List<WebEventHandler<RepeaterItemEventArgs>> itemCreated = new ArrayList<>(1);
    private final List<WebEventHandler<RepeaterItemEventArgs>> itemDataBound = new ArrayList<>(1);
    private final List<WebEventHandler<RepeaterCommandEventArgs>> itemCommand = new ArrayList<>(1);

    /** The view-state key of the item count, System.Web's. */
    private static final String ITEM_COUNT = "_!ItemCount";

    /** An empty repeater. */
    public Repeater() {}

    /** The data source. */
    public @Nullable Object getDataSource() {
        return dataSource;
    }

    /** Sets the data source read at the next {@link #dataBind()}. */
    public void setDataSource(@Nullable Object dataSource) {
        this.dataSource = dataSource;
    }

    /** The items made by the last binding (data items only: no header, separator or footer). */
    public List<RepeaterItem> getItems() {
        return Collections.unmodifiableList(items);
    }

    /** The header template. */
    public @Nullable Template getHeaderTemplate() {
        return headerTemplate;
    }

    /** Sets the header template. */
    @TemplateContainer(RepeaterItem.class)
    public void setHeaderTemplate(@Nullable Template t) {
        this.headerTemplate = t;
    }

    /** The item template. */
    public @Nullable Template getItemTemplate() {
        return itemTemplate;
    }

    /** Sets the item template. */
    @TemplateContainer(RepeaterItem.class)
    public void setItemTemplate(@Nullable Template t) {
        this.itemTemplate = t;
    }

    /** The template of items at odd indexes. */
    public @Nullable Template getAlternatingItemTemplate() {
        return alternatingItemTemplate;
    }

    /** Sets the template of items at odd indexes. */
    @TemplateContainer(RepeaterItem.class)
    public void setAlternatingItemTemplate(@Nullable Template t) {
        this.alternatingItemTemplate = t;
    }

    /** The separator template. */
    public @Nullable Template getSeparatorTemplate() {
        return separatorTemplate;
    }

    /** Sets the separator template. */
    @TemplateContainer(RepeaterItem.class)
    public void setSeparatorTemplate(@Nullable Template t) {
        this.separatorTemplate = t;
    }

    /** The footer template. */
    public @Nullable Template getFooterTemplate() {
        return footerTemplate;
    }

    /** Sets the footer template. */
    @TemplateContainer(RepeaterItem.class)
    public void setFooterTemplate(@Nullable Template t) {
        this.footerTemplate = t;
    }

    /** Adds a handler of ItemCreated: an item's controls exist, it is not yet bound. */
    public void addItemCreated(WebEventHandler<RepeaterItemEventArgs> handler) {
        itemCreated.add(handler);
    }

    /** Adds a handler of ItemDataBound: an item has been bound ({@code e.getItem().findControl(...)}). */
    public void addItemDataBound(WebEventHandler<RepeaterItemEventArgs> handler) {
        itemDataBound.add(handler);
    }

    /** Adds a handler of ItemCommand: a button's Command in an item ({@code CommandName="Delete"}). */
    public void addItemCommand(WebEventHandler<RepeaterCommandEventArgs> handler) {
        itemCommand.add(java.util.Objects.requireNonNull(handler, "handler"));
    }

    /** Raises ItemCommand to the handlers, in the order they were added. */
    protected void onItemCommand(RepeaterCommandEventArgs e) throws Exception {
        for (WebEventHandler<RepeaterCommandEventArgs> h : List.copyOf(itemCommand)) {
            h.handle(this, e);
        }
    }

    @Override
    protected boolean onBubbleEvent(Object source, EventArgs args) throws Exception {
        if (args instanceof RepeaterCommandEventArgs command) {
            onItemCommand(command);
            return true;
        }
        return false;
    }

    /**
     * On a postback of a page that bound the Repeater once: the items are made again from the count view state kept
     * (without data), as System.Web's {@code CreateControlHierarchy(false)}, so their controls are there to take their
     * own view state, the post data and the events (a Delete button's ItemCommand).
     */
    @Override
    protected void loadViewState(@Nullable Object state) {
        super.loadViewState(state);
        if (getViewState().get(ITEM_COUNT) instanceof Integer count && !hasControls()) {
            try {
                create(headerTemplate, -1, ListItemType.HEADER, null, false);
                for (int index = 0; index < count; index++) {
                    if (index > 0) {
                        create(separatorTemplate, index - 1, ListItemType.SEPARATOR, null, false);
                    }
                    boolean odd = index % 2 == 1;
                    Template t = odd && alternatingItemTemplate != null ? alternatingItemTemplate : itemTemplate;
                    RepeaterItem item =
                            create(t, index, odd ? ListItemType.ALTERNATING_ITEM : ListItemType.ITEM, null, false);
                    if (item != null) {
                        items.add(item);
                    }
                }
                create(footerTemplate, -1, ListItemType.FOOTER, null, false);
            } catch (Exception e) {
                throw new IllegalStateException("the Repeater '" + getID() + "' could not make its items again", e);
            }
        }
    }

    @Override
    protected void dataBindRecursive() throws Exception {
        onDataBinding(EventArgs.EMPTY);
    }

    @Override
    protected void onDataBinding(EventArgs e) throws Exception {
        super.onDataBinding(e);
        getControls().clear();
        items.clear();
        if (dataSource == null) {
            return;
        }
        create(headerTemplate, -1, ListItemType.HEADER, null);
        Iterator<?> it = iterate(dataSource);
        for (int index = 0; it.hasNext(); index++) {
            Object dataItem = it.next();
            if (index > 0) {
                create(separatorTemplate, index - 1, ListItemType.SEPARATOR, null);
            }
            boolean odd = index % 2 == 1;
            Template t = odd && alternatingItemTemplate != null ? alternatingItemTemplate : itemTemplate;
            RepeaterItem item = create(t, index, odd ? ListItemType.ALTERNATING_ITEM : ListItemType.ITEM, dataItem);
            if (item != null) {
                items.add(item);
            }
        }
        create(footerTemplate, -1, ListItemType.FOOTER, null);
        getViewState().set(ITEM_COUNT, items.size()); // to make the items again on a postback
    }

    private @Nullable RepeaterItem create(
            @Nullable Template template, int index, ListItemType type, @Nullable Object dataItem) throws Exception {
        return create(template, index, type, dataItem, true);
    }

    private @Nullable RepeaterItem create(
            @Nullable Template template, int index, ListItemType type, @Nullable Object dataItem, boolean bind)
            throws Exception {
        if (template == null && type != ListItemType.ITEM && type != ListItemType.ALTERNATING_ITEM) {
            return null;
        }
        RepeaterItem item = new RepeaterItem(index, type);
        if (template != null) {
            template.instantiateIn(item);
        }
        item.setDataItem(dataItem);
        RepeaterItemEventArgs args =
                itemCreated.isEmpty() && itemDataBound.isEmpty() ? null : new RepeaterItemEventArgs(item);
        for (int i = 0; i < itemCreated.size(); i++) {
            itemCreated.get(i).handle(this, args);
        }
        getControls().add(item);
        if (!bind) {
            return item;
        }
        item.dataBind();
        for (int i = 0; i < itemDataBound.size(); i++) {
            itemDataBound.get(i).handle(this, args);
        }
        item.setDataItem(null);
        return item;
    }

    private static Iterator<?> iterate(Object source) {
        if (source instanceof Iterable<?> i) {
            return i.iterator();
        }
        if (source instanceof Map<?, ?> m) {
            return m.entrySet().iterator();
        }
        if (source instanceof Iterator<?> i) {
            return i;
        }
        if (source instanceof Stream<?> s) {
            return s.iterator();
        }
        if (source instanceof Object[] a) {
            return java.util.Arrays.asList(a).iterator();
        }
        if (source.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(source);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(java.lang.reflect.Array.get(source, i));
            }
            return list.iterator();
        }
        throw new IllegalArgumentException("a Repeater's DataSource must be an Iterable, a Map, an array, an Iterator"
                + " or a Stream, not " + source.getClass().getName());
    }

    @Override
    protected void dataBindChildren() {
        // the items bind as they are made
    }
}
