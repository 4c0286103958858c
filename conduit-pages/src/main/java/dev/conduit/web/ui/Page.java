package dev.conduit.web.ui;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpRequest;
import dev.conduit.HttpResponse;
import dev.conduit.HttpServerUtility;
import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.HttpSessionState;
import dev.conduit.trace.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Web Forms page, as {@code System.Web.UI.Page}: the handler an {@code .aspx} file compiles to. A new instance
 * serves each request ({@link #isReusable()} is false, as in ASP.NET).
 *
 * <p><b>Life cycle</b> ({@link #processRequest}, in System.Web's order, spec §9.4): build the tree; PreInit; apply the
 * master page; Init (children first); InitComplete; PreLoad; Load (page first); LoadComplete; PreRender (page first);
 * PreRenderComplete; SaveStateComplete; Render; Unload (children first). Each step is written to the request's trace
 * under the category {@code aspx.page} ({@code Begin Load}, {@code End Load}), as ASP.NET's trace shows it.
 *
 * <p><b>Errors.</b> An exception from any step raises the page's Error event ({@code Page_Error}); a handler that
 * calls {@code getServer().clearError()} swallows it, otherwise it goes on to the application (its Error event and the
 * error page). {@code getResponse().redirect(url)} and {@code end()} end the page without an error, as in System.Web.
 *
 * <p>Page members follow the control model's JavaBean style ({@code isPostBack()}, {@code getRequest()}); the request
 * objects are the handler model's own ({@code getRequest().queryString()}).
 */
public class Page extends TemplateControl implements HttpHandler {
    private @Nullable HttpContext context;
    private @Nullable String title;
    private @Nullable String masterPageFile;
    private @Nullable MasterPage master;
    private @Nullable PageHeader header;
    private @Nullable String contentType;
    private @Nullable String errorPage;
    private boolean postBack;
    private @Nullable HtmlTextWriter rendering;
    private @Nullable Boolean traceEnabled;
    private final List<@Nullable Object> dataItems = new ArrayList<>(4);
    /** The page's one server form ({@code <form runat="server">}), once its Init has run. */
    private @Nullable Control form;
    /** The protected view state the form renders, made at SaveState. */
    private @Nullable String clientState;

    private String viewStateUserKey = "";
    private boolean enableEventValidation = true;
    private ViewStateEncryptionMode viewStateEncryptionMode = ViewStateEncryptionMode.AUTO;
    private boolean viewStateEncryptionRequested;
    /** The page's validators, in the order their Init ran. */
    private final List<Validator> validators = new ArrayList<>();
    /** Whether {@link #validate} ran this request. */
    private boolean validated;
    /** UniqueIDs of the controls that want the post data on the next postback even when nothing of theirs is posted. */
    private final java.util.Set<String> requiresPostData = new java.util.LinkedHashSet<>();
    /** Those the posted view state names. */
    private final java.util.Set<String> postedRequiresPostData = new java.util.LinkedHashSet<>();

    private @Nullable PostBackEventHandler requiresRaiseEvent;
    /** Whether a postback comes back scrolled where the user was ({@code MaintainScrollPositionOnPostback}). */
    private boolean maintainScrollPosition;
    /** Whether the form renders {@code WebForm_FireDefaultButton} (a DefaultButton asked for it). */
    private boolean defaultButtonScript;
    /** The ClientID of the control that gets the focus when the page loads, or null. */
    private @Nullable String focusClientId;
    /** This request's view-state keys, made on first use. */
    private @Nullable ViewStateProtector protector;
    /** The digest of {@link #eventHash}, made on first use. */
    private java.security.@Nullable MessageDigest eventDigest;
    /** The controls that asked for control state ({@link #registerRequiresControlState}), in order. */
    private final java.util.Set<Control> controlStateControls = new java.util.LinkedHashSet<>();
    /** The control state the postback brought, by UniqueID, until each control takes its own. */
    private @Nullable Map<?, ?> loadedControlState;
    /** Whether a control needs {@code __doPostBack} (a LinkButton): the form then renders it and its two fields. */
    private boolean postBackScript;
    /** What this rendering registered for event validation: hashes of UniqueID and argument. */
    private final List<Long> renderedEvents = new ArrayList<>();
    /** What the posted {@code __EVENTVALIDATION} allows; null until read. */
    private java.util.@Nullable Set<Long> postedEvents;
    /** The form's fields on a postback (each field's first value). */
    private @Nullable Map<String, String> postData;

    /** A page; compiled pages set their directive's values in their constructor. */
    public Page() {}

    /** False: a page instance serves one request, as in System.Web. */
    @Override
    public boolean isReusable() {
        return false;
    }

    /** Runs the page's life cycle for the request and renders it to the response. */
    @Override
    public void processRequest(HttpContext context) throws Exception {
        this.context = context;
        if (traceEnabled != null) {
            context.trace().setEnabled(traceEnabled);
        }
        context.response().setContentType(contentType == null ? "text/html" : contentType);
        postBack = determinePostBack(context.request());
        Throwable failure = null;
        try {
            processRequestMain(context.trace());
        } catch (Exception e) {
            try {
                handleError(context, e);
            } catch (Throwable t) {
                failure = t;
            }
        } catch (Throwable t) {
            failure = t; // Response.End and redirect's signal, an Error
        }
        // As System.Web's ProcessRequestCleanup: Unload runs whatever happened (an error, a redirect, end()); an
        // exception of its own is not the page's Error event's (it runs after it), and does not hide an earlier one
        try {
            step(context.trace(), "Unload", this::unloadRecursive);
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw Control.<Exception>sneaky(failure);
        }
    }

    private static boolean determinePostBack(HttpRequest request) {
        if (!"POST".equals(request.httpMethod())) {
            return false;
        }
        var form = request.form();
        return form.get("__VIEWSTATE") != null
                || form.get("__VIEWSTATEFIELDCOUNT") != null
                || form.get("__EVENTTARGET") != null;
    }

    private void processRequestMain(TraceContext trace) throws Exception {
        initializeAsUserControl();
        step(trace, "PreInit", () -> raise(Event.PRE_INIT, EventArgs.EMPTY));
        applyMasterPage();
        step(trace, "Init", this::initRecursive);
        step(trace, "InitComplete", () -> raise(Event.INIT_COMPLETE, EventArgs.EMPTY));
        PostBack postBackData = null;
        if (postBack) {
            step(trace, "LoadState", this::loadAllState);
            postBackData = new PostBack(this, postData());
            PostBack p = postBackData;
            step(trace, "ProcessPostData", () -> p.processPostData(true));
        }
        step(trace, "PreLoad", () -> raise(Event.PRE_LOAD, EventArgs.EMPTY));
        step(trace, "Load", this::loadRecursive);
        if (postBackData != null) {
            PostBack p = postBackData;
            step(trace, "ProcessPostData Second Try", () -> p.processPostData(false));
            step(trace, "Raise ChangedEvents", p::raiseChangedEvents);
            step(trace, "Raise PostBackEvent", p::raisePostBackEvent);
        }
        step(trace, "LoadComplete", () -> raise(Event.LOAD_COMPLETE, EventArgs.EMPTY));
        step(trace, "PreRender", this::preRenderRecursive);
        step(trace, "PreRenderComplete", () -> raise(Event.PRE_RENDER_COMPLETE, EventArgs.EMPTY));
        step(trace, "SaveState", this::saveAllState);
        step(trace, "SaveStateComplete", () -> raise(Event.SAVE_STATE_COMPLETE, EventArgs.EMPTY));
        step(trace, "Render", this::renderPage);
    }

    // ---- view state and postback -------------------------------------------------------------------------------

    /** The posted form's fields, each its first value, in the order posted. */
    private Map<String, String> postData() {
        Map<String, String> data = postData;
        if (data == null) {
            // one pass (a lookup per name was quadratic in the fields posted); a field posted twice: its values joined
            // with commas, as in ASP.NET; names compare ignoring case, the first spelling kept
            var form = context().request().form();
            Map<String, StringBuilder> joined = new java.util.LinkedHashMap<>();
            Map<String, String> spelling = new java.util.HashMap<>();
            for (int i = 0; i < form.size(); i++) {
                String name = form.name(i);
                String key = spelling.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> name);
                StringBuilder value = joined.get(key);
                if (value == null) {
                    joined.put(key, new StringBuilder(form.value(i)));
                } else {
                    value.append(',').append(form.value(i));
                }
            }
            data = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, StringBuilder> e : joined.entrySet()) {
                data.put(e.getKey(), e.getValue().toString());
            }
            postData = data;
        }
        return data;
    }

    /**
     * Registers the page's server form (called by {@code HtmlForm} at its Init).
     *
     * @throws IllegalStateException for a second one: a page has one server form, as in System.Web
     */
    public void registerForm(Control form) {
        if (this.form != null && this.form != form) {
            throw new IllegalStateException("A page can have only one server-side Form tag.");
        }
        this.form = form;
    }

    /** The page's server form (an {@code HtmlForm}), or null when it has none. */
    public @Nullable Control getForm() {
        return form;
    }

    /**
     * The value that makes view state one user's: view state posted with another value is refused (set it in
     * {@code Page_Init} to the session's ID or the user's name, against cross-site request forgery, as in ASP.NET).
     */
    public String getViewStateUserKey() {
        return viewStateUserKey;
    }

    /** Sets {@link #getViewStateUserKey()}; effective for the view state this request loads and saves. */
    public void setViewStateUserKey(@Nullable String key) {
        this.viewStateUserKey = key == null ? "" : key;
    }

    private byte[] viewStatePurpose() {
        return ViewStateProtector.purpose(
                context().request().filePath(), getClass().getName(), viewStateUserKey);
    }

    private ViewStateProtector protector() {
        ViewStateProtector p = protector;
        if (p == null) {
            var site = dev.conduit.feature.FeatureSite.of(context());
            p = protector = new ViewStateProtector(site.key("pages:viewstate"), site.key("pages:viewstate-encryption"));
        }
        return p;
    }

    /** Whether the page's view state is encrypted ({@code ViewStateEncryptionMode} of the directive). */
    public ViewStateEncryptionMode getViewStateEncryptionMode() {
        return viewStateEncryptionMode;
    }

    /** Sets whether the view state is encrypted. */
    public void setViewStateEncryptionMode(ViewStateEncryptionMode mode) {
        this.viewStateEncryptionMode = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** Asks for the view state to be encrypted (a control that keeps something private), when the mode is Auto. */
    public void registerRequiresViewStateEncryption() {
        viewStateEncryptionRequested = true;
    }

    private boolean encryptsViewState() {
        return viewStateEncryptionMode == ViewStateEncryptionMode.ALWAYS
                || viewStateEncryptionMode == ViewStateEncryptionMode.AUTO && viewStateEncryptionRequested;
    }

    /** Restores the tree's view state from {@code __VIEWSTATE}, refusing any the page did not make for this page. */
    private void loadAllState() throws Exception {
        String field = context().request().form().get("__VIEWSTATE");
        if (field == null || field.isEmpty()) {
            return; // a postback by __EVENTTARGET alone, or with view state off
        }
        boolean encrypted = context().request().form().get("__VIEWSTATEENCRYPTED") != null;
        byte[] payload = encrypted
                ? protector().decrypt(field, viewStatePurpose())
                : viewStateEncryptionMode == ViewStateEncryptionMode.ALWAYS
                        ? null // this page's view state is always encrypted: plain view state is not its own
                        : protector().unprotect(field, viewStatePurpose());
        if (payload == null) {
            getTrace().warn("aspx.page", "view state refused: its MAC does not match this page and key");
            throw new dev.conduit.HttpException(
                    500,
                    "Validation of viewstate MAC failed. The view state was changed, was made for another page or"
                            + " user, or by a server with another <machineKey>.");
        }
        Object state;
        try {
            state = ViewStateFormat.decode(payload);
        } catch (ViewStateFormat.InvalidViewStateException e) {
            getTrace().warn("aspx.page", e.getMessage());
            throw new dev.conduit.HttpException(
                    500, "The state information is invalid for this page and might be corrupted.");
        }
        // the page's own part: the controls that asked to be given the post data whether or not a field of theirs
        // came (a CheckBox: an unchecked box posts nothing), then the tree's
        if (state instanceof Triplet t) {
            if (t.first() instanceof Object[] ids) {
                for (Object id : ids) {
                    if (id instanceof String s) {
                        postedRequiresPostData.add(s);
                    }
                }
            }
            if (t.third() instanceof Map<?, ?> controlState) {
                loadedControlState = controlState;
                for (Control c : List.copyOf(controlStateControls)) {
                    loadControlStateOf(c);
                }
            }
            loadViewStateRecursive(t.second());
        }
    }

    // ---- validation --------------------------------------------------------------------------------------------

    /** The page's validators (each adds itself at its Init, and removes itself at its Unload). */
    public List<Validator> getValidators() {
        return validators;
    }

    /** Runs every validator of the page, as {@code Page.Validate()}. */
    public void validate() throws Exception {
        runValidators(null);
    }

    /**
     * Runs the validators of {@code group} ("" or null for the default group), as {@code Page.Validate(group)}: what a
     * button with {@code CausesValidation} does before its Click.
     */
    public void validate(@Nullable String group) throws Exception {
        runValidators(group == null ? "" : group);
    }

    /** Runs the validators of {@code group}, or all of them for null. */
    private void runValidators(@Nullable String group) throws Exception {
        validated = true;
        for (Validator v : List.copyOf(validators)) {
            if (group == null || v.getValidationGroup().equals(group)) {
                v.validate();
            }
        }
    }

    /**
     * Whether every validator passed.
     *
     * @throws IllegalStateException before {@link #validate} ran this request, as ASP.NET
     */
    public boolean isValid() {
        if (!validated) {
            throw new IllegalStateException("Page.IsValid cannot be called before validation has taken place. It"
                    + " should be queried in the event handler for a control that has CausesValidation=True and"
                    + " initiated the postback, or after a call to Page.Validate.");
        }
        for (Validator v : validators) {
            if (!v.isValid()) {
                return false;
            }
        }
        return true;
    }

    // ---- event validation and the postback script ---------------------------------------------------------------

    /** Whether posted values are checked against those the page rendered (true by default, as in ASP.NET). */
    public boolean isEnableEventValidation() {
        return enableEventValidation;
    }

    /** Sets whether posted values are checked ({@code EnableEventValidation} of the directive). */
    public void setEnableEventValidation(boolean on) {
        this.enableEventValidation = on;
    }

    /**
     * Registers a value a control rendered for a postback ({@code uniqueId} with {@code argument}, "" for none), as
     * {@code ClientScript.RegisterForEventValidation}: only registered values are accepted from the next postback.
     * Call while rendering.
     */
    public void registerForEventValidation(String uniqueId, @Nullable String argument) {
        if (enableEventValidation) {
            renderedEvents.add(eventHash(uniqueId, argument));
        }
    }

    /**
     * Checks that {@code uniqueId} with {@code argument} was rendered by the page this postback came from, as {@code
     * ClientScript.ValidateEvent}.
     *
     * @throws dev.conduit.HttpException 500 "Invalid postback or callback argument" when it was not
     */
    public void validateEvent(String uniqueId, @Nullable String argument) {
        if (!enableEventValidation || !postBack) {
            return;
        }
        java.util.Set<Long> allowed = postedEvents();
        if (!allowed.contains(eventHash(uniqueId, argument))) {
            getTrace().warn("aspx.page", "event validation refused " + uniqueId);
            throw new dev.conduit.HttpException(
                    500,
                    "Invalid postback or callback argument. Event validation is enabled using <pages"
                            + " enableEventValidation=\"true\"/> in configuration or <%@ Page EnableEventValidation="
                            + "\"true\" %> in a page: a postback may only carry values the page rendered (a button"
                            + " it showed, an item of its lists).");
        }
    }

    private java.util.Set<Long> postedEvents() {
        java.util.Set<Long> allowed = postedEvents;
        if (allowed == null) {
            allowed = new java.util.HashSet<>();
            String field = context().request().form().get("__EVENTVALIDATION");
            byte[] payload =
                    field == null || field.isEmpty() ? null : protector().unprotect(field, eventValidationPurpose());
            if (payload != null) {
                try {
                    if (ViewStateFormat.decode(payload) instanceof List<?> hashes) {
                        for (Object h : hashes) {
                            if (h instanceof Long l) {
                                allowed.add(l);
                            }
                        }
                    }
                } catch (ViewStateFormat.InvalidViewStateException e) {
                    // a valid MAC over bytes that do not decode: nothing is allowed
                }
            }
            postedEvents = allowed;
        }
        return allowed;
    }

    /**
     * The first 8 bytes of the SHA-256 of {@code uniqueId}, a zero and {@code argument}: what {@code __EVENTVALIDATION}
     * holds per value. A cryptographic hash, so that a value crafted to collide with one the page rendered costs
     * 2<sup>64</sup> tries (ASP.NET's 32-bit string hash costs none); one digest per page, reset by each use.
     */
    private long eventHash(String uniqueId, @Nullable String argument) {
        java.security.MessageDigest d = eventDigest;
        if (d == null) {
            try {
                d = eventDigest = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        d.update(uniqueId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.update((byte) 0);
        if (argument != null) {
            d.update(argument.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] digest = d.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (digest[i] & 0xFF);
        }
        return h;
    }

    private byte[] eventValidationPurpose() {
        return ViewStateProtector.purpose(
                context().request().filePath(), getClass().getName() + "\n__EVENTVALIDATION", viewStateUserKey);
    }

    /**
     * The script a control calls to post the form back with a target and an argument, as {@code
     * ClientScript.GetPostBackEventReference}: {@code __doPostBack('ctl00$Main$Delete','')}; the form renders the
     * function and its two hidden fields, and the value is registered for event validation.
     */
    public String getPostBackEventReference(Control control, @Nullable String argument) {
        postBackScript = true;
        String uniqueId = java.util.Objects.requireNonNullElse(control.getUniqueID(), "");
        if (rendering != null) {
            registerForEventValidation(uniqueId, argument);
        }
        return "__doPostBack('" + jsString(uniqueId) + "','" + jsString(argument == null ? "" : argument) + "')";
    }

    /**
     * Asks for {@code control}'s {@link PostBackDataHandler#loadPostData} on the next postback even when the form
     * posts no field of its name, as {@code Page.RegisterRequiresPostBack} (a CheckBox: an unchecked box posts
     * nothing). Call in PreRender.
     */
    public void registerRequiresPostBack(Control control) {
        if (!(control instanceof PostBackDataHandler)) {
            throw new IllegalArgumentException(control + " does not load post data (not a PostBackDataHandler)");
        }
        String id = control.getUniqueID();
        if (id != null) {
            requiresPostData.add(id);
        }
    }

    /**
     * Asks for {@code control}'s control state to be saved and restored, as {@code Page.RegisterRequiresControlState}:
     * its {@link Control#saveControlState} travels with the page's state even where view state is off. Call in Init;
     * a control registered after the state was loaded (made in Load) is given its state at once.
     */
    public void registerRequiresControlState(Control control) {
        if (controlStateControls.add(java.util.Objects.requireNonNull(control, "control"))) {
            loadControlStateOf(control);
        }
    }

    private void loadControlStateOf(Control control) {
        String id = control.getUniqueID();
        Object state = loadedControlState == null || id == null ? null : loadedControlState.remove(id);
        if (state != null) {
            control.loadControlState(state);
        }
    }

    /**
     * Makes {@code control} the one whose {@link PostBackEventHandler#raisePostBackEvent} the postback raises, as
     * {@code Page.RegisterRequiresRaiseEvent}: a submit button whose name was posted, an ImageButton whose click
     * coordinates were. Called while the post data is loaded; the last one wins.
     */
    public void registerRequiresRaiseEvent(PostBackEventHandler control) {
        requiresRaiseEvent = java.util.Objects.requireNonNull(control, "control");
    }

    /** The control {@link #registerRequiresRaiseEvent} named, or null. */
    @Nullable
    PostBackEventHandler requiresRaiseEvent() {
        return requiresRaiseEvent;
    }

    /** The UniqueIDs the posted view state asked post data for (read by the postback's processing). */
    java.util.Set<String> postedRequiresPostData() {
        return postedRequiresPostData;
    }

    /** Asks the form to render {@code __doPostBack} and its fields (a control that posts back by script). */
    public void registerPostBackScript() {
        postBackScript = true;
    }

    private static boolean needsJsEscape(char c) {
        return c == '\'' || c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '<';
    }

    private static String jsString(String s) {
        int plain = 0;
        while (plain < s.length() && !needsJsEscape(s.charAt(plain))) {
            plain++;
        }
        if (plain == s.length()) {
            return s; // nothing to escape: the common case (a UniqueID)
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'', '"', '\\' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '<' -> b.append("\\x3c"); // never "</script>" inside a script
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Saves the tree's view state for the form to render (nothing to do without a server form). */
    private void saveAllState() {
        if (form == null || context == null) {
            return;
        }
        Map<String, Object> controlState = null;
        for (Control c : controlStateControls) {
            Object saved = c.getPage() == this ? c.saveControlState() : null;
            String id = c.getUniqueID();
            if (saved != null && id != null) {
                if (controlState == null) {
                    controlState = new java.util.LinkedHashMap<>();
                }
                controlState.put(id, saved);
            }
        }
        Object state = new Triplet(
                requiresPostData.isEmpty() ? null : requiresPostData.toArray(), saveViewStateRecursive(), controlState);
        byte[] bytes = ViewStateFormat.encode(state);
        clientState = encryptsViewState()
                ? protector().encrypt(bytes, viewStatePurpose())
                : protector().protect(bytes, viewStatePurpose());
    }

    /**
     * Writes the hidden fields that open a server form: {@code __VIEWSTATE} (called by {@code HtmlForm}; nothing
     * outside a request, as in a control's unit test).
     */
    public void beginFormRender(HtmlTextWriter writer) {
        if (clientState == null) {
            return;
        }
        writer.write("\n<div class=\"aspNetHidden\">\n");
        if (postBackScript) {
            hiddenField(writer, "__EVENTTARGET", "");
            hiddenField(writer, "__EVENTARGUMENT", "");
        }
        hiddenField(writer, "__VIEWSTATE", clientState);
        if (encryptsViewState()) {
            hiddenField(writer, "__VIEWSTATEENCRYPTED", "");
        }
        writer.write("</div>\n");
        if (postBackScript && form != null) {
            String formId = jsString(java.util.Objects.requireNonNullElse(form.getClientID(), ""));
            writer.write("\n<script type=\"text/javascript\">\n//<![CDATA[\nvar theForm = document.forms['");
            writer.write(formId);
            writer.write("'];\nif (!theForm) {\n    theForm = document.");
            writer.write(formId);
            writer.write(";\n}\nfunction __doPostBack(eventTarget, eventArgument) {\n"
                    + "    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n"
                    + "        theForm.__EVENTTARGET.value = eventTarget;\n"
                    + "        theForm.__EVENTARGUMENT.value = eventArgument;\n"
                    + "        theForm.submit();\n    }\n}\n//]]>\n</script>\n");
        }
    }

    /** Writes the hidden fields that close a server form: {@code __VIEWSTATEGENERATOR} (called by {@code HtmlForm}). */
    public void endFormRender(HtmlTextWriter writer) {
        if (clientState == null) {
            return;
        }
        writer.write("\n<div class=\"aspNetHidden\">\n");
        hiddenField(
                writer,
                "__VIEWSTATEGENERATOR",
                String.format("%08X", getClass().getName().hashCode()));
        if (maintainScrollPosition) {
            hiddenField(writer, "__SCROLLPOSITIONX", Integer.toString(postedScroll("__SCROLLPOSITIONX")));
            hiddenField(writer, "__SCROLLPOSITIONY", Integer.toString(postedScroll("__SCROLLPOSITIONY")));
        }
        if (enableEventValidation && !renderedEvents.isEmpty()) {
            hiddenField(
                    writer,
                    "__EVENTVALIDATION",
                    protector().protect(ViewStateFormat.encode(List.copyOf(renderedEvents)), eventValidationPurpose()));
        }
        writer.write("</div>");
        if (maintainScrollPosition && form != null) {
            String formId = jsString(java.util.Objects.requireNonNullElse(form.getClientID(), ""));
            writer.write("\n<script type=\"text/javascript\">\n//<![CDATA[\n(function () {\n"
                    + "    var form = document.forms['" + formId + "'] || document." + formId + ";\n"
                    + "    function save() {\n"
                    + "        form.__SCROLLPOSITIONX.value = window.pageXOffset || document.documentElement.scrollLeft;\n"
                    + "        form.__SCROLLPOSITIONY.value = window.pageYOffset || document.documentElement.scrollTop;\n"
                    + "    }\n"
                    + "    form.addEventListener('submit', save);\n"
                    + "    var submit = form.submit;\n"
                    + "    form.submit = function () { save(); submit.call(form); };\n");
            int x = postedScroll("__SCROLLPOSITIONX");
            int y = postedScroll("__SCROLLPOSITIONY");
            if (x > 0 || y > 0) {
                writer.write("    window.addEventListener('load', function () { window.scrollTo(" + x + ", " + y
                        + "); });\n");
            }
            writer.write("})();\n//]]>\n</script>");
        }
        if (defaultButtonScript || focusClientId != null) {
            writer.write("\n<script type=\"text/javascript\">\n//<![CDATA[\n");
            if (defaultButtonScript) {
                // WebForms.js's, as ASP.NET serves it from WebResource.axd: Enter in a field presses the default button
                // (not in a textarea, nor on a button or link, which Enter already presses)
                writer.write("function WebForm_FireDefaultButton(event, target) {\n"
                        + "    if (event.keyCode == 13) {\n"
                        + "        var src = event.srcElement || event.target;\n"
                        + "        var tag = src ? src.tagName.toLowerCase() : '';\n"
                        + "        if (tag == 'textarea' || (tag == 'a' && src.href)"
                        + " || (tag == 'input' && (src.type == 'submit' || src.type == 'button'"
                        + " || src.type == 'image'))) {\n"
                        + "            return true;\n"
                        + "        }\n"
                        + "        var defaultButton = document.getElementById(target);\n"
                        + "        if (defaultButton && typeof(defaultButton.click) != 'undefined') {\n"
                        + "            defaultButton.click();\n"
                        + "            event.cancelBubble = true;\n"
                        + "            if (event.stopPropagation) event.stopPropagation();\n"
                        + "            return false;\n"
                        + "        }\n"
                        + "    }\n"
                        + "    return true;\n"
                        + "}\n");
            }
            if (focusClientId != null) {
                writer.write("(function () { var e = document.getElementById('");
                writer.write(jsString(focusClientId));
                writer.write("'); if (e && e.focus) { e.focus(); } })();\n");
            }
            writer.write("//]]>\n</script>");
        }
    }

    /** Whether a postback's page comes back scrolled where the user left it, as ASP.NET's property of that name. */
    public boolean isMaintainScrollPositionOnPostBack() {
        return maintainScrollPosition;
    }

    /**
     * Sets whether a postback's page comes back scrolled where the user left it: the form carries {@code
     * __SCROLLPOSITIONX} and {@code __SCROLLPOSITIONY}, set by script as it is submitted, and the page scrolls there
     * once loaded.
     */
    public void setMaintainScrollPositionOnPostBack(boolean maintain) {
        this.maintainScrollPosition = maintain;
    }

    /** A posted scroll position: a number of pixels, 0 for anything else. */
    private int postedScroll(String field) {
        if (!postBack || context == null) {
            return 0;
        }
        String v = context().request().form().get(field);
        if (v == null || v.isEmpty() || v.length() > 9) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Asks the form for {@code WebForm_FireDefaultButton}, the script a DefaultButton's {@code onkeypress} calls (an
     * {@code HtmlForm}'s or a {@code Panel}'s, while it renders).
     */
    public void registerDefaultButtonScript() {
        defaultButtonScript = true;
    }

    /**
     * The ClientID of the button {@code id} names for {@code owner}'s DefaultButton (found as {@code
     * owner.findControl(id)}), for the {@code onkeypress} attribute, with the script asked for.
     *
     * @throws IllegalStateException when {@code id} names no button, as ASP.NET's
     */
    public String defaultButtonClientId(Control owner, String id) {
        Control button = owner.findControl(id);
        if (!(button instanceof PostBackEventHandler) || button.getClientID() == null) {
            throw new IllegalStateException("The DefaultButton of '" + owner.getID() + "' must be the ID of a control"
                    + " of type IButtonControl.");
        }
        registerDefaultButtonScript();
        return button.getClientID();
    }

    /** Whether something has asked for the focus ({@link #setFocus}). */
    public boolean hasFocus() {
        return focusClientId != null;
    }

    /** Gives {@code control} the focus when the page loads, as {@code Page.SetFocus}. */
    public void setFocus(Control control) {
        focusClientId = java.util.Objects.requireNonNull(control.getClientID(), "the control has no ClientID");
    }

    /** Gives the element with the ClientID {@code clientId} the focus when the page loads. */
    public void setFocus(String clientId) {
        focusClientId = java.util.Objects.requireNonNull(clientId, "clientId");
    }

    private static void hiddenField(HtmlTextWriter writer, String name, String value) {
        writer.write("<input type=\"hidden\" name=\"");
        writer.write(name);
        writer.write("\" id=\"");
        writer.write(name);
        writer.write("\" value=\"");
        writer.writeEncodedText(value);
        writer.write("\" />\n");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(TraceContext trace, String name, Step step) throws Exception {
        boolean tracing = trace.isEnabled();
        if (tracing) {
            trace.write("aspx.page", "Begin " + name);
        }
        step.run();
        if (tracing) {
            trace.write("aspx.page", "End " + name);
        }
    }

    private void renderPage() throws Exception {
        HttpResponse response = context().response();
        // UTF-8, the default: the writer encodes straight into the response's stream
        HtmlTextWriter writer = java.nio.charset.StandardCharsets.UTF_8.equals(response.charset())
                ? HtmlTextWriter.utf8(response.outputStream())
                : new HtmlTextWriter(response.output());
        rendering = writer;
        try {
            renderControl(writer);
            writer.flush();
        } finally {
            rendering = null;
        }
    }

    private void handleError(HttpContext context, Exception e) throws Exception {
        if (!hasHandlers(Event.ERROR)) {
            throw e;
        }
        context.addError(e);
        raise(Event.ERROR, EventArgs.EMPTY);
        if (context.error() == null) {
            return; // Page_Error called Server.ClearError(): the page's response stands
        }
        context.clearError();
        throw e;
    }

    /**
     * Makes the master page the page's only child, with the page's content templates, as System.Web's {@code
     * ApplyMasterPage} after PreInit; a master page with a master of its own does the same inside it.
     */
    private void applyMasterPage() throws Exception {
        if (masterPageFile == null) {
            return;
        }
        master = MasterPage.apply(this, masterPageFile, templatesForMaster(), loader());
    }

    // ---- directive properties ----------------------------------------------------------------------------------

    /** The page's title: set by the directive or code, else the text of the {@code <title>} in the head. */
    public @Nullable String getTitle() {
        if (title != null) {
            return title;
        }
        return header == null ? null : header.getTitleText();
    }

    /** The title set by the directive or {@link #setTitle}; null when the markup's {@code <title>} stands. */
    public @Nullable String getExplicitTitle() {
        return title;
    }

    /** Sets the title the {@code <head runat="server">} renders. */
    public void setTitle(@Nullable String title) {
        this.title = title;
    }

    /** The master page file ({@code ~/Site.master}), or null. */
    public @Nullable String getMasterPageFile() {
        return masterPageFile;
    }

    /**
     * Sets the master page file; effective until PreInit ends (set it in {@code Page_PreInit} to choose a master page
     * per request).
     *
     * @throws IllegalStateException after PreInit
     */
    public void setMasterPageFile(@Nullable String path) {
        if (stage != Stage.CONSTRUCTED || master != null) {
            throw new IllegalStateException(
                    "The 'MasterPageFile' property can only be set in or before the" + " 'Page_PreInit' event.");
        }
        this.masterPageFile = path;
    }

    /** The master page, once applied (after PreInit); null without one. */
    public @Nullable MasterPage getMaster() {
        return master;
    }

    /** The {@code <head runat="server">} control, or null. */
    public @Nullable PageHeader getHeader() {
        return header;
    }

    /** Called by the head control when it joins the page. */
    public void setHeader(@Nullable PageHeader header) {
        this.header = header;
    }

    /** The response's content type ({@code text/html} unless the directive says otherwise). */
    public @Nullable String getContentType() {
        return contentType;
    }

    /** Sets the response's content type (the directive's {@code ContentType}). */
    public void setContentType(@Nullable String contentType) {
        this.contentType = contentType;
        if (context != null && contentType != null) {
            context.response().setContentType(contentType);
        }
    }

    /** Turns the request's trace on or off for this page (the directive's {@code Trace}); null leaves it as configured. */
    public void setTraceEnabled(@Nullable Boolean on) {
        this.traceEnabled = on;
    }

    /** The directive's {@code ErrorPage}, or null. */
    public @Nullable String getErrorPage() {
        return errorPage;
    }

    /**
     * Sets the page the directive's {@code ErrorPage} names. Kept, but not acted on yet: a failing page answers with
     * the site's {@code <customErrors>} page (the directive attribute is accepted with a warning).
     */
    public void setErrorPage(@Nullable String errorPage) {
        this.errorPage = errorPage;
    }

    /** Tells whether the request posts the page's own form back (a POST carrying {@code __VIEWSTATE} or a target). */
    public boolean isPostBack() {
        return postBack;
    }

    // ---- the request's objects ---------------------------------------------------------------------------------

    /** The request's context; null before {@link #processRequest}. */
    @Override
    public @Nullable HttpContext getContext() {
        return context;
    }

    private HttpContext context() {
        HttpContext c = context;
        if (c == null) {
            throw new IllegalStateException("the page is not serving a request yet");
        }
        return c;
    }

    /** The request. */
    public HttpRequest getRequest() {
        return context().request();
    }

    /**
     * The response. While the page renders, what it has rendered so far is handed to the response first, so that
     * {@code <% getResponse().write("x"); %>} comes out where it is written, as in ASP.NET.
     */
    public HttpResponse getResponse() {
        HtmlTextWriter w = rendering;
        HttpResponse response = context().response();
        if (w != null) {
            w.flush(); // into the response's buffer: not a commit
            // what the caller writes through the response's own writer goes out before what the page renders next
            w.beforeBytes(() -> flushQuietly(response));
        }
        return response;
    }

    private static void flushQuietly(HttpResponse response) {
        try {
            response.output().flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The session, or null when the page has none ({@code EnableSessionState="false"}). */
    public @Nullable HttpSessionState getSession() {
        return context().session();
    }

    /** The server utility ({@code mapPath}, {@code htmlEncode}, {@code getLastError}). */
    public HttpServerUtility getServer() {
        return context().server();
    }

    /** The application state. */
    public HttpApplicationState getApplication() {
        return context().application();
    }

    /** The application instance ({@code Global.asax}). */
    public HttpApplication getApplicationInstance() {
        return context().applicationInstance();
    }

    /** The request's user. */
    public java.security.@Nullable Principal getUser() {
        return context().user();
    }

    /** The request's trace ({@code Trace.Write}). */
    public TraceContext getTrace() {
        return context().trace();
    }

    // ---- page events -------------------------------------------------------------------------------------------

    /** Adds a handler of PreInit. */
    public void addPreInit(WebEventHandler<EventArgs> handler) {
        add(Event.PRE_INIT, handler);
    }

    /** Adds a handler of InitComplete. */
    public void addInitComplete(WebEventHandler<EventArgs> handler) {
        add(Event.INIT_COMPLETE, handler);
    }

    /** Adds a handler of PreLoad. */
    public void addPreLoad(WebEventHandler<EventArgs> handler) {
        add(Event.PRE_LOAD, handler);
    }

    /** Adds a handler of LoadComplete. */
    public void addLoadComplete(WebEventHandler<EventArgs> handler) {
        add(Event.LOAD_COMPLETE, handler);
    }

    /** Adds a handler of PreRenderComplete. */
    public void addPreRenderComplete(WebEventHandler<EventArgs> handler) {
        add(Event.PRE_RENDER_COMPLETE, handler);
    }

    /** Adds a handler of SaveStateComplete. */
    public void addSaveStateComplete(WebEventHandler<EventArgs> handler) {
        add(Event.SAVE_STATE_COMPLETE, handler);
    }

    /** Adds a handler of the page's Error event. */
    public void addError(WebEventHandler<EventArgs> handler) {
        add(Event.ERROR, handler);
    }

    // ---- data items (Eval) -------------------------------------------------------------------------------------

    void pushDataItem(@Nullable Object item) {
        dataItems.add(item);
    }

    void popDataItem() {
        dataItems.remove(dataItems.size() - 1);
    }

    boolean isDataBinding() {
        return !dataItems.isEmpty();
    }

    @Nullable
    Object peekDataItem() {
        return dataItems.get(dataItems.size() - 1);
    }
}
