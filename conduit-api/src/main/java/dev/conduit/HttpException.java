package dev.conduit;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A failure with an HTTP status: thrown by handlers and the runtime to answer with that status and a message.
 *
 * <p>As in System.Web, the error page shows the message to local requests; remote requests see the status and a
 * generic text only.
 */
public class HttpException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /** Creates an exception with {@code statusCode} and {@code message}. */
    public HttpException(int statusCode, String message) {
        this(statusCode, message, null);
    }

    /**
     * Creates an exception with {@code statusCode}, {@code message} and the exception that caused it.
     *
     * @throws IllegalArgumentException when {@code statusCode} is not between 400 and 599
     */
    public HttpException(int statusCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("HttpException status must be 400..599: " + statusCode);
        }
        this.statusCode = statusCode;
    }

    /** The status code the response gets. */
    public int statusCode() {
        return statusCode;
    }
}
