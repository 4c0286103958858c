package dev.conduit.web.ui;

import dev.conduit.HttpUtility;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What pages, user controls and master pages share, as {@code TemplateControl}: a control built from a markup file
 * (the compiled class builds its tree in {@link #frameworkInitialize()}), its file's path, automatic wiring of {@code
 * Page_Load}-style methods, {@link #loadControl}, and the data-binding helpers markup uses ({@code Eval}).
 *
 * <p><b>AutoEventWireup</b> (on unless the directive says {@code AutoEventWireup="false"}): methods of the class (or a
 * base class, up to this one) named {@code Page_PreInit}, {@code Page_Init}, {@code Page_InitComplete}, {@code
 * Page_PreLoad}, {@code Page_Load}, {@code Page_LoadComplete}, {@code Page_PreRender}, {@code Page_PreRenderComplete},
 * {@code Page_SaveStateComplete}, {@code Page_Unload}, {@code Page_Error} and {@code Page_DataBind}, taking {@code
 * (Object sender, EventArgs e)} or nothing, any access, are added as handlers of those events when the tree is built
 * (the page-only events on a page only). The methods are found once per class.
 */
public class TemplateControl extends Control implements NamingContainer {
    private static final String[] CONTROL_EVENTS = {"Init", "Load", "DataBind", "PreRender", "Unload", "Error"};
    private static final String[] PAGE_EVENTS = {
        "PreInit",
        "Init",
        "InitComplete",
        "PreLoad",
        "Load",
        "LoadComplete",
        "DataBind",
        "PreRender",
        "PreRenderComplete",
        "SaveStateComplete",
        "Unload",
        "Error"
    };
    private static final ClassValue<List<Wired>> WIRED = new ClassValue<>() {
        @Override
        protected List<Wired> computeValue(Class<?> type) {
            return findWiredMethods(type);
        }
    };

    private boolean initialized;
    private boolean autoEventWireup = true;
    private @Nullable String appRelativeVirtualPath;
    private final Map<String, Template> templatesForMaster = new LinkedHashMap<>();
    private final Map<String, String> idsAsWritten = new java.util.HashMap<>(4);

    /** A template control; compiled subclasses set their path and build their tree. */
    public TemplateControl() {}

    /**
     * Builds the control tree from the markup: compiled classes override it (calling {@code super} first). Runs once,
     * from {@link #initializeAsUserControl()}.
     */
    protected void frameworkInitialize() throws Exception {}

    /**
     * Builds the tree and wires the {@code Page_Xxx} methods, once: called when a user control is created by markup or
     * {@link #loadControl}, and by a page before its life cycle starts.
     */
    public final void initializeAsUserControl() throws Exception {
        if (initialized) {
            return;
        }
        initialized = true;
        frameworkInitialize();
        if (autoEventWireup) {
            for (Wired w : WIRED.get(getClass())) {
                if (this instanceof Page || !w.pageOnly()) {
                    add(w.event(), (sender, e) -> w.invoke(this, e));
                }
            }
        }
    }

    /** Tells whether {@code Page_Xxx} methods are wired (the directive's {@code AutoEventWireup}, true by default). */
    public boolean isAutoEventWireup() {
        return autoEventWireup;
    }

    /** Sets whether {@code Page_Xxx} methods are wired; effective before the tree is built. */
    public void setAutoEventWireup(boolean on) {
        this.autoEventWireup = on;
    }

    /** The file this control was compiled from, relative to the site ({@code ~/shop/Cart.aspx}); null for code. */
    public @Nullable String getAppRelativeVirtualPath() {
        return appRelativeVirtualPath;
    }

    /** Sets the file this control was compiled from (compiled classes do, in their constructor). */
    public void setAppRelativeVirtualPath(@Nullable String path) {
        this.appRelativeVirtualPath = path;
    }

    /** The folder of {@link #getAppRelativeVirtualPath()}, app-absolute with a trailing slash ({@code /shop/}). */
    public String getTemplateSourceDirectory() {
        String p = appRelativeVirtualPath;
        if (p == null) {
            return "/";
        }
        String abs = p.startsWith("~") ? p.substring(1) : p;
        return abs.substring(0, abs.lastIndexOf('/') + 1);
    }

    /** Makes {@code ~/x} and {@code x} (relative to this control's folder) app-absolute. */
    String absolutePath(String virtualPath) {
        if (virtualPath.startsWith("~/")) {
            return virtualPath.substring(1);
        }
        if (virtualPath.startsWith("/")) {
            return virtualPath;
        }
        return getTemplateSourceDirectory() + virtualPath;
    }

    /**
     * A new instance of the user control at {@code virtualPath} ({@code ~/controls/Header.ascx}, or relative to this
     * control's folder), its tree built, not yet in any tree: add it to a control's children to bring it to life.
     *
     * @throws IllegalStateException outside a page request
     */
    public Control loadControl(String virtualPath) {
        try {
            UserControl c = loader().create(absolutePath(virtualPath), UserControl.class);
            c.initializeAsUserControl();
            return c;
        } catch (Exception e) {
            throw Control.<RuntimeException>sneaky(e);
        }
    }

    TemplateLoader loader() {
        Page page = this instanceof Page p ? p : getPage();
        var context = page == null ? null : page.getContext();
        Object loader = context == null ? null : context.items().get(TemplateLoader.class);
        if (loader instanceof TemplateLoader l) {
            return l;
        }
        throw new IllegalStateException(
                "user controls and master pages are loaded while a page serves a request (no TemplateLoader here)");
    }

    /** Registers a content template for this control's master page (compiled {@code <asp:Content>}). */
    public void addContentTemplate(String contentPlaceHolderId, Template template) {
        String key = contentPlaceHolderId.toLowerCase(java.util.Locale.ROOT);
        templatesForMaster.put(key, template);
        idsAsWritten.put(key, contentPlaceHolderId);
    }

    String contentIdAsWritten(String key) {
        return idsAsWritten.getOrDefault(key, key);
    }

    Map<String, Template> templatesForMaster() {
        return templatesForMaster;
    }

    // ---- data binding ------------------------------------------------------------------------------------------

    /**
     * The value of {@code expression} in the current data item, as ASP.NET's {@code Eval}: valid inside a
     * data-binding expression ({@code <%# Eval("Name") %>}) of a data item container's template.
     *
     * @throws IllegalStateException outside data binding
     */
    @SuppressWarnings("MethodName")
    protected final @Nullable Object Eval(String expression) {
        return DataBinder.eval(currentDataItem(), expression);
    }

    /** The value of {@code expression} formatted with a .NET format string ({@code "{0:F2}"}); null gives "". */
    @SuppressWarnings("MethodName")
    protected final String Eval(String expression, String format) {
        return DataBinder.eval(currentDataItem(), expression, format);
    }

    @Nullable
    Object currentDataItem() {
        Page page = this instanceof Page p ? p : getPage();
        if (page == null || !page.isDataBinding()) {
            throw new IllegalStateException(
                    "Eval is used in a data-binding expression (<%# Eval(\"Name\") %>) inside a data-bound control's"
                            + " template");
        }
        return page.peekDataItem();
    }

    /**
     * {@code value} HTML-encoded for {@code <%: %>}: an {@link HtmlString} as it is, null as nothing, anything else
     * through {@code toString()} and {@link HttpUtility#htmlEncode}.
     */
    public static String encode(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof HtmlString h) {
            return h.html();
        }
        return HttpUtility.htmlEncode(value.toString());
    }

    // ---- automatic event wiring --------------------------------------------------------------------------------

    private record Wired(Event event, Method method, boolean withArguments, boolean pageOnly) {
        void invoke(Object target, EventArgs e) throws Exception {
            try {
                if (withArguments) {
                    method.invoke(target, target, e);
                } else {
                    method.invoke(target);
                }
            } catch (InvocationTargetException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof Exception checked) {
                    throw checked;
                }
                throw (Error) cause;
            }
        }
    }

    private static List<Wired> findWiredMethods(Class<?> type) {
        List<Wired> wired = new ArrayList<>();
        boolean page = Page.class.isAssignableFrom(type);
        for (String name : page ? PAGE_EVENTS : CONTROL_EVENTS) {
            Method m = find(type, "Page_" + name);
            if (m != null) {
                Event event = eventOf(name);
                boolean pageOnly = !List.of(CONTROL_EVENTS).contains(name);
                wired.add(new Wired(event, m, m.getParameterCount() == 2, pageOnly));
            }
        }
        return List.copyOf(wired);
    }

    private static Event eventOf(String name) {
        return switch (name) {
            case "PreInit" -> Event.PRE_INIT;
            case "Init" -> Event.INIT;
            case "InitComplete" -> Event.INIT_COMPLETE;
            case "PreLoad" -> Event.PRE_LOAD;
            case "Load" -> Event.LOAD;
            case "LoadComplete" -> Event.LOAD_COMPLETE;
            case "DataBind" -> Event.DATA_BINDING;
            case "PreRender" -> Event.PRE_RENDER;
            case "PreRenderComplete" -> Event.PRE_RENDER_COMPLETE;
            case "SaveStateComplete" -> Event.SAVE_STATE_COMPLETE;
            case "Unload" -> Event.UNLOAD;
            default -> Event.ERROR;
        };
    }

    /** The most derived method {@code name(Object, EventArgs)} or {@code name()} below TemplateControl, or null. */
    private static @Nullable Method find(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != TemplateControl.class && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("dev.conduit.web.ui.")) {
                break;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equalsIgnoreCase(name) || Modifier.isStatic(m.getModifiers()) || m.isBridge()) {
                    continue;
                }
                Class<?>[] p = m.getParameterTypes();
                boolean twoArgs = p.length == 2
                        && p[0] == Object.class
                        && EventArgs.class.isAssignableFrom(EventArgs.class)
                        && p[1] == EventArgs.class;
                if (p.length == 0 || twoArgs) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        return null;
    }
}
