package dev.conduit;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The response being built: the Java form of System.Web's {@code HttpResponse}.
 *
 * <p><b>Buffering.</b> Output is buffered by default, as in System.Web, so status and headers can still change
 * after the handler has written: modules that run later may replace them. Nothing is sent until the request ends,
 * {@link #flush()} is called, or the buffered body passes the runtime's buffer limit, at which point the headers
 * are committed and the body streams. After that, status and headers are frozen and changing them throws {@link
 * IllegalStateException} ("headers already sent").
 *
 * <p><b>HEAD.</b> For a HEAD request the same headers are sent as for GET (including the Content-Length of the
 * body that was written) but never a body.
 *
 * <p><b>Ending.</b> {@link #end()} and {@link #redirect(String)} end the request without an error: they throw
 * {@link ResponseEndSignal}, which the pipeline catches and turns into {@link HttpContext#completeRequest()}.
 * Writes after the response ended are ignored; a response is never sent twice.
 *
 * <p><b>Threading.</b> Writes may block while the client is slow to read (back-pressure) once the response
 * streams; call them from the request's thread.
 */
public interface HttpResponse {

    /** The status code, 200 unless set. */
    int statusCode();

    /**
     * Sets the status code.
     *
     * @throws IllegalArgumentException outside 100..999
     * @throws IllegalStateException when the headers were already sent
     */
    void setStatusCode(int statusCode);

    /** The reason phrase, the standard one for the status unless set. */
    String statusDescription();

    /** Sets the reason phrase; it must not contain CR or LF. */
    void setStatusDescription(String description);

    /** The media type without charset; {@code text/html} unless set. */
    String contentType();

    /** Sets the media type (without charset; a {@code charset=} parameter sets the charset too). */
    void setContentType(String contentType);

    /**
     * The charset used for text writes and named in the Content-Type of text types; UTF-8 unless set, {@code null}
     * after {@link #setCharset(Charset) setCharset(null)} to send none.
     */
    @Nullable
    Charset charset();

    /** Sets the charset; {@code null} leaves it off the Content-Type. Must be set before text is written. */
    void setCharset(@Nullable Charset charset);

    /** Replaces every value of the header {@code name} with {@code value}. */
    void setHeader(String name, String value);

    /** Adds a value to the header {@code name}, as System.Web's {@code AppendHeader}. */
    void appendHeader(String name, String value);

    /** Removes every value of the header {@code name}. */
    void removeHeader(String name);

    /** The first value of the header {@code name} set so far, or {@code null}. */
    @Nullable
    String header(String name);

    /** The headers set so far, in order (Content-Type and Content-Length are added when the head is sent). */
    NameValueCollection headers();

    /** Adds a cookie to send with the response. */
    void addCookie(HttpCookie cookie);

    /** The cookies added so far, in order. */
    List<HttpCookie> cookies();

    /** Writes text in the response's charset. */
    void write(String text);

    /** Writes bytes. */
    void write(byte[] bytes);

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
    void write(byte[] bytes, int offset, int length);

    /** The body as a stream; closing it does not end the response. */
    OutputStream outputStream();

    /** The body as a character stream in the response's charset; closing it does not end the response. */
    Writer output();

    /**
     * Sends the whole file as the body without reading it into memory (zero-copy where the host can). Buffered
     * output written before it is sent first.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    void transmitFile(Path file);

    /** Sends {@code length} bytes of {@code file} from {@code offset}, as {@link #transmitFile(Path)}. */
    void transmitFile(Path file, long offset, long length);

    /**
     * Sends the headers (if not yet sent) and everything buffered so far. Afterwards status and headers are frozen.
     * May block while the client is slow.
     */
    void flush();

    /** Tells whether output is buffered until the end (the default) or sent as it is written. */
    boolean bufferOutput();

    /** Turns buffering on or off; with it off, every write goes out at once. */
    void setBufferOutput(boolean buffer);

    /** Tells whether the status and headers have been sent. */
    boolean isHeadersWritten();

    /** Tells whether the client is still connected. */
    boolean isClientConnected();

    /**
     * Whether this response asks to be left alone by {@code <system.webServer><httpErrors existingResponse="Auto">}
     * (System.Web's {@code TrySkipIisCustomErrors}): a handler that writes its own error page sets it. False unless
     * set.
     */
    boolean trySkipIisCustomErrors();

    /** Sets {@link #trySkipIisCustomErrors()}. */
    void setTrySkipIisCustomErrors(boolean skip);

    /** Drops the buffered body and the headers set so far, keeping the status. */
    void clear();

    /** Drops the buffered body only. */
    void clearContent();

    /** Drops the headers and cookies set so far, and resets status to 200 and the content type to text/html. */
    void clearHeaders();

    /**
     * Redirects with 302 and ends the request: clears the buffer, sets {@code Location} and writes a short HTML
     * body, then behaves as {@link #end()}.
     *
     * @throws IllegalArgumentException when the URL contains CR or LF
     * @throws IllegalStateException when the headers were already sent
     */
    void redirect(String url);

    /** As {@link #redirect(String)}, but ends the request only when {@code endResponse} is true. */
    void redirect(String url, boolean endResponse);

    /** As {@link #redirect(String)} with 301 Moved Permanently. */
    void redirectPermanent(String url);

    /**
     * Ends the request: what is buffered is kept, later writes are ignored, and the pipeline skips to EndRequest,
     * as {@code Response.End()}. Not an error.
     *
     * @throws ResponseEndSignal always, to unwind the caller; the pipeline catches it
     */
    void end();

    /** Tells whether the response has ended ({@link #end()} or the request finished). */
    boolean isEnded();
}
