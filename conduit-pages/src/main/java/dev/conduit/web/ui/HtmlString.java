package dev.conduit.web.ui;

/**
 * Text that is HTML already, as {@code System.Web.HtmlString}: {@code <%: value %>} writes it as it is instead of
 * encoding it.
 *
 * @param html the markup
 */
public record HtmlString(String html) {
    /** Checks that the markup is not null. */
    public HtmlString {
        java.util.Objects.requireNonNull(html, "html");
    }

    @Override
    public String toString() {
        return html;
    }
}
