package dev.conduit.pages.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The parsed form of a page, user control or master page file: its nodes, as the parser makes them. */
final class Markup {
    private Markup() {}

    /** Where something was written: a file (app-absolute virtual path) and a 1-based line. */
    record Loc(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** A node of the markup. */
    sealed interface Node permits Text, Code, Element, Directive, Script {
        Loc loc();
    }

    /** Text between constructs, rendered as it is. */
    record Text(String text, Loc loc) implements Node {}

    /** The kinds of {@code <% %>} blocks. */
    enum CodeKind {
        /** {@code <% statements %>}. */
        STATEMENTS,
        /** {@code <%= expr %>}. */
        EXPRESSION,
        /** {@code <%: expr %>}, HTML-encoded. */
        ENCODED,
        /** {@code <%# expr %>}, at data binding. */
        BINDING,
        /** {@code <%#: expr %>}, at data binding, HTML-encoded. */
        BINDING_ENCODED,
        /** {@code <%$ Prefix: value %>}. */
        BUILDER
    }

    /** A code block. */
    record Code(CodeKind kind, String code, Loc loc) implements Node {}

    /** An attribute as written; its value may be a single {@code <%# %>} block. */
    record Attr(String name, String value, Loc loc) {
        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }

        /** The binding expression when the whole value is {@code <%# expr %>} (or {@code <%#: %>}); else null. */
        @Nullable
        Code binding() {
            String v = value.trim();
            if (v.startsWith("<%#") && v.endsWith("%>")) {
                String body = v.substring(3, v.length() - 2);
                boolean encode = body.startsWith(":");
                return new Code(
                        encode ? CodeKind.BINDING_ENCODED : CodeKind.BINDING,
                        (encode ? body.substring(1) : body).trim(),
                        loc);
            }
            return null;
        }

        boolean hasCode() {
            return value.contains("<%");
        }
    }

    /**
     * A server element ({@code runat="server"}) or, inside a control that parses its children as properties, a
     * property element ({@code <ItemTemplate>}).
     */
    record Element(String tag, List<Attr> attrs, List<Node> children, boolean property, Loc loc) implements Node {
        @Nullable
        Attr attr(String name) {
            for (Attr a : attrs) {
                if (a.is(name)) {
                    return a;
                }
            }
            return null;
        }

        @Nullable
        String value(String name) {
            Attr a = attr(name);
            return a == null ? null : a.value();
        }

        String prefix() {
            int colon = tag.indexOf(':');
            return colon < 0 ? "" : tag.substring(0, colon);
        }

        String localName() {
            int colon = tag.indexOf(':');
            return colon < 0 ? tag : tag.substring(colon + 1);
        }

        String lowerTag() {
            return tag.toLowerCase(Locale.ROOT);
        }

        static Element of(String tag, List<Attr> attrs, boolean property, Loc loc) {
            return new Element(tag, attrs, new ArrayList<>(), property, loc);
        }
    }

    /** A directive: {@code <%@ Page Title="x" %>}. */
    record Directive(String name, List<Attr> attrs, Loc loc) implements Node {
        @Nullable
        Attr attr(String n) {
            for (Attr a : attrs) {
                if (a.is(n)) {
                    return a;
                }
            }
            return null;
        }

        @Nullable
        String value(String n) {
            Attr a = attr(n);
            return a == null ? null : a.value();
        }
    }

    /** A {@code <script runat="server">} block: members of the class. */
    record Script(String code, Loc loc) implements Node {}
}
