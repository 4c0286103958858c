package dev.conduit.pages.internal;

import dev.conduit.pages.internal.Markup.Directive;
import dev.conduit.pages.internal.Markup.Element;
import dev.conduit.web.ui.Control;
import dev.conduit.web.ui.ParseChildren;
import dev.conduit.web.ui.htmlcontrols.HtmlGenericControl;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the class of a server tag: {@code asp:Label} in {@code dev.conduit.web.ui.webcontrols}, a prefix registered
 * with {@code @Register} or in web.config (a package of controls, or a user control compiled with the page), and
 * {@code runat="server"} HTML elements ({@code head}, {@code form}, {@code a}, ... or HtmlGenericControl). Names ignore
 * case.
 */
final class TagResolver {
    private static final String WEB_CONTROLS = "dev.conduit.web.ui.webcontrols.";
    private static final String HTML_CONTROLS = "dev.conduit.web.ui.htmlcontrols.";
    private static final Map<String, String> HTML = Map.of(
            "head",
            "HtmlHead",
            "title",
            "HtmlTitle",
            "form",
            "HtmlForm",
            "a",
            "HtmlAnchor",
            "img",
            "HtmlImage",
            "link",
            "HtmlLink",
            "meta",
            "HtmlMeta");
    private static final String[] BUILT_IN = {
        "Button",
        "Content",
        "ContentPlaceHolder",
        "HiddenField",
        "HyperLink",
        "Image",
        "Label",
        "Literal",
        "Panel",
        "PlaceHolder",
        "Repeater",
        "TextBox"
    };
    private static final Pattern REGISTER = Pattern.compile("<%@\\s*Register\\b([^%]*)%>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*[\"']([^\"']*)[\"']");

    /** What a tag makes. */
    record Resolved(@Nullable Class<?> type, String javaType, String construction, boolean userControl) {}

    private final ClassLoader loader;
    private final TemplateUnit unit;
    private final Map<String, Class<?>> cache = new ConcurrentHashMap<>();

    TagResolver(ClassLoader loader, TemplateUnit unit) {
        this.loader = loader;
        this.unit = unit;
    }

    Resolved resolve(TemplateFile t, Element e) {
        String prefix = e.prefix();
        String local = e.localName();
        if (prefix.isEmpty()) {
            String name = HTML.get(local.toLowerCase(Locale.ROOT));
            Class<?> c = name == null ? null : load(HTML_CONTROLS + name);
            if (c == null) {
                return new Resolved(
                        HtmlGenericControl.class,
                        HtmlGenericControl.class.getCanonicalName(),
                        "new " + HtmlGenericControl.class.getCanonicalName() + "(" + JavaOut.literal(local) + ")",
                        false);
            }
            return of(c);
        }
        if (prefix.equalsIgnoreCase("asp")) {
            Class<?> c = builtIn(local);
            if (c == null) {
                throw new MarkupException(e.loc(), "Unknown server tag '" + e.tag() + "'.");
            }
            return of(c);
        }
        for (Directive d : t.directives("Register")) {
            if (!prefix.equalsIgnoreCase(d.value("TagPrefix"))) {
                continue;
            }
            Resolved r = registration(t, e, d.value("Namespace"), d.value("TagName"), d.value("Src"), local);
            if (r != null) {
                return r;
            }
        }
        for (PagesSettings.Registration reg : unit.pages().controls()) {
            if (!prefix.equalsIgnoreCase(reg.tagPrefix())) {
                continue;
            }
            Resolved r = registration(t, e, reg.namespace(), reg.tagName(), reg.src(), local);
            if (r != null) {
                return r;
            }
        }
        throw new MarkupException(
                e.loc(),
                "Unknown server tag '" + e.tag() + "': register its prefix with <%@ Register" + " TagPrefix=\"" + prefix
                        + "\" ... %>.");
    }

    private @Nullable Resolved registration(
            TemplateFile t,
            Element e,
            @Nullable String namespace,
            @Nullable String tagName,
            @Nullable String src,
            String local) {
        if (namespace != null) {
            Class<?> c = load(namespace + "." + local);
            if (c == null) {
                return null;
            }
            if (!Control.class.isAssignableFrom(c)) {
                throw new MarkupException(
                        e.loc(),
                        c.getName() + " is not a control (it does not extend" + " dev.conduit.web.ui.Control).");
            }
            return of(c);
        }
        if (tagName != null && tagName.equalsIgnoreCase(local) && src != null) {
            String path = unit.absolute(t, src);
            String type = TemplateGenerator.PACKAGE + "." + TemplateUnit.className(path);
            return new Resolved(null, type, "new " + type + "()", true);
        }
        return null;
    }

    private static Resolved of(Class<?> c) {
        return new Resolved(c, c.getCanonicalName(), "new " + c.getCanonicalName() + "()", false);
    }

    private @Nullable Class<?> builtIn(String local) {
        for (String name : BUILT_IN) {
            if (name.equalsIgnoreCase(local)) {
                return load(WEB_CONTROLS + name);
            }
        }
        return load(WEB_CONTROLS + local);
    }

    private @Nullable Class<?> load(String name) {
        Class<?> c = cache.get(name);
        if (c != null) {
            return c;
        }
        try {
            c = Class.forName(name, false, loader);
            cache.put(name, c);
            return c;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** For the parser: whether a tag's inner elements are properties ({@code <asp:Repeater>}), given the file text. */
    boolean childrenAsProperties(String fileText, String tag) {
        int colon = tag.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String prefix = tag.substring(0, colon);
        String local = tag.substring(colon + 1);
        Class<?> c = null;
        if (prefix.equalsIgnoreCase("asp")) {
            c = builtIn(local);
        } else {
            Matcher m = REGISTER.matcher(fileText);
            while (c == null && m.find()) {
                String p = null;
                String ns = null;
                Matcher a = ATTR.matcher(m.group(1));
                while (a.find()) {
                    if (a.group(1).equalsIgnoreCase("TagPrefix")) {
                        p = a.group(2);
                    } else if (a.group(1).equalsIgnoreCase("Namespace")) {
                        ns = a.group(2);
                    }
                }
                if (prefix.equalsIgnoreCase(p) && ns != null) {
                    c = load(ns + "." + local);
                }
            }
            for (PagesSettings.Registration reg : unit.pages().controls()) {
                if (c == null && prefix.equalsIgnoreCase(reg.tagPrefix()) && reg.namespace() != null) {
                    c = load(reg.namespace() + "." + local);
                }
            }
        }
        if (c == null) {
            return false;
        }
        ParseChildren p = c.getAnnotation(ParseChildren.class);
        return p != null && p.value();
    }
}
