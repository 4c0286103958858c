package dev.conduit.web.ui.htmlcontrols;

import org.jspecify.annotations.Nullable;

/**
 * A {@code <meta runat="server">} (or any {@code <meta>} inside {@code <head runat="server">}), as {@code HtmlMeta}:
 * {@code <meta name="description" content="..." />}. Its properties are its attributes, rendered in the order they
 * were first set.
 */
public class HtmlMeta extends HtmlControl {
    /** A meta element. */
    public HtmlMeta() {
        super("meta");
    }

    /** The {@code name} attribute, or null. */
    public @Nullable String getName() {
        return getAttributes().get("name");
    }

    /** Sets the {@code name} attribute; null removes it. */
    public void setName(@Nullable String name) {
        getAttributes().put("name", name);
    }

    /** The {@code content} attribute, or null. */
    public @Nullable String getContent() {
        return getAttributes().get("content");
    }

    /** Sets the {@code content} attribute; null removes it. */
    public void setContent(@Nullable String content) {
        getAttributes().put("content", content);
    }

    /** The {@code http-equiv} attribute, or null. */
    public @Nullable String getHttpEquiv() {
        return getAttributes().get("http-equiv");
    }

    /** Sets the {@code http-equiv} attribute; null removes it. */
    public void setHttpEquiv(@Nullable String httpEquiv) {
        getAttributes().put("http-equiv", httpEquiv);
    }

    /** The {@code scheme} attribute, or null. */
    public @Nullable String getScheme() {
        return getAttributes().get("scheme");
    }

    /** Sets the {@code scheme} attribute; null removes it. */
    public void setScheme(@Nullable String scheme) {
        getAttributes().put("scheme", scheme);
    }
}
