package dev.conduit.pages.internal;

import static dev.conduit.pages.internal.JavaOut.literal;
import static dev.conduit.pages.internal.JavaOut.longLiteral;

import dev.conduit.pages.internal.Markup.Attr;
import dev.conduit.pages.internal.Markup.Code;
import dev.conduit.pages.internal.Markup.CodeKind;
import dev.conduit.pages.internal.Markup.Directive;
import dev.conduit.pages.internal.Markup.Element;
import dev.conduit.pages.internal.Markup.Node;
import dev.conduit.pages.internal.Markup.Text;
import dev.conduit.web.ui.AttributeCollection;
import dev.conduit.web.ui.ClientIDMode;
import dev.conduit.web.ui.ParsedValues;
import dev.conduit.web.ui.Template;
import dev.conduit.web.ui.TemplateContainer;
import dev.conduit.web.ui.WebEventHandler;
import dev.conduit.web.ui.webcontrols.Content;
import dev.conduit.web.ui.webcontrols.ContentPlaceHolder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one parsed template into the Java source of its class, in the manner of System.Web's
 * TemplateControlCodeDomTreeGenerator: a field per control ID, a {@code __buildN()} method per server control that
 * creates it, sets its properties (typed at compile time, found by reflection on the control class), wires its events
 * ({@code OnClick="Go"} to {@code addClick(this::Go)}) and adds its children; a render method for a control whose
 * markup holds code blocks; a method per template ({@code <ItemTemplate>}, {@code <asp:Content>}); and the
 * directive's values set in the constructor. Every generated line records the markup line it came from.
 */
final class TemplateGenerator {
    static final String PACKAGE = "asp";
    static final List<String> DEFAULT_IMPORTS = List.of(
            "dev.conduit.web.ui.*",
            "dev.conduit.web.ui.webcontrols.*",
            "dev.conduit.web.ui.htmlcontrols.*",
            "dev.conduit.*",
            "java.util.*");

    private final TemplateFile t;
    private final TemplateUnit unit;
    private final String className;
    private final String baseName;
    private final Set<String> baseMembers;
    private final TagResolver tags;
    private final JavaOut out = new JavaOut();
    private final List<JavaOut> methods = new ArrayList<>();
    private final List<String> fieldDeclarations = new ArrayList<>();
    private final List<Integer> fieldLines = new ArrayList<>();
    private int counter;

    /** Where {@code Container} and IDs stand while generating. */
    private record Scope(boolean inTemplate, String containerType, boolean fields) {
        static final Scope TOP = new Scope(false, "Control", true);
        /** A master page's content, instantiated once per page: its controls are fields of the page, as in ASP.NET. */
        static final Scope CONTENT = new Scope(false, "Control", true);
    }

    TemplateGenerator(TemplateFile t, TemplateUnit unit, TagResolver tags, String baseName, Set<String> baseMembers) {
        this.t = t;
        this.unit = unit;
        this.className = TemplateUnit.className(t.virtualPath);
        this.tags = tags;
        this.baseName = baseName;
        this.baseMembers = baseMembers;
    }

    /** The generated source. */
    JavaOut generate() {
        int top = t.main.loc().line();
        out.line("package " + PACKAGE + ";", top);
        for (String i : DEFAULT_IMPORTS) {
            out.line("import " + i + ";", top);
        }
        for (String i : unit.imports()) {
            out.line("import " + i + ";", top);
        }
        for (Directive d : t.directives("Import")) {
            String ns = d.value("Namespace").trim();
            String last = ns.substring(ns.lastIndexOf('.') + 1);
            boolean type = !last.isEmpty() && Character.isUpperCase(last.charAt(0));
            out.line("import " + ns + (type ? ";" : ".*;"), d.loc().line());
        }
        List<String> interfaces = new ArrayList<>();
        if (t.kind == TemplateFile.Kind.PAGE) {
            String session = t.attr("EnableSessionState");
            if (session == null) {
                session = unit.pages().enableSessionState();
            }
            if (session.equalsIgnoreCase("ReadOnly")) {
                interfaces.add("dev.conduit.state.ReadOnlySessionState");
            } else if (session.equalsIgnoreCase("true")) {
                interfaces.add("dev.conduit.state.RequiresSessionState");
            }
        }
        for (Directive d : t.directives("Implements")) {
            interfaces.add(d.value("Interface"));
        }
        out.line("@SuppressWarnings(\"all\")", top);
        out.line(
                "public class " + className + " extends " + baseName
                        + (interfaces.isEmpty() ? "" : " implements " + String.join(", ", interfaces)) + " {",
                top);
        JavaOut body = new JavaOut();
        constructor(body);
        tree(body);
        masterType(body);
        for (int i = 0; i < fieldDeclarations.size(); i++) {
            out.line("    " + fieldDeclarations.get(i), fieldLines.get(i));
        }
        for (var s : t.scripts) {
            out.code(s.code(), s.loc().line());
        }
        append(body);
        for (JavaOut m : methods) {
            append(m);
        }
        out.line("}", top);
        return out;
    }

