package dev.conduit.pages.internal;

import dev.conduit.pages.internal.Markup.Attr;
import dev.conduit.pages.internal.Markup.Directive;
import dev.conduit.pages.internal.Markup.Loc;
import dev.conduit.pages.internal.Markup.Node;
import dev.conduit.pages.internal.Markup.Script;
import dev.conduit.web.ui.MasterPage;
import dev.conduit.web.ui.Page;
import dev.conduit.web.ui.UserControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One parsed page, user control or master page file: its main directive, the other directives, its server scripts and
 * its markup, with every directive attribute checked against ASP.NET 4's list for that directive (an unknown one is an
 * error with its line; a valid one Conduit does not act on is a warning).
 */
final class TemplateFile {
    /** What a file is, by its extension. */
    enum Kind {
        PAGE("Page", Page.class),
        CONTROL("Control", UserControl.class),
        MASTER("Master", MasterPage.class);

        final String directive;
        final Class<?> base;

        Kind(String directive, Class<?> base) {
            this.directive = directive;
            this.base = base;
        }

        static @Nullable Kind of(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            if (p.endsWith(".aspx")) {
                return PAGE;
            }
            if (p.endsWith(".ascx")) {
                return CONTROL;
            }
            if (p.endsWith(".master")) {
                return MASTER;
            }
            return null;
        }
    }

    private static final Set<String> COMMON = Set.of(
            "autoeventwireup",
            "classname",
            "clientidmode",
            "codebehind",
            "codefile",
            "codefilebaseclass",
            "compilationmode",
            "compileroptions",
            "debug",
            "description",
            "enabletheming",
            "enableviewstate",
            "explicit",
            "inherits",
            "language",
            "linepragmas",
            "src",
            "strict",
            "targetschema",
            "viewstatemode",
            "warninglevel");
    private static final Set<String> PAGE_ONLY = Set.of(
            "aspcompat",
            "async",
            "asynctimeout",
            "buffer",
            "clienttarget",
            "codepage",
            "contenttype",
            "culture",
            "enableeventvalidation",
            "enablesessionstate",
            "enableviewstatemac",
            "errorpage",
            "lcid",
            "maintainscrollpositiononpostback",
            "masterpagefile",
            "metadescription",
            "metakeywords",
            "responseencoding",
            "smartnavigation",
            "stylesheettheme",
            "theme",
            "title",
            "trace",
            "tracemode",
            "transaction",
            "uiculture",
            "validaterequest",
            "viewstateencryptionmode");
    /** Attributes Conduit acts on; the other valid ones are accepted with a warning. */
    private static final Set<String> EFFECTIVE = Set.of(
            "autoeventwireup",
            "clientidmode",
            "codefile",
            "enableviewstate",
            "enableeventvalidation",
            "viewstateencryptionmode",
            "maintainscrollpositiononpostback",
            "inherits",
            "language",
            "contenttype",
            "enablesessionstate",
            "errorpage",
            "masterpagefile",
            "title",
            "trace",
            "description");

    private static final Map<String, Set<String>> OTHER_DIRECTIVES = Map.of(
            "register", Set.of("tagprefix", "tagname", "src", "namespace", "assembly"),
            "import", Set.of("namespace"),
            "mastertype", Set.of("virtualpath", "typename"),
            "reference", Set.of("virtualpath", "page", "control"),
            "assembly", Set.of("name", "src"),
            "outputcache",
                    Set.of(
                            "duration",
                            "varybyparam",
                            "location",
                            "varybyheader",
                            "varybycustom",
                            "varybycontrol",
                            "shared",
                            "sqldependency",
                            "nostore",
                            "cacheprofile",
                            "providername",
                            "enabled",
                            "varybycontentencoding"),
            "implements", Set.of("interface"),
            "previouspagetype", Set.of("virtualpath", "typename"));

    final Kind kind;
    final String virtualPath;
    final Path file;
    final String text;
    final Directive main;
    final List<Directive> directives;
    final List<Script> scripts;
    final List<Node> nodes;
    final List<String> warnings;

    private TemplateFile(
            Kind kind,
            String virtualPath,
            Path file,
            String text,
            Directive main,
            List<Directive> directives,
            List<Script> scripts,
            List<Node> nodes,
            List<String> warnings) {
        this.kind = kind;
        this.virtualPath = virtualPath;
        this.file = file;
        this.text = text;
        this.main = main;
        this.directives = directives;
        this.scripts = scripts;
        this.nodes = nodes;
        this.warnings = warnings;
    }

