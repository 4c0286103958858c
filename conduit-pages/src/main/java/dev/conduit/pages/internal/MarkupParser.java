package dev.conduit.pages.internal;

import dev.conduit.pages.internal.Markup.Attr;
import dev.conduit.pages.internal.Markup.Code;
import dev.conduit.pages.internal.Markup.CodeKind;
import dev.conduit.pages.internal.Markup.Directive;
import dev.conduit.pages.internal.Markup.Element;
import dev.conduit.pages.internal.Markup.Loc;
import dev.conduit.pages.internal.Markup.Node;
import dev.conduit.pages.internal.Markup.Script;
import dev.conduit.pages.internal.Markup.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written scanner for the page syntax (not an XML parser), after Mono's AspParser and the token patterns of
 * System.Web's BaseParser: directives {@code <%@ %>}, code blocks {@code <% %>}, {@code <%= %>}, {@code <%: %>},
 * {@code <%# %>} (also as a whole attribute value), {@code <%$ %>}, server comments {@code <%-- --%>}, {@code <script
 * runat="server">}, server elements (any tag with {@code runat="server"}) and includes ({@code <!-- #include
 * file="x" -->}, resolved by the caller). Names of tags and attributes ignore case; everything that is not a server
 * construct is text.
 *
 * <p>The tree has server elements only: a plain HTML tag is text, even inside a server element (a plain tag of the
 * same name inside one is counted, so its end tag does not close the server element). Inside a control that parses
 * its children as properties (the {@code childrenAsProperties} predicate, given the tag), each element is a property
 * element ({@code <ItemTemplate>}). Errors are {@link MarkupException}s with the file and line.
 */
final class MarkupParser {
    /** Elements HTML defines without content: a server one needs no end tag. */
    private static final Set<String> VOID = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr");

    private static final Pattern INCLUDE = Pattern.compile(
            "<!--\\s*#include\\s+(file|virtual)\\s*=\\s*[\"']([^\"']*)[\"']\\s*-->", Pattern.CASE_INSENSITIVE);

    /** Reads an included file: its virtual path and text, given the including file and the attribute. */
    interface Includes {
        /** The file's virtual path and text; throws a MarkupException (at {@code loc}) when it cannot. */
        String[] read(Loc loc, String kind, String path);
    }

    private final String file;
    private final String text;
    private final int[] lineStarts;
    private final Predicate<String> childrenAsProperties;
    private final Includes includes;
    private final int depth;
    private int pos;

    private final List<Node> root = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();

    private static final class Open {
        final Element element;
        final boolean properties;
        int sameNameDepth;

        Open(Element element, boolean properties) {
            this.element = element;
            this.properties = properties;
        }
    }

