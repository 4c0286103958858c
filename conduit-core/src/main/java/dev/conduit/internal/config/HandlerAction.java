package dev.conduit.internal.config;

import java.util.Locale;

/** One line of an {@code <httpHandlers>} section: add, remove or clear, in document order. */
public sealed interface HandlerAction {

    /** Where the line is. */
    Source source();

    /**
     * {@code <add verb path type validate>}.
     *
     * @param verb the verb list as written
     * @param path the path pattern as written
     * @param type the handler or factory type as written
     * @param validate whether the type is resolved when the configuration loads (true) or at first use (false)
     */
    record Add(String verb, String path, String type, boolean validate, Source source) implements HandlerAction {
        /** The entry key, as System.Web builds it: raw verb and path text, compared ignoring case. */
        public String key() {
            return HandlerAction.key(verb, path);
        }
    }

    /** {@code <remove verb path>}: drops the entry with exactly this key; a miss is silent. */
    record Remove(String verb, String path, Source source) implements HandlerAction {
        /** The key of the entry to drop. */
        public String key() {
            return HandlerAction.key(verb, path);
        }
    }

    /** {@code <clear/>}: drops every inherited entry and every entry added before it at the same level. */
    record Clear(Source source) implements HandlerAction {}

    /** {@code "verb=" + verb + " | path=" + path}, lower-cased: System.Web compares keys ignoring case. */
    static String key(String verb, String path) {
        return ("verb=" + verb + " | path=" + path).toLowerCase(Locale.ROOT);
    }
}
