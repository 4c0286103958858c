package dev.conduit;

import java.io.Serial;

/**
 * A 405 that carries the value of its {@code Allow} header (RFC 9110 §15.5.6 requires one): the runtime sends the
 * header with the error page. A handler that serves only some verbs throws it for the others, with the verbs it does
 * serve ({@code "GET, HEAD"}).
 */
public final class MethodNotAllowedException extends HttpException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String allow;

    /** Creates a 405 with {@code message} and the comma-separated {@code allow} list. */
    public MethodNotAllowedException(String message, String allow) {
        super(405, message);
        this.allow = allow;
    }

    /** The Allow header value. */
    public String allow() {
        return allow;
    }
}
