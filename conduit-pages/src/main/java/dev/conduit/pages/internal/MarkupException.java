package dev.conduit.pages.internal;

import java.io.Serial;

/** A parse error in markup, at a file and line; the compiler reports it as a compilation error of that file. */
final class MarkupException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Markup.Loc loc;

    MarkupException(Markup.Loc loc, String message) {
        super(message);
        this.loc = loc;
    }

    Markup.Loc loc() {
        return loc;
    }
}