    /** Splits parsed nodes into directives, scripts and markup, and checks the directives. */
    static TemplateFile of(Kind kind, String virtualPath, Path file, String text, List<Node> parsed) {
        List<Directive> directives = new ArrayList<>();
        List<Script> scripts = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Directive main = null;
        for (Node n : parsed) {
            if (n instanceof Directive d) {
                String name = d.name().isEmpty() ? kind.directive : d.name();
                if (name.equalsIgnoreCase(kind.directive)) {
                    if (main != null) {
                        throw new MarkupException(
                                d.loc(),
                                "The file has more than one '" + kind.directive + "' directive (the first is at line "
                                        + main.loc().line() + ").");
                    }
                    main = new Directive(kind.directive, d.attrs(), d.loc());
                } else {
                    directives.add(d);
                }
            } else if (n instanceof Script s) {
                scripts.add(s);
            } else {
                nodes.add(n);
            }
        }
        if (main == null) {
            main = new Directive(kind.directive, List.of(), new Loc(virtualPath, 1));
        }
        checkMain(kind, main, warnings);
        for (Directive d : directives) {
            checkOther(kind, d, warnings);
        }
        return new TemplateFile(kind, virtualPath, file, text, main, directives, scripts, nodes, warnings);
    }

    private static void checkMain(Kind kind, Directive d, List<String> warnings) {
        for (Attr a : d.attrs()) {
            String n = a.name().toLowerCase(Locale.ROOT);
            boolean valid = COMMON.contains(n)
                    || kind == Kind.PAGE && PAGE_ONLY.contains(n)
                    || kind == Kind.MASTER && n.equals("masterpagefile");
            if (!valid) {
                throw new MarkupException(
                        a.loc(), "The directive '" + kind.directive + "' has an unknown attribute '" + a.name() + "'.");
            }
            if (n.equals("validaterequest")) {
                warnings.add(a.loc() + ": ValidateRequest is accepted, but Conduit has no request validation:"
                        + " encode what you write (<%: %>)");
            } else if (!EFFECTIVE.contains(n)) {
                warnings.add(a.loc() + ": the attribute '" + a.name() + "' of '" + kind.directive
                        + "' has no effect in Conduit");
            }
        }
        String language = d.value("Language");
        if (language != null && !language.equalsIgnoreCase("Java")) {
            throw new MarkupException(
                    d.attr("Language").loc(),
                    "Language=\"" + language + "\" is not supported:"
                            + " Conduit compiles pages, user controls and master pages written in Java (Language=\"Java\").");
        }
        String session = d.value("EnableSessionState");
        if (session != null && !Set.of("true", "false", "readonly").contains(session.toLowerCase(Locale.ROOT))) {
            throw new MarkupException(
                    d.attr("EnableSessionState").loc(),
                    "EnableSessionState must be true, false or" + " ReadOnly: '" + session + "'.");
        }
        for (String bool : List.of(
                "AutoEventWireup",
                "EnableViewState",
                "EnableEventValidation",
                "Trace",
                "MaintainScrollPositionOnPostback")) {
            String v = d.value(bool);
            if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new MarkupException(d.attr(bool).loc(), bool + " must be true or false: '" + v + "'.");
            }
        }
    }

    private static void checkOther(Kind kind, Directive d, List<String> warnings) {
        String name = d.name().toLowerCase(Locale.ROOT);
        Set<String> allowed = OTHER_DIRECTIVES.get(name);
        if (allowed == null) {
            String known =
                    switch (kind) {
                        case PAGE -> "Page";
                        case CONTROL -> "Control";
                        case MASTER -> "Master";
                    };
            throw new MarkupException(
                    d.loc(),
                    "Unknown directive '" + d.name() + "' (a " + kind.name().toLowerCase(Locale.ROOT)
                            + " file's main directive is '" + known + "').");
        }
        for (Attr a : d.attrs()) {
            if (!allowed.contains(a.name().toLowerCase(Locale.ROOT))) {
                throw new MarkupException(
                        a.loc(), "The directive '" + d.name() + "' has an unknown attribute '" + a.name() + "'.");
            }
        }
        switch (name) {
            case "outputcache" ->
                warnings.add(d.loc() + ": OutputCache is accepted; Conduit has no output cache yet,"
                        + " so the page runs on every request");
            case "assembly" ->
                warnings.add(d.loc() + ": @Assembly has no effect: every jar in bin/ is on the class" + " path");
            case "previouspagetype" ->
                warnings.add(d.loc() + ": @PreviousPageType has no effect (no cross-page" + " posting yet)");
            case "register" -> {
                if (d.value("TagPrefix") == null) {
                    throw new MarkupException(d.loc(), "@Register needs a TagPrefix.");
                }
                boolean userControl = d.value("TagName") != null && d.value("Src") != null;
                boolean namespace = d.value("Namespace") != null;
                if (userControl == namespace) {
                    throw new MarkupException(
                            d.loc(),
                            "@Register takes TagPrefix with TagName and Src (a user"
                                    + " control), or TagPrefix with Namespace (a package of controls).");
                }
            }
            case "import" -> {
                if (d.value("Namespace") == null) {
                    throw new MarkupException(d.loc(), "@Import needs a Namespace.");
                }
            }
            default -> {}
        }
    }

    /** The main directive's value of {@code name}, or null. */
    @Nullable
    String attr(String name) {
        return main.value(name);
    }

    /** The other directives named {@code name}. */
    List<Directive> directives(String name) {
        return directives.stream().filter(d -> d.name().equalsIgnoreCase(name)).toList();
    }
}