    private MarkupParser(
            String file, String text, Predicate<String> childrenAsProperties, Includes includes, int depth) {
        this.file = file;
        this.text = text;
        this.childrenAsProperties = childrenAsProperties;
        this.includes = includes;
        this.depth = depth;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses {@code text}, the content of {@code file}.
     *
     * @param childrenAsProperties tells, for a server element's tag, whether its content is property elements
     * @throws MarkupException at the first error
     */
    static List<Node> parse(String file, String text, Predicate<String> childrenAsProperties, Includes includes) {
        return new MarkupParser(file, text, childrenAsProperties, includes, 0).run();
    }

    private Loc loc(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return new Loc(file, (i >= 0 ? i : -i - 2) + 1);
    }

    private final StringBuilder pending = new StringBuilder();
    private int pendingStart;

    private void text(int from, int to) {
        if (pending.isEmpty()) {
            pendingStart = from;
        }
        pending.append(text, from, to);
    }

    /** Ends the text before a construct, so that it lands where it was written. */
    private void flush() {
        if (!pending.isEmpty()) {
            add(new Text(pending.toString(), loc(pendingStart)));
            pending.setLength(0);
        }
    }

    private List<Node> run() {
        int n = text.length();
        while (pos < n) {
            int lt = text.indexOf('<', pos);
            if (lt < 0) {
                text(pos, n);
                pos = n;
                break;
            }
            if (lt > pos) {
                text(pos, lt);
                pos = lt;
            }
            int before = pos;
            Node node = construct();
            if (node != null) {
                flush();
                add(node);
            } else if (pos == before) {
                text(pos, pos + 1); // a '<' that starts no construct: text
                pos++;
            }
        }
        flush();
        if (!open.isEmpty()) {
            Element e = open.peek().element;
            throw new MarkupException(
                    e.loc(),
                    "The server tag '" + e.tag() + "' opened at line " + e.loc().line() + " is not closed (no </"
                            + e.tag() + ">).");
        }
        return root;
    }

    private void add(Node node) {
        if (open.isEmpty()) {
            root.add(node);
        } else {
            open.peek().element.children().add(node);
        }
    }

    /** At a '<': the construct there, or null (pos moved past text that stays text, or not moved). */
    private @Nullable Node construct() {
        if (text.startsWith("<%--", pos)) {
            int end = text.indexOf("--%>", pos + 4);
            if (end < 0) {
                throw new MarkupException(loc(pos), "The server comment '<%--' is not terminated (no '--%>').");
            }
            flush();
            pos = end + 4;
            return null;
        }
        if (text.startsWith("<%", pos)) {
            return codeOrDirective();
        }
        if (text.startsWith("<!--", pos)) {
            Matcher m = INCLUDE.matcher(text).region(pos, text.length());
            if (m.lookingAt()) {
                include(m);
                return null;
            }
            return null; // an HTML comment is text; code blocks inside it still run, as in ASP.NET
        }
        if (text.startsWith("</", pos)) {
            endTag();
            return null;
        }
        return tag();
    }

    private Node codeOrDirective() {
        int start = pos;
        int end = text.indexOf("%>", pos + 2);
        if (end < 0) {
            throw new MarkupException(loc(start), "The code block '<%' is not terminated (no '%>').");
        }
        String body = text.substring(pos + 2, end);
        pos = end + 2;
        Loc at = loc(start);
        if (body.startsWith("@")) {
            return directive(start + 3, end, at);
        }
        CodeKind kind = CodeKind.STATEMENTS;
        if (body.startsWith("=")) {
            kind = CodeKind.EXPRESSION;
            body = body.substring(1);
        } else if (body.startsWith(":")) {
            kind = CodeKind.ENCODED;
            body = body.substring(1);
        } else if (body.startsWith("#:")) {
            kind = CodeKind.BINDING_ENCODED;
            body = body.substring(2);
        } else if (body.startsWith("#")) {
            kind = CodeKind.BINDING;
            body = body.substring(1);
        } else if (body.startsWith("$")) {
            kind = CodeKind.BUILDER;
            body = body.substring(1);
        }
        if (kind != CodeKind.STATEMENTS && body.isBlank()) {
            throw new MarkupException(
                    at,
                    "The code block '" + text.substring(start, Math.min(start + 3, text.length()))
                            + " %>' is empty: it needs an expression.");
        }
        // A statement block keeps its leading line breaks so that its lines map to the file's
        return new Code(kind, kind == CodeKind.STATEMENTS ? body : body.trim(), at);
    }

    private Directive directive(int from, int to, Loc at) {
        Scanner s = new Scanner(text.substring(0, to), from, at, this);
        s.skipSpace();
        int nameStart = s.pos;
        String name = s.name();
        int afterName = s.pos;
        s.skipSpace();
        if (s.pos < to && text.charAt(s.pos) == '=') {
            name = ""; // <%@ Language="Java" %>: attributes of the file's main directive, its name left out
            s.pos = nameStart;
        } else {
            s.pos = afterName;
        }
        if (name.isEmpty()) {
            // "<%@ Title="x" %>": a directive without a name is the file's main directive
            name = "";
        }
        List<Attr> attrs = s.attributes(null);
        return new Directive(name, attrs, at);
    }

    private void include(Matcher m) {
        flush();
        Loc at = loc(pos);
        pos = m.end();
        if (depth >= 8) {
            throw new MarkupException(at, "Includes nest more than 8 deep (an include that includes itself?).");
        }
        String[] included = includes.read(at, m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        MarkupParser inner = new MarkupParser(included[0], included[1], childrenAsProperties, includes, depth + 1);
        for (Node node : inner.run()) {
            add(node); // the included markup joins the current element's content
        }
    }

    private void endTag() {
        int gt = text.indexOf('>', pos);
        if (gt < 0) {
            return; // text
        }
        String name = text.substring(pos + 2, gt).trim();
        if (open.isEmpty() || !isName(name)) {
            return;
        }
        Open top = open.peek();
        if (!top.element.tag().equalsIgnoreCase(name)) {
            return; // a plain end tag: text
        }
        if (top.sameNameDepth > 0) {
            top.sameNameDepth--;
            return;
        }
        flush();
        open.pop();
        pos = gt + 1;
    }

    private @Nullable Node tag() {
        int start = pos;
        int i = pos + 1;
        int n = text.length();
        while (i < n && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == pos + 1) {
            return null; // '<' followed by no name: text
        }
        String name = text.substring(pos + 1, i);
        Loc at = loc(start);
        Scanner s = new Scanner(text, i, at, this);
        List<Attr> attrs;
        try {
            attrs = s.attributes(">");
        } catch (MarkupException e) {
            if (!e.getMessage().startsWith("!")) {
                throw e;
            }
            return null; // not a well-formed tag: text
        }
        int end = s.pos;
        boolean selfClosing = end >= 2 && text.charAt(end - 2) == '/';
        Open parent = open.peek();
        boolean propertyElement = parent != null && parent.properties;
        boolean server = attrs.stream().anyMatch(a -> a.is("runat") && a.value().equalsIgnoreCase("server"));
        if (name.equalsIgnoreCase("script") && server) {
            int close = indexOfIgnoreCase(text, "</script>", end);
            if (close < 0) {
                throw new MarkupException(at, "<script runat=\"server\"> is not closed (no </script>).");
            }
            String code = text.substring(end, close);
            pos = close + "</script>".length();
            return new Script(code, loc(end));
        }
        // As System.Web's HtmlHeadBuilder: <title>, <link> and <meta> in a server head are server controls
        boolean titleInHead = !server
                && parent != null
                && (name.equalsIgnoreCase("title") || name.equalsIgnoreCase("link") || name.equalsIgnoreCase("meta"))
                && parent.element.tag().equalsIgnoreCase("head")
                && !parent.properties;
        if (!server && !propertyElement && !titleInHead) {
            if (name.contains(":") && !selfClosing) {
                // a prefixed tag without runat="server" (asp:Label) is text in ASP.NET too; say why it vanished
                throw new MarkupException(at, "The tag '" + name + "' needs runat=\"server\" to be a server control.");
            }
            if (parent != null
                    && parent.element.tag().equalsIgnoreCase(name)
                    && !selfClosing
                    && !VOID.contains(name.toLowerCase(Locale.ROOT))) {
                parent.sameNameDepth++;
            }
            return null; // plain HTML: stays text (pos unchanged: the caller copies the '<' and goes on)
        }
        pos = end;
        Element e = Element.of(name, attrs, propertyElement && !server, at);
        if (propertyElement && server) {
            throw new MarkupException(
                    at,
                    "'" + parent.element.tag() + "' takes property elements such as"
                            + " <ItemTemplate>, not server controls: put '" + name + "' inside a template.");
        }
        boolean voidElement = !name.contains(":") && VOID.contains(name.toLowerCase(Locale.ROOT));
        if (selfClosing || voidElement) {
            return e;
        }
        flush();
        add(e);
        open.push(new Open(e, !e.property() && childrenAsProperties.test(name)));
        return null;
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        int n = what.length();
        for (int i = from; i + n <= s.length(); i++) {
            if (s.regionMatches(true, i, what, 0, n)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == '-' || c == '_';
    }

    private static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reads attributes: {@code name="value"}, {@code name='value'}, {@code name=value}, {@code name}. */
    private static final class Scanner {
        private final String s;
        private final Loc start;
        private final @Nullable MarkupParser parser;
        int pos;

        Scanner(String s, int pos, Loc start, @Nullable MarkupParser parser) {
            this.s = s;
            this.pos = pos;
            this.start = start;
            this.parser = parser;
        }

        private Loc here() {
            return parser == null ? start : parser.loc(pos);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String name() {
            int b = pos;
            while (pos < s.length() && isNameChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(b, pos);
        }

        /** Attributes up to {@code end} ('>' of a tag, after an optional '/'), or to the end for a directive. */
        List<Attr> attributes(@Nullable String end) {
            List<Attr> attrs = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    if (end != null) {
                        throw new MarkupException(start, "!unterminated tag");
                    }
                    return attrs;
                }
                char c = s.charAt(pos);
                if (end != null && c == '>') {
                    pos++;
                    return attrs;
                }
                if (end != null && c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '>') {
                    pos += 2;
                    return attrs;
                }
                if (end != null && c == '<' && !s.startsWith("<%", pos)) {
                    throw new MarkupException(start, "!not a tag");
                }
                Loc at = here();
                String name = name();
                if (name.isEmpty()) {
                    if (end == null) {
                        throw new MarkupException(start, "The directive has an unexpected '" + c + "'.");
                    }
                    throw new MarkupException(start, "!not a tag");
                }
                skipSpace();
                String value = "";
                if (pos < s.length() && s.charAt(pos) == '=') {
                    pos++;
                    skipSpace();
                    value = value(end);
                }
                for (Attr a : attrs) {
                    if (a.is(name)) {
                        throw new MarkupException(at, "The attribute '" + name + "' appears twice.");
                    }
                }
                attrs.add(new Attr(name, value, at));
            }
        }

        private String value(@Nullable String end) {
            if (pos >= s.length()) {
                return "";
            }
            char q = s.charAt(pos);
            if (q == '"' || q == '\'') {
                int b = pos + 1;
                int i = b;
                while (i < s.length()) {
                    if (s.startsWith("<%", i)) {
                        int close = s.indexOf("%>", i + 2);
                        if (close < 0) {
                            throw new MarkupException(
                                    here(),
                                    "The code block '<%' in an attribute value is not" + " terminated (no '%>').");
                        }
                        i = close + 2;
                        continue;
                    }
                    if (s.charAt(i) == q) {
                        pos = i + 1;
                        return s.substring(b, i);
                    }
                    i++;
                }
                throw new MarkupException(
                        start, end == null ? "A quoted value in the directive is not closed." : "!unterminated value");
            }
            int b = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && s.charAt(pos) != '>') {
                if (end != null && s.charAt(pos) == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '>') {
                    break;
                }
                pos++;
            }
            return s.substring(b, pos);
        }
    }
}