    private void append(JavaOut part) {
        String[] lines = part.source().split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            out.line(lines[i], part.markupLine(i + 1));
        }
    }

    private void constructor(JavaOut o) {
        int line = t.main.loc().line();
        o.line("    public " + className + "() {", line);
        o.line("        setAppRelativeVirtualPath(" + literal("~" + t.virtualPath) + ");", line);
        Directive d = t.main;
        for (Attr a : d.attrs()) {
            String n = a.name().toLowerCase(Locale.ROOT);
            int l = a.loc().line();
            switch (n) {
                case "autoeventwireup" ->
                    o.line("        setAutoEventWireup(" + a.value().toLowerCase(Locale.ROOT) + ");", l);
                case "enableviewstate" ->
                    o.line("        setEnableViewState(" + a.value().toLowerCase(Locale.ROOT) + ");", l);
                case "viewstateencryptionmode" -> {
                    if (t.kind == TemplateFile.Kind.PAGE) {
                        o.line(
                                "        setViewStateEncryptionMode("
                                        + enumLiteral(dev.conduit.web.ui.ViewStateEncryptionMode.class, a) + ");",
                                l);
                    }
                }
                case "maintainscrollpositiononpostback" -> {
                    if (t.kind == TemplateFile.Kind.PAGE) {
                        o.line(
                                "        setMaintainScrollPositionOnPostBack("
                                        + a.value().toLowerCase(Locale.ROOT) + ");",
                                l);
                    }
                }
                case "enableeventvalidation" -> {
                    if (t.kind == TemplateFile.Kind.PAGE) {
                        o.line("        setEnableEventValidation(" + a.value().toLowerCase(Locale.ROOT) + ");", l);
                    }
                }
                case "clientidmode" ->
                    o.line("        setClientIDMode(" + enumLiteral(ClientIDMode.class, a) + ");", l);
                case "title" -> o.line("        setTitle(" + literal(a.value()) + ");", l);
                case "masterpagefile" -> o.line("        setMasterPageFile(" + literal(a.value()) + ");", l);
                case "contenttype" -> o.line("        setContentType(" + literal(a.value()) + ");", l);
                case "errorpage" -> o.line("        setErrorPage(" + literal(a.value()) + ");", l);
                case "trace" -> o.line("        setTraceEnabled(" + a.value().toLowerCase(Locale.ROOT) + ");", l);
                default -> {}
            }
        }
        if (t.kind == TemplateFile.Kind.PAGE
                && t.attr("MasterPageFile") == null
                && unit.pages().masterPageFile() != null
                && hasContent()) {
            o.line("        setMasterPageFile(" + literal(unit.pages().masterPageFile()) + ");", line);
        }
        if (t.kind == TemplateFile.Kind.PAGE
                && t.attr("ClientIDMode") == null
                && unit.pages().clientIDMode() != null) {
            o.line(
                    "        setClientIDMode(ClientIDMode."
                            + unit.pages().clientIDMode().name() + ");",
                    line);
        }
        PagesSettings pages = unit.pages();
        if (t.kind == TemplateFile.Kind.PAGE) {
            if (t.attr("EnableViewState") == null && pages.enableViewState() != null) {
                o.line("        setEnableViewState(" + pages.enableViewState() + ");", line);
            }
            if (t.attr("EnableEventValidation") == null && pages.enableEventValidation() != null) {
                o.line("        setEnableEventValidation(" + pages.enableEventValidation() + ");", line);
            }
            if (t.attr("MaintainScrollPositionOnPostback") == null
                    && pages.maintainScrollPositionOnPostBack() != null) {
                o.line(
                        "        setMaintainScrollPositionOnPostBack(" + pages.maintainScrollPositionOnPostBack()
                                + ");",
                        line);
            }
            if (t.attr("ViewStateEncryptionMode") == null && pages.viewStateEncryptionMode() != null) {
                o.line(
                        "        setViewStateEncryptionMode(dev.conduit.web.ui.ViewStateEncryptionMode."
                                + pages.viewStateEncryptionMode().name() + ");",
                        line);
            }
        }
        o.line("    }", line);
    }

    private boolean hasContent() {
        for (Node n : t.nodes) {
            if (n instanceof Element e && isContent(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean isContent(Element e) {
        return e.prefix().equalsIgnoreCase("asp") && e.localName().equalsIgnoreCase("Content");
    }

    private void masterType(JavaOut o) {
        for (Directive d : t.directives("MasterType")) {
            String type = d.value("TypeName");
            if (d.value("VirtualPath") != null) {
                type = PACKAGE + "." + TemplateUnit.className(unit.absolute(t, d.value("VirtualPath")));
            }
            if (type != null) {
                o.line(
                        "    @Override public " + type + " getMaster() { return (" + type + ") super.getMaster(); }",
                        d.loc().line());
            }
        }
    }

    // ---- the tree ----------------------------------------------------------------------------------------------

    private void tree(JavaOut o) {
        int line = t.main.loc().line();
        boolean content = t.kind != TemplateFile.Kind.CONTROL
                && (t.attr("MasterPageFile") != null || t.kind == TemplateFile.Kind.PAGE && hasContent());
        o.line("    @Override protected void frameworkInitialize() throws Exception {", line);
        o.line("        super.frameworkInitialize();", line);
        if (content) {
            for (Node n : t.nodes) {
                if (n instanceof Element e && isContent(e)) {
                    String id = e.value("ContentPlaceHolderID");
                    if (id == null || id.isBlank()) {
                        throw new MarkupException(e.loc(), "<asp:Content> needs a ContentPlaceHolderID.");
                    }
                    String master = unit.masterOf(t);
                    var ids = master == null ? null : unit.placeHolders(master);
                    if (ids != null && !ids.contains(id.toLowerCase(Locale.ROOT))) {
                        throw new MarkupException(
                                e.attr("ContentPlaceHolderID").loc(),
                                "Cannot find"
                                        + " ContentPlaceHolder '" + id + "' in the master page '" + master + "', verify"
                                        + " content control's ContentPlaceHolderID attribute in the content page.");
                    }
                    String m = template(e.children(), Scope.CONTENT, e.loc().line());
                    o.line(
                            "        addContentTemplate(" + literal(id) + ", this::" + m + ");",
                            e.loc().line());
                } else if (n instanceof Text tx && tx.text().isBlank()) {
                    continue;
                } else {
                    throw new MarkupException(
                            n.loc(),
                            "Content controls have to be top-level controls in a content"
                                    + " page or a nested master page that references a master page.");
                }
            }
        } else {
            for (Node n : t.nodes) {
                if (n instanceof Element e && isContent(e)) {
                    throw new MarkupException(
                            e.loc(),
                            "Content controls are allowed only in content page that" + " references a master page.");
                }
            }
            o.line("        Control __ctrl = this;", line);
            children(o, "__ctrl", t.nodes, Scope.TOP, "        ", line);
        }
        o.line("    }", line);
    }

    /** A method that builds {@code nodes} into a container: a template. Returns its name. */
    private String template(List<Node> nodes, Scope scope, int line) {
        String name = "__template" + (++counter);
        JavaOut m = new JavaOut();
        m.line("    private void " + name + "(Control __ctrl) throws Exception {", line);
        children(m, "__ctrl", nodes, scope, "        ", line);
        m.line("    }", line);
        methods.add(m);
        return name;
    }

    /** Adds {@code nodes} to the control in {@code var}: text, data-bound text and controls, or a render method. */
    private void children(JavaOut o, String var, List<Node> nodes, Scope scope, String indent, int line) {
        boolean codeBlocks = nodes.stream().anyMatch(n -> n instanceof Code c && isRenderCode(c.kind()));
        if (!codeBlocks) {
            // Text and <%# %> written next to each other make one control, as System.Web's DataBoundLiteralControl
            // holds a run of static and bound strings: a repeater item of a table row is one control, not seven.
            List<Node> run = new ArrayList<>();
            for (Node n : nodes) {
                if (n instanceof Text || n instanceof Code c && isBinding(c.kind())) {
                    run.add(n);
                    continue;
                }
                literalRun(o, var, run, scope, indent);
                String child = childExpression(n, scope);
                if (child != null) {
                    o.line(
                            indent + var + ".addParsedSubObject(" + child + ");",
                            n.loc().line());
                }
            }
            literalRun(o, var, run, scope, indent);
            return;
        }
        String render = "__render" + (++counter);
        JavaOut r = new JavaOut();
        r.line("    private void " + render + "(HtmlTextWriter __w, Control __ctrl) throws Exception {", line);
        if (scope.inTemplate()) {
            r.line(
                    "        " + scope.containerType() + " Container = ParsedValues.container(__ctrl, "
                            + scope.containerType() + ".class);",
                    line);
        }
        int index = 0;
        for (Node n : nodes) {
            int l = n.loc().line();
            if (n instanceof Text tx) {
                r.line("        __w.write(" + longLiteral(tx.text()) + ");", l);
            } else if (n instanceof Code c && c.kind() == CodeKind.STATEMENTS) {
                r.code(c.code(), l);
            } else if (n instanceof Code c && c.kind() == CodeKind.EXPRESSION) {
                r.line("        __w.write(", l);
                r.code(c.code(), l);
                r.line("        );", l);
            } else if (n instanceof Code c && c.kind() == CodeKind.ENCODED) {
                r.line("        __w.write(TemplateControl.encode(", l);
                r.code(c.code(), l);
                r.line("        ));", l);
            } else {
                String child = childExpression(n, scope);
                if (child != null) {
                    o.line(indent + var + ".addParsedSubObject(" + child + ");", l);
                    r.line("        __ctrl.getControls().get(" + index++ + ").renderControl(__w);", l);
                }
            }
        }
        r.line("    }", line);
        methods.add(r);
        o.line(indent + var + ".setRenderMethodDelegate(this::" + render + ");", line);
    }

    private static boolean isBinding(CodeKind k) {
        return k == CodeKind.BINDING || k == CodeKind.BINDING_ENCODED;
    }

    /** Adds a run of text and binding expressions as one control: a LiteralControl, or a DataBoundLiteralControl. */
    private void literalRun(JavaOut o, String var, List<Node> run, Scope scope, String indent) {
        if (run.isEmpty()) {
            return;
        }
        int first = run.get(0).loc().line();
        if (run.stream().noneMatch(n -> n instanceof Code)) {
            StringBuilder text = new StringBuilder();
            for (Node n : run) {
                text.append(((Text) n).text());
            }
            o.line(
                    indent + var + ".addParsedSubObject(new LiteralControl(" + longLiteral(text.toString()) + "));",
                    first);
            run.clear();
            return;
        }
        // the run's values are kept at binding and written out with its text at rendering, straight into the page's
        // writer (no string per row), by two methods of the template class reached through one object per instance
        int n = ++counter;
        int values = (int) run.stream().filter(c -> c instanceof Code).count();
        JavaOut bind = new JavaOut();
        JavaOut render = new JavaOut();
        bind.line(
                "    private final DataBoundLiteralControl.Parts __bind" + n + " = new DataBoundLiteralControl.Parts("
                        + values + ", this::__bind" + n + "Values, this::__bind" + n + "Render);",
                first);
        bind.line("    private void __bind" + n + "Values(Control __x, Object[] __v) throws Exception {", first);
        render.line(
                "    private void __bind" + n + "Render(HtmlTextWriter __w, Object[] __v) throws Exception {", first);
        if (run.stream().anyMatch(c -> c instanceof Code code && code.code().contains("Container"))) {
            bind.line("        " + containerLocal(scope, "__x"), first);
        }
        int slot = 0;
        for (Node node : run) {
            if (node instanceof Text tx) {
                render.line(
                        "        __w.write(" + longLiteral(tx.text()) + ");",
                        node.loc().line());
                continue;
            }
            Code c = (Code) node;
            boolean encoded = c.kind() == CodeKind.BINDING_ENCODED;
            String site = evalSite(c);
            String value = "__v[" + slot++ + "]";
            if (site != null) {
                bind.line(
                        "        " + value + " = " + site + ".bind(this);",
                        c.loc().line());
                render.line(
                        "        " + site + (encoded ? ".writeEncoded" : ".write") + "(__w, " + value + ");",
                        c.loc().line());
            } else {
                bind.line(
                        "        " + value + " = ParsedValues.bound(" + c.code() + ");",
                        c.loc().line());
                render.line(
                        "        ParsedValues." + (encoded ? "writeEncoded" : "writeText") + "(__w, " + value + ");",
                        c.loc().line());
            }
        }
        int last = run.get(run.size() - 1).loc().line();
        bind.line("    }", last);
        render.line("    }", last);
        methods.add(bind);
        methods.add(render);
        o.line(indent + var + ".addParsedSubObject(new DataBoundLiteralControl(__bind" + n + "));", first);
        run.clear();
    }

    /** {@code Eval("Name")} or {@code Eval("Name", "{0:F2}")} with literal arguments, and nothing else. */
    private static final Pattern EVAL_CALL = Pattern.compile(
            "\\s*Eval\\s*\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*(?:,\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*)?\\)\\s*");

    /**
     * A binding expression that is exactly an {@code Eval} call with literal arguments becomes a static {@link
     * dev.conduit.web.ui.EvalSite} of the class (the expression parsed and the accessor found once, not per row); the
     * site's field name, or null for any other expression. {@code Eval} is final in TemplateControl, so the call
     * cannot mean another method.
     */
    private @Nullable String evalSite(Code c) {
        Matcher e = EVAL_CALL.matcher(c.code());
        if (!e.matches()) {
            return null;
        }
        String name = "__eval" + (++counter);
        String args = e.group(1) + (e.group(2) == null ? "" : ", " + e.group(2));
        JavaOut f = new JavaOut();
        f.line(
                "    private static final EvalSite " + name + " = EvalSite.of(java.lang.invoke.MethodHandles.lookup(), "
                        + args + ");",
                c.loc().line());
        methods.add(f);
        return name;
    }

    private static boolean isRenderCode(CodeKind k) {
        return k == CodeKind.STATEMENTS || k == CodeKind.EXPRESSION || k == CodeKind.ENCODED;
    }

    /** The expression that makes the object for {@code n} (a control or text), or null for nothing. */
    private @Nullable String childExpression(Node n, Scope scope) {
        return switch (n) {
            case Text tx -> "new LiteralControl(" + longLiteral(tx.text()) + ")";
            case Code c
            when c.kind() == CodeKind.BINDING || c.kind() == CodeKind.BINDING_ENCODED ->
                "new DataBoundLiteralControl(__x -> { " + containerLocal(scope, "__x") + "return (" + c.code()
                        + "); }, " + (c.kind() == CodeKind.BINDING_ENCODED) + ")";
            case Code c
            when c.kind() == CodeKind.BUILDER ->
                throw new MarkupException(
                        c.loc(),
                        "Expression builders (<%$ " + c.code() + " %>) are not supported; read the value in code"
                                + " (getContext().appSetting(\"key\")).");
            case Code c -> throw new MarkupException(c.loc(), "Unexpected code block.");
            case Element e -> "__build" + control(e, scope) + "()";
            default ->
                throw new MarkupException(n.loc(), "Unexpected " + n.getClass().getSimpleName() + ".");
        };
    }

    private static String containerLocal(Scope scope, String var) {
        return scope.inTemplate()
                ? scope.containerType() + " Container = ParsedValues.container(" + var + ", " + scope.containerType()
                        + ".class); "
                : "Control Container = " + var + ".getBindingContainer(); ";
    }

    // ---- one control -------------------------------------------------------------------------------------------

    /** Generates {@code __buildN()} for the server element {@code e}; returns N. */
    private int control(Element e, Scope scope) {
        if (e.property()) {
            throw new MarkupException(e.loc(), "'" + e.tag() + "' is not a server control: add runat=\"server\".");
        }
        int n = ++counter;
        int line = e.loc().line();
        TagResolver.Resolved r = tags.resolve(t, e);
        JavaOut m = new JavaOut();
        String type = r.javaType();
        m.line("    private " + type + " __build" + n + "() throws Exception {", line);
        m.line("        " + type + " __c = " + r.construction() + ";", line);
        String id = e.value("ID");
        if (id != null) {
            if (!isControlId(id)) {
                throw new MarkupException(
                        e.attr("ID").loc(),
                        "'" + id + "' is not a valid ID: use letters, digits"
                                + " and underscores, starting with a letter or an underscore.");
            }
            if (scope.fields()) {
                field(id, type, line);
                m.line("        this." + id + " = __c;", line);
            }
        }
        if (r.userControl()) {
            m.line("        __c.initializeAsUserControl();", line);
        }
        if (id != null) {
            m.line("        __c.setID(" + literal(id) + ");", line);
        }
        for (Attr a : e.attrs()) {
            if (a.is("runat") || a.is("ID")) {
                continue;
            }
            if (r.type() == ContentPlaceHolder.class || r.type() == Content.class) {
                if (a.is("ContentPlaceHolderID") && r.type() == Content.class) {
                    continue;
                }
            }
            attribute(m, e, a, r, scope);
        }
        if (r.type() != null
                && r.type().isAnnotationPresent(dev.conduit.web.ui.ParseChildren.class)
                && r.type()
                        .getAnnotation(dev.conduit.web.ui.ParseChildren.class)
                        .value()) {
            properties(m, e, r.type(), scope);
        } else if (r.type() == ContentPlaceHolder.class && t.kind == TemplateFile.Kind.MASTER) {
            m.line("        if (!instantiateContent(__c)) {", line);
            children(m, "__c", e.children(), scope, "            ", line);
            m.line("        }", line);
        } else {
            if (r.userControl()
                    && e.children().stream()
                            .anyMatch(c -> !(c instanceof Text tx) || !tx.text().isBlank())) {
                throw new MarkupException(e.loc(), "The user control '" + e.tag() + "' takes no content.");
            }
            if (!r.userControl()) {
                children(m, "__c", e.children(), scope, "        ", line);
            }
        }
        m.line("        return __c;", line);
        m.line("    }", line);
        methods.add(m);
        return n;
    }

    private void field(String id, String type, int line) {
        if (baseMembers.contains(id)) {
            return; // the code file or base class declares it: assigned, not declared again
        }
        for (String f : fieldDeclarations) {
            if (f.endsWith(" " + id + ";")) {
                throw new MarkupException(
                        new Markup.Loc(t.virtualPath, line),
                        "The ID '" + id + "' is already used" + " by another control of this file.");
            }
        }
        fieldDeclarations.add("protected " + type + " " + id + ";");
        fieldLines.add(line);
    }

    /** The inner elements of a control that parses children as properties: template properties. */
    private void properties(JavaOut m, Element e, Class<?> type, Scope scope) {
        for (Node n : e.children()) {
            if (n instanceof Text tx) {
                if (!tx.text().isBlank()) {
                    throw new MarkupException(
                            tx.loc(),
                            "Literal content ('" + abbreviate(tx.text().trim()) + "') is not allowed within a '"
                                    + e.tag() + "'.");
                }
                continue;
            }
            if (!(n instanceof Element p)) {
                throw new MarkupException(n.loc(), "Code blocks are not allowed within a '" + e.tag() + "'.");
            }
            if (listItems(type)
                    && (p.tag().equalsIgnoreCase("asp:ListItem") || p.tag().equalsIgnoreCase("ListItem"))) {
                listItem(m, p);
                continue;
            }
            Method setter = setter(type, p.tag());
            if (setter == null || setter.getParameterTypes()[0] != Template.class) {
                throw new MarkupException(
                        p.loc(), "'" + e.tag() + "' has no template property named '" + p.tag() + "'.");
            }
            TemplateContainer tc = setter.getAnnotation(TemplateContainer.class);
            String containerType = tc == null ? "Control" : tc.value().getCanonicalName();
            String method = template(
                    p.children(), new Scope(true, containerType, false), p.loc().line());
            m.line(
                    "        __c." + setter.getName() + "(this::" + method + ");",
                    p.loc().line());
        }
    }

    /** Whether {@code type}'s inner elements may be list items (a list control's {@code getItems()}). */
    private static boolean listItems(Class<?> type) {
        try {
            return type.getMethod("getItems").getReturnType()
                    == dev.conduit.web.ui.webcontrols.ListItemCollection.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** {@code <asp:ListItem Value="r" Selected="true">Red</asp:ListItem>}: an item added to the control's items. */
    private void listItem(JavaOut m, Element p) {
        int line = p.loc().line();
        StringBuilder text = new StringBuilder();
        for (Node c : p.children()) {
            if (!(c instanceof Text tx)) {
                throw new MarkupException(c.loc(), "A ListItem holds text only.");
            }
            text.append(tx.text());
        }
        m.line("        {", line);
        m.line(
                "            dev.conduit.web.ui.webcontrols.ListItem __i = new dev.conduit.web.ui.webcontrols.ListItem("
                        + literal(text.toString()) + ");",
                line);
        for (Attr a : p.attrs()) {
            String setter =
                    switch (a.name().toLowerCase(Locale.ROOT)) {
                        case "text" -> "setText(" + literal(a.value()) + ")";
                        case "value" -> "setValue(" + literal(a.value()) + ")";
                        case "selected", "enabled" -> {
                            if (!a.value().equalsIgnoreCase("true")
                                    && !a.value().equalsIgnoreCase("false")) {
                                throw new MarkupException(
                                        a.loc(), a.name() + " must be true or false: '" + a.value() + "'.");
                            }
                            yield (a.is("selected") ? "setSelected(" : "setEnabled(")
                                    + a.value().toLowerCase(Locale.ROOT) + ")";
                        }
                        default ->
                            throw new MarkupException(
                                    a.loc(),
                                    "A ListItem takes Text, Value, Selected and Enabled, not '" + a.name() + "'.");
                    };
            m.line("            __i." + setter + ";", a.loc().line());
        }
        m.line("            __c.getItems().add(__i);", line);
        m.line("        }", line);
    }

    private void attribute(JavaOut m, Element e, Attr a, TagResolver.Resolved r, Scope scope) {
        int line = a.loc().line();
        Code binding = a.binding();
        if (binding != null && binding.kind() == CodeKind.BINDING_ENCODED) {
            // <%#: %> in an attribute encodes as it does in text
            binding = new Code(CodeKind.BINDING, "TemplateControl.encode(" + binding.code() + ")", binding.loc());
        }
        if (a.hasCode() && binding == null) {
            throw new MarkupException(
                    a.loc(),
                    "Server tags cannot contain <% ... %> constructs (only a whole"
                            + " attribute value <%# ... %> binds data): '" + a.name() + "'.");
        }
        if (r.userControl() || r.type() == null) {
            if (binding != null) {
                m.line(
                        "        __c.addDataBinding(__x -> { " + containerLocal(scope, "__x")
                                + "ParsedValues.setProperty(__x, " + literal(a.name()) + ", (" + binding.code()
                                + ")); });",
                        line);
            } else {
                m.line(
                        "        ParsedValues.setProperty(__c, " + literal(a.name()) + ", " + literal(a.value()) + ");",
                        line);
            }
            return;
        }
        Class<?> type = r.type();
        String name = a.name();
        if (name.regionMatches(true, 0, "On", 0, 2) && name.length() > 2) {
            Method adder = eventAdder(type, name.substring(2));
            if (adder != null && setter(type, name) == null) {
                String handler = a.value().trim();
                if (!isJavaIdentifier(handler)) {
                    throw new MarkupException(a.loc(), "'" + handler + "' is not a method name (" + name + ").");
                }
                m.line("        __c." + adder.getName() + "(this::" + handler + ");", line);
                return;
            }
        }
        // Font-Bold="true": a property of a property, when the first part names one; otherwise (data-id, aria-label,
        // http-equiv) the whole name is an attribute
        String target = "__c";
        Class<?> targetType = type;
        String[] path = name.split("-");
        if (path.length > 1 && getter(type, path[0]) == null) {
            path = new String[] {name};
        }
        for (int i = 0; i < path.length - 1; i++) {
            Method getter = getter(targetType, path[i]);
            if (getter == null) {
                throw new MarkupException(
                        a.loc(), "'" + targetType.getSimpleName() + "' has no property named '" + path[i] + "'.");
            }
            target = target + "." + getter.getName() + "()";
            targetType = getter.getReturnType();
        }
        String last = path[path.length - 1];
        Method setter = setter(targetType, last);
        if (setter != null) {
            Class<?> p = setter.getParameterTypes()[0];
            if (binding != null) {
                m.line(
                        "        __c.addDataBinding(__x -> { " + containerLocal(scope, "__x") + "((" + r.javaType()
                                + ") __x)" + target.substring(3) + "." + setter.getName() + "("
                                + converted(binding.code(), p, last)
                                + "); });",
                        line);
            } else {
                m.line("        " + target + "." + setter.getName() + "(" + value(a, p) + ");", line);
            }
            return;
        }
        Field field = publicField(targetType, last);
        if (field != null) {
            if (binding != null) {
                m.line(
                        "        __c.addDataBinding(__x -> { " + containerLocal(scope, "__x") + "((" + r.javaType()
                                + ") __x)" + target.substring(3) + "." + field.getName() + " = "
                                + converted(binding.code(), field.getType(), last) + "; });",
                        line);
            } else {
                m.line("        " + target + "." + field.getName() + " = " + value(a, field.getType()) + ";", line);
            }
            return;
        }
        if (path.length == 1 && attributesOf(type)) {
            if (binding != null) {
                m.line(
                        "        __c.addDataBinding(__x -> { " + containerLocal(scope, "__x") + "((" + r.javaType()
                                + ") __x).getAttributes().put(" + literal(name) + ", ParsedValues.toText("
                                + binding.code()
                                + ")); });",
                        line);
            } else {
                m.line("        __c.getAttributes().put(" + literal(name) + ", " + literal(a.value()) + ");", line);
            }
            return;
        }
        throw new MarkupException(
                a.loc(), "Type '" + type.getSimpleName() + "' does not have a public property named '" + name + "'.");
    }

    private static String converted(String expression, Class<?> type, String property) {
        if (type == String.class) {
            return "ParsedValues.toText(" + expression + ")";
        }
        String boxed = type.isPrimitive() ? boxName(type) : type.getCanonicalName();
        return "(" + boxed + ") ParsedValues.convert((" + expression + "), " + boxed + ".class, " + literal(property)
                + ")";
    }

    private static String boxName(Class<?> t) {
        return switch (t.getName()) {
            case "int" -> "Integer";
            case "long" -> "Long";
            case "double" -> "Double";
            case "float" -> "Float";
            case "short" -> "Short";
            case "boolean" -> "Boolean";
            case "char" -> "Character";
            default -> "Byte";
        };
    }

    /** The Java expression for the markup value of {@code a} as a {@code type}, checked now. */
    private static String value(Attr a, Class<?> type) {
        String v = a.value();
        String t = v.trim();
        try {
            if (type == String.class || type == Object.class) {
                return literal(v);
            }
            if (type == int.class || type == Integer.class) {
                return Integer.toString(Integer.parseInt(t));
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(t) + "L";
            }
            if (type == double.class || type == Double.class) {
                return Double.toString(Double.parseDouble(t));
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(t) + "f";
            }
            if (type == short.class || type == Short.class) {
                return "(short) " + Short.parseShort(t);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return t.toLowerCase(Locale.ROOT);
                }
                throw new IllegalArgumentException();
            }
            Method parse = ParsedValues.parseMethod(type);
            if (parse != null) {
                try {
                    parse.invoke(null, t); // checked now: a bad Unit or Color is an error with the line
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException(e);
                }
                return type.getCanonicalName() + ".parse(" + literal(t) + ")";
            }
            if (type.isEnum()) {
                return enumLiteral(type, a);
            }
        } catch (IllegalArgumentException e) {
            throw new MarkupException(
                    a.loc(),
                    "'" + v + "' is not a valid value for the property '" + a.name() + "' (" + describe(type) + ").");
        }
        throw new MarkupException(
                a.loc(),
                "The property '" + a.name() + "' (a " + type.getSimpleName()
                        + ") cannot be set from markup; set it in code.");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name());
            }
            return "one of " + String.join(", ", names);
        }
        return "a " + type.getSimpleName();
    }

    private static String enumLiteral(Class<?> type, Attr a) {
        Object c = ParsedValues.enumConstant(type, a.value().trim());
        if (c == null) {
            throw new MarkupException(
                    a.loc(),
                    "'" + a.value() + "' is not a valid value for '" + a.name() + "' (" + describe(type) + ").");
        }
        return type.getCanonicalName() + "." + ((Enum<?>) c).name();
    }

    // ---- reflection --------------------------------------------------------------------------------------------

    static @Nullable Method setter(Class<?> type, String property) {
        String wanted = "set" + property.toLowerCase(Locale.ROOT);
        Method found = null;
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                if (found == null || m.getParameterTypes()[0] == String.class) {
                    found = m;
                }
            }
        }
        return found;
    }

    private static @Nullable Method getter(Class<?> type, String property) {
        String p = property.toLowerCase(Locale.ROOT);
        for (Method m : type.getMethods()) {
            String n = m.getName().toLowerCase(Locale.ROOT);
            if (m.getParameterCount() == 0 && (n.equals("get" + p) || n.equals("is" + p))) {
                return m;
            }
        }
        return null;
    }

    private static @Nullable Method eventAdder(Class<?> type, String event) {
        String wanted = "add" + event.toLowerCase(Locale.ROOT);
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 1
                    && m.getName().toLowerCase(Locale.ROOT).equals(wanted)
                    && m.getParameterTypes()[0] == WebEventHandler.class) {
                return m;
            }
        }
        return null;
    }

    private static @Nullable Field publicField(Class<?> type, String name) {
        for (Field f : type.getFields()) {
            if (f.getName().equalsIgnoreCase(name)
                    && !Modifier.isStatic(f.getModifiers())
                    && !Modifier.isFinal(f.getModifiers())) {
                return f;
            }
        }
        return null;
    }

    private static boolean attributesOf(Class<?> type) {
        try {
            return type.getMethod("getAttributes").getReturnType() == AttributeCollection.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** An ID as System.Web allows it: letters, digits and underscores, not starting with a digit. */
    static boolean isControlId(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) != '_') {
                return false;
            }
        }
        return true;
    }

    static boolean isJavaIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
