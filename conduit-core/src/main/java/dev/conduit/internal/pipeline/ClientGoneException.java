package dev.conduit.internal.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The response could not be sent because the connection is gone: the client closed it, or the server cut it (a client
 * that read too slowly, a stream reset). Not the site's fault and nothing to answer: logged in one line, without a
 * stack trace, so that clients that disconnect (on purpose or not) cannot fill the log.
 */
public final class ClientGoneException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public ClientGoneException(IOException cause) {
        super("the client has gone: " + cause.getMessage(), cause);
    }
}
