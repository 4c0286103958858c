package dev.conduit.internal.config;

/**
 * Something a web.config sets that is valid but has no effect in Conduit.
 *
 * @param section the section it is about, as {@code <system.web><compilation>}, for grouping
 * @param text {@code file:line: warning: message}
 */
public record ConfigWarning(String section, String text) {
    @Override
    public String toString() {
        return text;
    }
}
