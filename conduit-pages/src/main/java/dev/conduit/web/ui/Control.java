package dev.conduit.web.ui;

import dev.conduit.HttpContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A server control, as {@code System.Web.UI.Control}: a node of a page's control tree with an ID, children, a place
 * in the page life cycle and a way to render itself.
 *
 * <p>One class because the control's identity (ID, UniqueID, ClientID), its tree and its life cycle are one state
 * machine in System.Web too: adding a child catches it up with its parent's stage and numbers it in its naming
 * container; splitting them would spread that contract over several classes.
 *
 * <p><b>Life cycle.</b> The page drives it (spec §9.4): Init runs children first, then the control; Load and PreRender
 * run the control first, then its children; Unload runs children first, after rendering. A control overrides {@link
 * #onInit}, {@link #onLoad}, {@link #onPreRender}, {@link #onUnload}, {@link #onDataBinding} (calling {@code super}
 * raises the event to the handlers added with {@link #addInit} and the like) and {@link #render}.
 *
 * <p><b>Identity.</b> {@link #getID()} is what markup or code set, or an automatic {@code ctl00}, {@code ctl01}, ...
 * given by the naming container when the control joins it (text never takes one). {@link #getUniqueID()} joins the
 * IDs of the naming containers with {@code $} (the form field name); {@link #getClientID()} is the rendered {@code id}
 * as {@link ClientIDMode} says.
 *
 * <p><b>Threading.</b> A control tree belongs to one request; nothing here is thread-safe.
 */
public class Control {
    /** Where a control is in the life cycle; a control added late is brought up to its parent's stage. */
    enum Stage {
        CONSTRUCTED,
        INITIALIZED,
        LOADED,
        PRE_RENDERED
    }

    enum Event {
        INIT,
        LOAD,
        PRE_RENDER,
        UNLOAD,
        DATA_BINDING,
        PRE_INIT,
        INIT_COMPLETE,
        PRE_LOAD,
        LOAD_COMPLETE,
        PRE_RENDER_COMPLETE,
        SAVE_STATE_COMPLETE,
        ERROR
    }

    private @Nullable String id;
    /** An automatic ID's number, its text ({@code ctl03}) made only when something reads it; -1 when none. */
    private int autoNumber = -1;

    private boolean idGenerated;
    private boolean mustRenderId;
    private boolean preventAutoId;
    /**
     * A control whose life-cycle methods do nothing of their own (text): its Init, Load, PreRender and Unload are
     * raised only when it has handlers. A page has hundreds of these per request.
     */
    private boolean passive;

    private @Nullable Control parent;
    private @Nullable ControlCollection controls;
    private boolean visible = true;
    private boolean enableViewState = true;
    private ClientIDMode clientIDMode = ClientIDMode.INHERIT;
    private int autoIds;
    private @Nullable String cachedUniqueId;
    private @Nullable String cachedClientId;
    /** Whether this control or a descendant has cached an ID: only then does a move have anything to clear. */
    private boolean idsCachedBelow;

    private @Nullable List<BindingStep> dataBindings;
    private @Nullable RenderMethod renderMethod;
    private @Nullable Map<Event, List<WebEventHandler<EventArgs>>> handlers;
    private @Nullable StateBag viewState;
    /** Init has run: view state changes are tracked from now on. */
    private boolean trackingViewState;
    /** Visible was changed while tracking: it travels in view state. */
    private boolean visibleDirty;
    /**
     * View state for children not yet added, by index (a control whose children are made in code, after the state was
     * loaded): applied when a child joins at that index, as System.Web's {@code _controlsViewState}.
     */
    private java.util.@Nullable Map<Integer, Object> childStates;

    Stage stage = Stage.CONSTRUCTED;

    /** A control without ID or children. */
    public Control() {}

    // ---- identity ----------------------------------------------------------------------------------------------

    /**
     * The ID markup or code gave; an automatic one only once something needed the control's ClientID (so a control
     * nobody refers to renders no {@code id} attribute, as in System.Web); otherwise null.
     */
    public @Nullable String getID() {
        return idGenerated && !mustRenderId ? null : id();
    }

    /**
     * Sets the ID: letters, digits and underscores, not starting with a digit, as in System.Web.
     *
     * @throws IllegalArgumentException for any other text
     */
    public void setID(@Nullable String id) {
        if (id != null && !isValidId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a valid control ID: use letters, digits and"
                    + " underscores, starting with a letter or an underscore");
        }
        this.id = id;
        this.autoNumber = -1;
        this.idGenerated = false;
        clearCachedIds();
    }

    static boolean isValidId(String id) {
        if (id.isEmpty() || !(Character.isLetter(id.charAt(0)) || id.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks a control whose own {@code onInit}, {@code onLoad}, {@code onPreRender} and {@code onUnload} do nothing but
     * raise the event (text, a repeater item): the calls are skipped while it has no handlers. Only for a class that
     * does not override them (the constructor checks {@code getClass()}).
     */
    protected final void passive() {
        passive = true;
    }

    private boolean skipsEvents() {
        return passive && handlers == null;
    }

    /** Tells the naming container not to give this control an automatic ID (text, as {@code LiteralControl}). */
    protected final void preventAutoId() {
        preventAutoId = true;
    }

    /** The nearest ancestor that is a {@link NamingContainer}; null for the top of a tree. */
    public @Nullable Control getNamingContainer() {
        for (Control p = parent; p != null; p = p.parent) {
            if (p instanceof NamingContainer) {
                return p;
            }
        }
        return null;
    }

    /** The naming container {@code Container} means in a data-binding expression: the nearest that binds data. */
    public @Nullable Control getBindingContainer() {
        Control c = getNamingContainer();
        while (c instanceof NonBindingContainer) {
            c = c.getNamingContainer();
        }
        return c;
    }

    /** The nearest data item container around this control ({@code Container} of an item template), or null. */
    public @Nullable DataItemContainer getDataItemContainer() {
        for (Control c = getNamingContainer(); c != null; c = c.getNamingContainer()) {
            if (c instanceof DataItemContainer d) {
                return d;
            }
        }
        return null;
    }

    private void ensureId() {
        if (id == null && autoNumber < 0) {
            Control nc = getNamingContainer();
            if (nc != null) {
                autoNumber = nc.autoIds++;
                idGenerated = true;
            }
        }
    }

    /** The ID, an automatic one made text on first need. */
    private @Nullable String id() {
        String i = id;
        if (i == null && autoNumber >= 0) {
            i = autoNumber < 10 ? "ctl0" + autoNumber : "ctl" + autoNumber;
            id = i;
        }
        return i;
    }

    /** Restarts the automatic numbering (a naming container whose children were all removed). */
    void resetAutomaticIds() {
        autoIds = 0;
    }

    /**
     * The ID that names this control in its page: the UniqueIDs of its naming containers and its own ID, joined with
     * {@code $} ({@code ctl00$Main$Name}); the name of the form field it renders. Null for a page.
     */
    public @Nullable String getUniqueID() {
        if (cachedUniqueId != null) {
            return cachedUniqueId;
        }
        Control nc = getNamingContainer();
        if (nc == null) {
            return id();
        }
        ensureId();
        String prefix = nc.getUniqueID();
        cachedUniqueId = prefix == null || prefix.isEmpty() || nc instanceof Page ? id() : prefix + "$" + id();
        markIdsCached();
        return cachedUniqueId;
    }

    /** How {@link #getClientID()} is made for this control ({@link ClientIDMode#INHERIT} by default). */
    public ClientIDMode getClientIDMode() {
        return clientIDMode;
    }

    /** Sets how {@link #getClientID()} is made. */
    public void setClientIDMode(ClientIDMode mode) {
        this.clientIDMode = java.util.Objects.requireNonNull(mode, "mode");
        clearCachedIds();
    }

    /** The mode that applies: this control's, else its naming container's, else {@link ClientIDMode#PREDICTABLE}. */
    public ClientIDMode getEffectiveClientIDMode() {
        for (Control c = this; c != null; c = c.getNamingContainer()) {
            if (c.clientIDMode != ClientIDMode.INHERIT) {
                return c.clientIDMode;
            }
        }
        return ClientIDMode.PREDICTABLE;
    }

    /** The {@code id} this control renders, as its {@link ClientIDMode} says; null for a page. */
    public @Nullable String getClientID() {
        if (cachedClientId != null) {
            return cachedClientId;
        }
        if (getEffectiveClientIDMode() != ClientIDMode.STATIC) {
            ensureId();
            mustRenderId = true;
        }
        String clientId =
                switch (getEffectiveClientIDMode()) {
                    case STATIC -> idGenerated ? "" : id();
                    case AUTO_ID -> {
                        String u = getUniqueID();
                        yield u == null ? null : u.replace('$', '_');
                    }
                    case PREDICTABLE, INHERIT -> predictableClientId();
                };
        cachedClientId = clientId;
        markIdsCached();
        return clientId;
    }

    /**
     * ASP.NET 4's Predictable rule (Control.GetPredictableClientIDPrefix/Suffix): the naming container's ClientID and
     * this ID joined with {@code _}, except that a page or master page adds nothing and a data item container adds
     * no ID of its own; a control directly in a data item container ends with the item's display index.
     */
    private @Nullable String predictableClientId() {
        Control nc = getNamingContainer();
        if (nc == null) {
            return id();
        }
        ensureId();
        String prefix;
        if (nc instanceof Page || nc instanceof MasterPage) {
            prefix = id();
        } else {
            String outer = nc.getClientID();
            if (outer == null || outer.isEmpty()) {
                prefix = id();
            } else if (this instanceof DataItemContainer) {
                prefix = outer;
            } else {
                prefix = outer + "_" + id();
            }
        }
        // the suffix comes from the nearest data item container up the naming containers (a control in a user
        // control in a repeater item too), and only for a displayed item: a header or footer (index -1) adds none
        DataItemContainer item = this instanceof DataItemContainer ? null : getDataItemContainer();
        if (item != null && item.getDisplayIndex() >= 0) {
            String suffix = Integer.toString(item.getDisplayIndex());
            return prefix == null || prefix.isEmpty() ? suffix : prefix + "_" + suffix;
        }
        return prefix;
    }

    private void markIdsCached() {
        for (Control c = this; c != null && !c.idsCachedBelow; c = c.parent) {
            c.idsCachedBelow = true;
        }
    }

    private void clearCachedIds() {
        // a control without cached IDs may still have descendants with some (a Panel nobody asked for its ClientID,
        // holding a TextBox that rendered): they depend on this control's place, so they are cleared too; a subtree
        // where nothing was cached (most of them, as they are built) costs nothing
        if (!idsCachedBelow) {
            return;
        }
        idsCachedBelow = false;
        cachedUniqueId = null;
        cachedClientId = null;
        if (controls != null) {
            for (Control c : controls) {
                c.clearCachedIds();
            }
        }
    }

    // ---- tree --------------------------------------------------------------------------------------------------

    /** The parent control, or null at the top of a tree. */
    public @Nullable Control getParent() {
        return parent;
    }

    /** The page this control belongs to, or null while it is in no page's tree. */
    public @Nullable Page getPage() {
        for (Control c = this; c != null; c = c.parent) {
            if (c instanceof Page p) {
                return p;
            }
        }
        return null;
    }

    /** The page, user control or master page whose markup (or code) this control belongs to; null outside one. */
    public @Nullable TemplateControl getTemplateControl() {
        for (Control c = parent; c != null; c = c.parent) {
            if (c instanceof TemplateControl t) {
                return t;
            }
        }
        return null;
    }

    /** The request's context, through the page; null outside a page. */
    public @Nullable HttpContext getContext() {
        Page p = getPage();
        return p == null ? null : p.getContext();
    }

    /** The child controls (made on first use). */
    public ControlCollection getControls() {
        ControlCollection c = controls;
        if (c == null) {
            c = createControlCollection();
            controls = c;
        }
        return c;
    }

    /** Makes the collection of children; a control that takes none returns one that refuses additions. */
    protected ControlCollection createControlCollection() {
        return new ControlCollection(this);
    }

    /** Tells whether the control has children. */
    public boolean hasControls() {
        return controls != null && !controls.isEmpty();
    }

    /**
     * Called by the page compiler with each object markup puts inside this control: a child control or text (a {@link
     * LiteralControl}). Adds it to the children; a control whose text is a property (Label, Literal) takes it.
     */
    public void addParsedSubObject(Object obj) {
        if (obj instanceof Control c) {
            getControls().add(c);
        }
    }

    void addedControl(Control child) {
        child.parent = this;
        child.clearCachedIds();
        Control nc = this instanceof NamingContainer ? this : getNamingContainer();
        if (nc != null) {
            child.numberWithin(nc);
        }
        if (stage.compareTo(Stage.INITIALIZED) >= 0) {
            try {
                child.initRecursive();
                if (childStates != null) {
                    Object state = childStates.remove(controls == null ? -1 : controls.indexOf(child));
                    if (state != null) {
                        child.loadViewStateRecursive(state);
                    }
                }
                if (stage.compareTo(Stage.LOADED) >= 0) {
                    child.loadRecursive();
                }
                if (stage.compareTo(Stage.PRE_RENDERED) >= 0) {
                    child.preRenderRecursive();
                }
            } catch (Exception e) {
                throw Control.<RuntimeException>sneaky(e);
            }
        }
    }

    /**
     * Gives this control an automatic ID if it needs one. Its own children that joined it before it had a naming
     * container are numbered when it initializes, as System.Web does (so the numbers follow ASP.NET's order).
     */
    private void numberWithin(Control nc) {
        if (id == null && autoNumber < 0 && !preventAutoId) {
            autoNumber = nc.autoIds++;
            idGenerated = true;
        }
    }

    void removedControl(Control child) {
        child.parent = null;
        child.clearCachedIds();
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t; // rethrows a handler's checked exception unchanged, as .NET code would see it
    }

    /**
     * The control with {@code id} in this control's naming container (this control's own namespace when it is one),
     * not looking into nested naming containers; {@code a$b} looks for {@code b} inside the naming container {@code
     * a}. Null when there is none.
     */
    public @Nullable Control findControl(String id) {
        Control scope = this instanceof NamingContainer ? this : getNamingContainer();
        if (scope == null) {
            scope = this;
        }
        int sep = id.indexOf('$');
        if (sep < 0) {
            return findIn(scope, id);
        }
        Control first = findIn(scope, id.substring(0, sep));
        return first == null ? null : first.findControl(id.substring(sep + 1));
    }

    private static @Nullable Control findIn(Control scope, String id) {
        if (scope.controls == null) {
            return null;
        }
        for (Control c : scope.controls) {
            if (id.equalsIgnoreCase(c.id())) {
                return c;
            }
            if (!(c instanceof NamingContainer)) {
                Control found = findIn(c, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    // ---- properties --------------------------------------------------------------------------------------------

    /** Tells whether the control renders: false when it, or any ancestor, is hidden. */
    public boolean isVisible() {
        return visible && (parent == null || parent.isVisible());
    }

    /** Shows or hides the control and its children. */
    public void setVisible(boolean visible) {
        if (trackingViewState && visible != this.visible) {
            visibleDirty = true;
        }
        this.visible = visible;
    }

    /** Tells whether the control keeps its view state across postbacks (true by default). */
    public boolean isEnableViewState() {
        return enableViewState;
    }

    /** Sets whether the control keeps its view state across postbacks. */
    public void setEnableViewState(boolean enableViewState) {
        this.enableViewState = enableViewState;
    }

    /** The control's view state: values it keeps across postbacks ({@code get(key)}, {@code set(key, value)}). */
    public StateBag getViewState() {
        StateBag v = viewState;
        if (v == null) {
            v = new StateBag();
            if (trackingViewState) {
                v.trackViewState();
            }
            viewState = v;
        }
        return v;
    }

    /**
     * {@code url} for the browser: {@code ~/x} becomes the site's root followed by {@code x}; anything else is kept.
     */
    public String resolveUrl(String url) {
        if (url.startsWith("~/")) {
            return url.substring(1);
        }
        if (url.equals("~")) {
            return "/";
        }
        return url;
    }

    /**
     * {@code url} relative to the requested page, as System.Web's {@code ResolveClientUrl}: {@code ~/About.aspx} is
     * {@code About.aspx} from {@code /Default.aspx} and {@code ../About.aspx} from {@code /Sub/X.aspx}; {@code ~/}
     * from a page in the root is {@code ./}. A relative URL written in a user control or master page of another folder
     * is rebased onto the request's folder the same way; an absolute URL ({@code /x}, {@code http://x}, {@code
     * mailto:x}) or an empty one is kept. Outside a page serving a request, it is {@link #resolveUrl}.
     */
    public String resolveClientUrl(String url) {
        java.util.Objects.requireNonNull(url, "url");
        Page page = getPage();
        if (page == null || page.getContext() == null) {
            return resolveUrl(url);
        }
        dev.conduit.HttpRequest request = page.getRequest();
        String appPath = request.applicationPath();
        String appRoot = appPath.endsWith("/") ? appPath : appPath + "/";
        String absolute;
        if (url.equals("~") || url.startsWith("~/")) {
            absolute = appRoot + url.substring(url.equals("~") ? 1 : 2);
        } else {
            TemplateControl template = this instanceof TemplateControl t ? t : getTemplateControl();
            if (url.isEmpty()
                    || !isRelativeUrl(url)
                    || template == null
                    || template.getAppRelativeVirtualPath() == null) {
                return url;
            }
            String templateDir = appRoot + template.getTemplateSourceDirectory().substring(1);
            absolute = templateDir + url;
        }
        String filePath = request.filePath();
        String requestDir = filePath.substring(0, filePath.lastIndexOf('/') + 1);
        return makeRelative(requestDir, absolute);
    }

    /** Tells whether {@code url} is relative to a folder: not rooted and with no scheme, as System.Web's UrlPath. */
    private static boolean isRelativeUrl(String url) {
        return url.indexOf(':') < 0 && !url.startsWith("/") && !url.startsWith("\\");
    }

    /**
     * The path of {@code to} (app-absolute, maybe with a query or fragment) relative to the folder {@code fromDir}
     * (ending with {@code /}), as System.Web's {@code UrlPath.MakeRelative}: {@code ./} for the folder itself. As
     * {@code UrlPathEncode}, spaces and characters outside ASCII in the path are percent-encoded; {@code %} is kept, so
     * an encoded URL stays as it is.
     */
    static String makeRelative(String fromDir, String to) {
        int q = indexOfAny(to, '?', '#');
        String path = q < 0 ? to : to.substring(0, q);
        String rest = q < 0 ? "" : to.substring(q);
        String[] from = fromDir.substring(1).split("/", -1); // "a/b/" -> [a, b, ""]
        String[] target = path.substring(1).split("/", -1); // "a/x.aspx" -> [a, x.aspx]
        int fromDirs = from.length - 1;
        int common = 0;
        while (common < fromDirs && common < target.length - 1 && from[common].equalsIgnoreCase(target[common])) {
            common++;
        }
        StringBuilder b = new StringBuilder();
        b.append("../".repeat(fromDirs - common));
        for (int i = common; i < target.length; i++) {
            b.append(target[i]);
            if (i < target.length - 1) {
                b.append('/');
            }
        }
        if (b.isEmpty()) {
            b.append("./");
        }
        return encodePath(b.toString()) + rest;
    }

    private static String encodePath(String path) {
        StringBuilder b = null;
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean plain = c > ' ' && c < 0x7f;
            if (!plain && b == null) {
                b = new StringBuilder(path.length() + 8);
                b.append(new String(bytes, 0, i, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (b != null) {
                if (plain) {
                    b.append((char) c);
                } else {
                    // lower-case hex digits, as System.Web's encoder writes them
                    b.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                }
            }
        }
        return b == null ? path : b.toString();
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    // ---- data binding ------------------------------------------------------------------------------------------

    /** One step run when a control binds: a compiled {@code <%# %>} in one of its attributes. */
    @FunctionalInterface
    public interface BindingStep {
        /** Sets the property from the expression's value; {@code control} is the control that binds. */
        void bind(Control control) throws Exception;
    }

    /** Adds a data-binding step run when the control binds (a compiled {@code <%# %>} in an attribute). */
    public void addDataBinding(BindingStep binding) {
        List<BindingStep> b = dataBindings;
        if (b == null) {
            b = new ArrayList<>(2);
            dataBindings = b;
        }
        b.add(binding);
    }

    /**
     * Binds this control and its children to their data: raises DataBinding (the control's {@code <%# %>}
     * expressions run then), then binds each child. A data item container makes its item the one {@code Eval} reads
     * meanwhile.
     */
    public void dataBind() {
        try {
            dataBindRecursive();
        } catch (Exception e) {
            throw Control.<RuntimeException>sneaky(e); // handlers' checked exceptions propagate as they are
        }
    }

    /** What {@link #dataBind()} does; controls that bind differently (a repeater builds its items) override it. */
    protected void dataBindRecursive() throws Exception {
        Page page = this instanceof DataItemContainer ? getPage() : null;
        if (page != null) {
            page.pushDataItem(((DataItemContainer) this).getDataItem());
        }
        try {
            onDataBinding(EventArgs.EMPTY);
            dataBindChildren();
        } finally {
            if (page != null) {
                page.popDataItem();
            }
        }
    }

    /** Binds each child. */
    protected void dataBindChildren() throws Exception {
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                controls.get(i).dataBindRecursive();
            }
        }
    }

    /** Runs the control's data-binding expressions and raises DataBinding. */
    protected void onDataBinding(EventArgs e) throws Exception {
        if (dataBindings != null) {
            for (BindingStep b : dataBindings) {
                b.bind(this);
            }
        }
        raise(Event.DATA_BINDING, e);
    }

    // ---- events ------------------------------------------------------------------------------------------------

    /** Adds a handler of Init. */
    public void addInit(WebEventHandler<EventArgs> handler) {
        add(Event.INIT, handler);
    }

    /** Adds a handler of Load. */
    public void addLoad(WebEventHandler<EventArgs> handler) {
        add(Event.LOAD, handler);
    }

    /** Adds a handler of PreRender. */
    public void addPreRender(WebEventHandler<EventArgs> handler) {
        add(Event.PRE_RENDER, handler);
    }

    /** Adds a handler of Unload. */
    public void addUnload(WebEventHandler<EventArgs> handler) {
        add(Event.UNLOAD, handler);
    }

    /** Adds a handler of DataBinding. */
    public void addDataBinding(WebEventHandler<EventArgs> handler) {
        add(Event.DATA_BINDING, handler);
    }

    void add(Event event, WebEventHandler<EventArgs> handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        Map<Event, List<WebEventHandler<EventArgs>>> h = handlers;
        if (h == null) {
            h = new EnumMap<>(Event.class);
            handlers = h;
        }
        h.computeIfAbsent(event, k -> new ArrayList<>(2)).add(handler);
    }

    boolean hasHandlers(Event event) {
        return handlers != null && handlers.containsKey(event);
    }

    void raise(Event event, EventArgs e) throws Exception {
        if (handlers != null) {
            List<WebEventHandler<EventArgs>> list = handlers.get(event);
            if (list != null) {
                for (WebEventHandler<EventArgs> h : List.copyOf(list)) {
                    h.handle(this, e);
                }
            }
        }
    }

    /** Raises Init; a control that overrides it calls {@code super.onInit(e)}. */
    protected void onInit(EventArgs e) throws Exception {
        raise(Event.INIT, e);
    }

    /** Raises Load. */
    protected void onLoad(EventArgs e) throws Exception {
        raise(Event.LOAD, e);
    }

    /** Raises PreRender. */
    protected void onPreRender(EventArgs e) throws Exception {
        raise(Event.PRE_RENDER, e);
    }

    /** Raises Unload. */
    protected void onUnload(EventArgs e) throws Exception {
        raise(Event.UNLOAD, e);
    }

    void initRecursive() throws Exception {
        if (stage.compareTo(Stage.INITIALIZED) >= 0) {
            return;
        }
        if (this instanceof TemplateControl t) {
            t.initializeAsUserControl();
        }
        if (controls != null) {
            Control nc = this instanceof NamingContainer ? this : getNamingContainer();
            for (int i = 0; i < controls.size(); i++) { // by index: a child added by a child's Init is included
                Control c = controls.get(i);
                if (nc != null) {
                    c.numberWithin(nc);
                }
                c.initRecursive();
            }
        }
        stage = Stage.INITIALIZED;
        if (!skipsEvents()) {
            onInit(EventArgs.EMPTY);
        }
        trackViewState();
    }

    // ---- event bubbling ----------------------------------------------------------------------------------------

    /**
     * Offers {@code args} (raised by {@code source}) to the ancestors, nearest first, until one handles it, as {@code
     * RaiseBubbleEvent}: a button's Command reaches its RepeaterItem, which turns it into the Repeater's ItemCommand.
     */
    protected void raiseBubbleEvent(Object source, EventArgs args) throws Exception {
        for (Control c = parent; c != null; c = c.parent) {
            if (c.onBubbleEvent(source, args)) {
                return;
            }
        }
    }

    /** Handles an event bubbled up from a descendant; true when handled (it goes no further). */
    protected boolean onBubbleEvent(Object source, EventArgs args) throws Exception {
        return false;
    }

    // ---- view state --------------------------------------------------------------------------------------------

    /** Starts tracking changes to view state: called after the control's Init, as in System.Web. */
    protected void trackViewState() {
        trackingViewState = true;
        if (viewState != null) {
            viewState.trackViewState();
        }
    }

    /** Tells whether changes to this control's view state are tracked (its Init has run). */
    protected boolean isTrackingViewState() {
        return trackingViewState;
    }

    /**
     * This control's own view state: what changed since tracking started ({@link #getViewState()}'s dirty values, and
     * Visible when it changed), or null for nothing. A control that keeps more overrides it and {@link
     * #loadViewState}, wrapping {@code super}'s value; only the types view state holds may be returned.
     */
    protected @Nullable Object saveViewState() {
        Object bag = viewState == null ? null : viewState.saveViewState();
        return visibleDirty ? new Pair(visible, bag) : bag;
    }

    /** Restores what {@link #saveViewState} returned on the previous request. */
    protected void loadViewState(@Nullable Object state) {
        if (state instanceof Pair p && p.first() instanceof Boolean v) {
            visible = v;
            visibleDirty = true;
            state = p.second();
        }
        if (state != null) {
            getViewState().loadViewState(state);
        }
    }

    /**
     * This control's control state: what it needs to work even with view state off (a pager's page index, say), as
     * System.Web's {@code SaveControlState}. Saved only for a control that called {@link Page#registerRequiresControlState}
     * in its Init; null for nothing. Only the types view state holds may be returned.
     */
    protected @Nullable Object saveControlState() {
        return null;
    }

    /** Restores what {@link #saveControlState} returned on the previous request (before view state is loaded). */
    protected void loadControlState(@Nullable Object state) {}

    /**
     * The view state of this control and its descendants: {@code Pair(own, [index, state, index, state, ...])}, or
     * null when there is none or EnableViewState is false here (for the whole subtree, as in System.Web).
     */
    @Nullable
    Object saveViewStateRecursive() {
        if (!enableViewState) {
            return null;
        }
        Object own = saveViewState();
        List<Object> children = null;
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                Object state = controls.get(i).saveViewStateRecursive();
                if (state != null) {
                    if (children == null) {
                        children = new ArrayList<>();
                    }
                    children.add(i);
                    children.add(state);
                }
            }
        }
        if (childStates != null) {
            // state for children that were never added this time: kept, so it is not lost (System.Web does the same)
            for (Map.Entry<Integer, Object> e : childStates.entrySet()) {
                if (children == null) {
                    children = new ArrayList<>();
                }
                children.add(e.getKey());
                children.add(e.getValue());
            }
        }
        if (own == null && children == null) {
            return null;
        }
        return new Pair(own, children == null ? null : children.toArray());
    }

    /** Restores what {@link #saveViewStateRecursive} returned, child by child in index order. */
    void loadViewStateRecursive(@Nullable Object state) {
        if (!(state instanceof Pair p) || !enableViewState) {
            return;
        }
        loadViewState(p.first());
        if (!(p.second() instanceof Object[] children)) {
            return;
        }
        for (int i = 0; i + 1 < children.length; i += 2) {
            if (!(children[i] instanceof Integer index) || index < 0) {
                continue;
            }
            if (controls != null && index < controls.size()) {
                controls.get(index).loadViewStateRecursive(children[i + 1]);
            } else {
                if (childStates == null) {
                    childStates = new java.util.HashMap<>();
                }
                childStates.put(index, children[i + 1]);
            }
        }
    }

    /**
     * Raises Load, then loads the children. As System.Web's {@code LoadRecursive}, the control counts as loaded only
     * once its children are: a control added during this control's Load is caught up with Init at once and gets its
     * Load here, after the handler that added it has finished (so the handler can set its properties first). The
     * children are read by index, so one added meanwhile is loaded too.
     */
    void loadRecursive() throws Exception {
        if (stage.compareTo(Stage.LOADED) >= 0) {
            return;
        }
        if (!skipsEvents()) {
            onLoad(EventArgs.EMPTY);
        }
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                controls.get(i).loadRecursive();
            }
        }
        stage = Stage.LOADED;
    }

    /** Raises PreRender, then for the children; like Load, the stage is reached once the children have theirs. */
    void preRenderRecursive() throws Exception {
        preRenderRecursive(parent == null || parent.isVisible());
    }

    /** PreRender for a visible control and its visible children; {@code shown} tells whether the parent shows. */
    private void preRenderRecursive(boolean shown) throws Exception {
        if (stage.compareTo(Stage.PRE_RENDERED) >= 0) {
            return;
        }
        if (shown && visible) {
            if (!skipsEvents()) {
                onPreRender(EventArgs.EMPTY);
            }
            if (controls != null) {
                for (int i = 0; i < controls.size(); i++) {
                    controls.get(i).preRenderRecursive(true);
                }
            }
        }
        stage = Stage.PRE_RENDERED;
    }

    void unloadRecursive() throws Exception {
        if (controls != null) {
            for (int i = 0; i < controls.size(); i++) {
                controls.get(i).unloadRecursive();
            }
        }
        if (!skipsEvents()) {
            onUnload(EventArgs.EMPTY);
        }
    }

    // ---- rendering ---------------------------------------------------------------------------------------------

    /** Sets the method that renders this control's content in place of its children (compiled code blocks). */
    public void setRenderMethodDelegate(@Nullable RenderMethod method) {
        this.renderMethod = method;
    }

    /** Tells whether a render method stands for the children (the control's markup holds code blocks). */
    protected final boolean hasRenderMethod() {
        return renderMethod != null;
    }

    /** Renders the control when it is visible. */
    public void renderControl(HtmlTextWriter writer) throws Exception {
        if (visible) {
            render(writer);
        }
    }

    /** Writes the control's markup; the base writes its children. */
    protected void render(HtmlTextWriter writer) throws Exception {
        renderChildren(writer);
    }

    /** Writes the children (or runs the render method that stands for them). */
    protected void renderChildren(HtmlTextWriter writer) throws Exception {
        if (renderMethod != null) {
            renderMethod.render(writer, this);
        } else if (controls != null) {
            for (int i = 0, n = controls.size(); i < n; i++) {
                controls.get(i).renderControl(writer);
            }
        }
    }

    @Override
    public String toString() {
        String i = id();
        return getClass().getSimpleName() + (i == null ? "" : "#" + i);
    }
}
