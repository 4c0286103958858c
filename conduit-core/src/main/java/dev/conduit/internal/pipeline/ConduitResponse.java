package dev.conduit.internal.pipeline;

import dev.conduit.HttpCookie;
import dev.conduit.HttpResponse;
import dev.conduit.HttpUtility;
import dev.conduit.NameValueCollection;
import dev.conduit.ResponseEndSignal;
import dev.conduit.spi.HostExchange;
import dev.conduit.spi.ResponseHead;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The response over a {@link HostExchange}: buffered by default, streaming once flushed or past the buffer limit.
 *
 * <p>The body is a list of parts: bytes in one growable buffer, and file regions queued by {@link #transmitFile}
 * (sent zero-copy by the host when the response goes out). While nothing is sent, every part can still be dropped
 * and status and headers replaced. The head carries the exact Content-Length whenever the whole body is known when
 * it is sent (the common, buffered case); otherwise the length a handler declared in a Content-Length header, or -1
 * (chunked).
 *
 * <p>The class is longer than most because it is the whole of {@link HttpResponse}, System.Web's widest surface, and
 * every part of it (status and headers, cookies, the buffer, files queued, flushing, {@code end()}, the send events)
 * reads and writes one state: whether the head is sent, what is buffered, what was declared. Split apart, each part
 * would need the others' fields and their order of checks.
 *
 * <p>One per application instance, reset for each request it serves ({@link ConduitContext}); site code reaches it
 * through a {@link ResponseHandle}.
 */
public final class ConduitResponse {
    private static final byte[] NO_BYTES = new byte[0];

    private final int bufferLimit;
    /** The context this is the response of: its generation tells a stream or writer whose request ended. */
    private final ConduitContext owner;
    /** The application instance whose spare buffer the response borrows and gives back once sent (see finish). */
    private final ApplicationInstance lender;

    // Set by begin for the request served (the rest below is reset to these initial values by reset).
    private HostExchange exchange;
    private boolean head;

    private int status = 200;
    private @Nullable String reason;
    private String contentType = "text/html";
    private @Nullable Charset charset = StandardCharsets.UTF_8;
    /** The headers set, or null while none is (most responses set only the content type, kept apart). */
    private NameValueCollection.@Nullable Builder headers;
    /**
     * The whole head but the status, Content-Type last, as a built-in handler keeps it (a cached static file's; see
     * {@link #useHead}), or null; it stands for the headers until they or the content type change.
     */
    private @Nullable NameValueCollection fixedHead;
    /** The content type {@link #fixedHead} was built with (compared by identity: any change makes another string). */
    private @Nullable String fixedType;
    /** The cookies added, or null while none is. */
    private @Nullable List<HttpCookie> cookies;

    private boolean buffer = true;

    private byte[] buf = NO_BYTES;
    private int count;
    /** Files queued behind the bytes buffered before each of them, in order. */
    private List<FilePart> files = List.of();

    private boolean headersSent;
    private long declaredLength = -1;
    private long sent;
    private boolean ended;
    private boolean trySkipIisCustomErrors;
    private boolean finished;

    /** The instance's PreSendRequestHeaders and PreSendRequestContent raising ({@link #observe}), for every request. */
    private @Nullable Runnable onHeaders;

    private @Nullable Runnable onContent;
    /** The same for the request served, until raised (once each). */
    private @Nullable Runnable beforeHeaders;

    private @Nullable Runnable beforeContent;

    private @Nullable OutputStream stream;
    private @Nullable Writer writer;

    /** A file region, or (with {@code shared}) a buffer that never changes, sent after {@code bufferedBefore} bytes. */
    private record FilePart(
            int bufferedBefore, @Nullable Path file, long offset, long length, java.nio.@Nullable ByteBuffer shared) {}

    /** The response of {@code owner}, {@code lender}'s context (idle until {@link #begin}). */
    ConduitResponse(ConduitContext owner, int bufferLimit, ApplicationInstance lender) {
        this.owner = owner;
        this.bufferLimit = bufferLimit;
        this.lender = lender;
    }

    /** Begins the response of a request over {@code exchange} ({@code head}: a HEAD request). */
    void begin(HostExchange exchange, boolean head) {
        this.exchange = exchange;
        this.head = head;
    }

    /**
     * Ends the response's request: every field back to its initial value, the exchange forgotten. A buffer still held
     * (the response was aborted, never finished) is dropped rather than kept: the host may still hold it.
     */
    void reset() {
        exchange = null;
        status = 200;
        reason = null;
        contentType = "text/html";
        charset = StandardCharsets.UTF_8;
        headers = null;
        fixedHead = null;
        fixedType = null;
        cookies = null;
        buffer = true;
        buf = NO_BYTES;
        count = 0;
        files = List.of();
        headersSent = false;
        declaredLength = -1;
        sent = 0;
        ended = false;
        trySkipIisCustomErrors = false;
        finished = false;
        beforeHeaders = onHeaders;
        beforeContent = onContent;
        stream = null;
        writer = null;
    }

    public int statusCode() {
        return status;
    }

    public void setStatusCode(int statusCode) {
        if (statusCode < 100 || statusCode > 999) {
            throw new IllegalArgumentException("status code must be 100..999: " + statusCode);
        }
        checkHeadersNotSent();
        this.status = statusCode;
        this.reason = null;
    }

    public String statusDescription() {
        return reason != null ? reason : ReasonPhrases.of(status);
    }

    public void setStatusDescription(String description) {
        checkHeaderText("status description", description);
        checkHeadersNotSent();
        this.reason = description;
    }

    public String contentType() {
        return contentType;
    }

    public void setContentType(String type) {
        checkHeaderText("content type", type);
        checkHeadersNotSent();
        int semi = type.indexOf(';');
        if (semi < 0) {
            this.contentType = type.trim();
            return;
        }
        // Keep every parameter but charset (a multipart boundary, say); the charset is held separately.
        StringBuilder kept = new StringBuilder(type.substring(0, semi).trim());
        for (String param : type.substring(semi + 1).split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                setCharset(parseCharset(p.substring(8).replace("\"", "")));
            } else if (!p.isEmpty()) {
                kept.append("; ").append(p);
            }
        }
        this.contentType = kept.toString();
    }

    private static Charset parseCharset(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown charset: " + name, e);
        }
    }

    public @Nullable Charset charset() {
        return charset;
    }

    public void setCharset(@Nullable Charset newCharset) {
        checkHeadersNotSent();
        this.charset = newCharset;
        this.writer = null;
    }

    public void setHeader(String name, String value) {
        checkHeader(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        changeHeaders().set(name, value);
    }

    public void appendHeader(String name, String value) {
        checkHeader(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        changeHeaders().add(name, value);
    }

    public void removeHeader(String name) {
        checkHeadersNotSent();
        if (headers != null || fixedHead != null) {
            changeHeaders().remove(name);
        }
    }

    public @Nullable String header(String name) {
        return name.equalsIgnoreCase("Content-Type")
                ? fullContentType()
                : headers().getFirst(name);
    }

    public NameValueCollection headers() {
        NameValueCollection.Builder h = headers;
        if (h != null) {
            return h.build();
        }
        NameValueCollection fixed = fixedHead;
        return fixed == null
                ? NameValueCollection.empty()
                : fixed.toBuilder().remove("Content-Type").build();
    }

    private NameValueCollection.Builder changeHeaders() {
        NameValueCollection.Builder h = headers;
        if (h == null) {
            NameValueCollection fixed = fixedHead;
            h = fixed == null
                    ? NameValueCollection.builder()
                    : fixed.toBuilder().remove("Content-Type");
            fixedHead = null;
            headers = h;
        }
        return h;
    }

    /**
     * For built-in handlers: the response's content type ({@code type}, no charset) and every header with it, in
     * {@code headersWithType}, which ends with that Content-Type and which the caller built once and keeps (a cached
     * static file's validators). Replaces the headers set so far. The head goes out as that collection, with nothing
     * built per response, unless the headers, the cookies or the content type change before it is sent.
     */
    public void useHead(String type, NameValueCollection headersWithType) {
        checkHeadersNotSent();
        setContentType(type);
        setCharset(null);
        headers = null;
        fixedHead = headersWithType;
        fixedType = contentType;
    }

    public void addCookie(HttpCookie cookie) {
        checkHeadersNotSent();
        List<HttpCookie> c = cookies;
        if (c == null) {
            c = new ArrayList<>(2);
            cookies = c;
        }
        c.add(cookie);
    }

    /**
     * Takes back a cookie added earlier, as System.Web's session module takes back the cookie of a new session that
     * was not saved (spec §6.4). Only while the headers are unsent; returns whether the cookie was removed.
     */
    public boolean removeCookie(HttpCookie cookie) {
        List<HttpCookie> c = cookies;
        return !headersSent && c != null && c.remove(cookie);
    }

    public List<HttpCookie> cookies() {
        List<HttpCookie> c = cookies;
        return c == null ? List.of() : Collections.unmodifiableList(c);
    }

    // ---- body ---------------------------------------------------------------------------------------------------

    public void write(String text) {
        if (ended || text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(charset == null ? StandardCharsets.UTF_8 : charset);
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (ended || length == 0) {
            return;
        }
        if (headersSent && files.isEmpty() && count == 0 && (!buffer || length >= bufferLimit)) {
            send(bytes, offset, length);
            return;
        }
        ensureCapacity(count + length);
        System.arraycopy(bytes, offset, buf, count, length);
        count += length;
        if (!buffer || count >= bufferLimit) {
            flush();
        }
    }

    private void queue(FilePart part) {
        if (files.isEmpty()) {
            files = new ArrayList<>(2);
        }
        files.add(part);
    }

    private void ensureCapacity(int needed) {
        if (buf.length == 0) {
            byte[] spare = lender.takeSpareBuffer();
            if (spare != null) {
                buf = spare;
            }
        }
        if (needed > buf.length) {
            // The first write sizes the buffer to itself (a short body stays small); later ones double it.
            buf = Arrays.copyOf(buf, buf.length == 0 ? Math.max(needed, 64) : Math.max(needed, buf.length * 2));
        }
    }

    public OutputStream outputStream() {
        OutputStream s = stream;
        if (s == null) {
            int made = owner.generation();
            s = new OutputStream() {
                @Override
                public void write(int b) {
                    checkServing(made);
                    ConduitResponse.this.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    checkServing(made);
                    ConduitResponse.this.write(b, off, len);
                }

                @Override
                public void flush() {
                    // Buffered output is sent at the end, or by HttpResponse.flush(); a stream flush is not a commit.
                    checkServing(made);
                }
            };
            stream = s;
        }
        return s;
    }

    /** Fails when the request {@code generation} (a stream or writer was made for) is no longer the one served. */
    private void checkServing(int generation) {
        if (generation != owner.generation()) {
            throw ContextHandle.ended();
        }
    }

    public Writer output() {
        Writer w = writer;
        if (w == null) {
            int made = owner.generation();
            w = new OutputStreamWriter(outputStream(), charset == null ? StandardCharsets.UTF_8 : charset) {
                // Checked on every write, not only when the encoder's buffer reaches the stream.
                @Override
                public void write(int c) throws IOException {
                    checkServing(made);
                    super.write(c);
                }

                @Override
                public void write(char[] chars, int off, int len) throws IOException {
                    checkServing(made);
                    super.write(chars, off, len);
                }

                @Override
                public void write(String text, int off, int len) throws IOException {
                    checkServing(made);
                    super.write(text, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            writer = w;
        }
        return w;
    }

    private void flushWriter() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void transmitFile(Path file) {
        try {
            transmitFile(file, 0, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public void transmitFile(Path file, long offset, long length) {
        if (ended) {
            return;
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0: " + offset + ", " + length);
        }
        if (!Files.isReadable(file)) {
            throw new UncheckedIOException(new FileNotFoundException(file.toString()));
        }
        flushWriter();
        queue(new FilePart(count, file, offset, length, null));
        if (!buffer || headersSent) {
            flush();
        }
    }

    /**
     * Queues {@code content} as the next part of the body, like {@link #transmitFile}: a buffer that nobody changes
     * (the static file cache's), sent without a copy where the host can.
     */
    public void transmitBuffer(ByteBuffer content) {
        if (ended) {
            return;
        }
        flushWriter();
        queue(new FilePart(count, null, 0, content.remaining(), content));
        if (!buffer || headersSent) {
            flush();
        }
    }

    public void flush() {
        if (finished) {
            return;
        }
        flushWriter();
        if (!headersSent) {
            sendHead(declaredOrUnknownLength());
        }
        drain();
        exchange.flush();
    }

    private long declaredOrUnknownLength() {
        String declared = headers().getFirst("Content-Length");
        if (declared != null) {
            try {
                return Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Content-Length header is not a number: " + declared);
            }
        }
        return -1;
    }

    /** Sends every buffered part. */
    private void drain() {
        int from = 0;
        for (FilePart f : files) {
            if (f.bufferedBefore() > from) {
                send(buf, from, f.bufferedBefore() - from);
                from = f.bufferedBefore();
            }
            sendFile(f);
        }
        if (count > from) {
            send(buf, from, count - from);
        }
        files = List.of();
        count = 0;
        if (buf.length > bufferLimit) {
            buf = NO_BYTES;
        }
    }

    private void send(byte[] bytes, int offset, int length) {
        if (head || !bodyAllowed(status)) {
            return;
        }
        notifyContent();
        try {
            exchange.sendContent(bytes, offset, length);
            sent += length;
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    private void sendFile(FilePart f) {
        if (head || !bodyAllowed(status) || f.length() == 0) {
            return;
        }
        notifyContent();
        try {
            if (f.shared() != null) {
                exchange.sendBuffer(f.shared());
            } else {
                exchange.sendFile(Objects.requireNonNull(f.file()), f.offset(), f.length());
            }
            sent += f.length();
        } catch (IOException e) {
            if (!exchange.isClientConnected() && socketError(e)) {
                throw new ClientGoneException(e); // the connection went while the file was on its way
            }
            throw new UncheckedIOException("sending " + (f.file() != null ? f.file() : "a cached file") + " failed", e);
        }
    }

    /**
     * Whether {@code e} came from the socket (closed, reset, a broken pipe) rather than from reading the file: the
     * server closes a connection after either, so its state alone does not tell.
     */
    private static boolean socketError(IOException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.net.SocketException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("reset by peer") || m.contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    public boolean bufferOutput() {
        return buffer;
    }

    public void setBufferOutput(boolean bufferOutput) {
        this.buffer = bufferOutput;
    }

    public boolean isHeadersWritten() {
        return headersSent;
    }

    public boolean isClientConnected() {
        return exchange.isClientConnected();
    }

    public void clear() {
        clearHeadersOnly();
        clearContent();
    }

    public void clearContent() {
        if (headersSent) {
            return;
        }
        count = 0;
        files = List.of();
    }

    public void clearHeaders() {
        checkHeadersNotSent();
        clearHeadersOnly();
        status = 200;
        reason = null;
        contentType = "text/html";
        charset = StandardCharsets.UTF_8;
    }

    private void clearHeadersOnly() {
        if (headersSent) {
            return;
        }
        headers = null;
        fixedHead = null;
        cookies = null;
    }

    public void redirect(String url) {
        redirect(url, true);
    }

    public void redirect(String url, boolean endResponse) {
        redirectWith(302, url, endResponse);
    }

    public void redirectPermanent(String url) {
        redirectWith(301, url, true);
    }

    private void redirectWith(int code, String url, boolean endResponse) {
        if (url.indexOf('\r') >= 0 || url.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("redirect URL must not contain CR or LF");
        }
        checkHeadersNotSent();
        // As System.Web: "~/" is the application's root (Conduit serves a site at "/")
        String location = location(url.startsWith("~/") ? url.substring(1) : url.equals("~") ? "/" : url);
        clearContent();
        setStatusCode(code);
        setContentType("text/html");
        setCharset(StandardCharsets.UTF_8);
        changeHeaders().set("Location", location);
        // As System.Web: a short "Object moved" page for clients that do not follow redirects.
        write("<html><head><title>Object moved</title></head><body>\r\n<h2>Object moved to <a href=\""
                + HttpUtility.htmlEncode(location) + "\">here</a>.</h2>\r\n</body></html>\r\n");
        if (endResponse) {
            end();
        }
    }

    /**
     * {@code url} made fit for a Location header without changing what it addresses: in the path, characters that
     * cannot stand in a URL are percent-encoded (UTF-8) but escapes already made are kept, so an encoded URL is never
     * encoded twice (System.Web's redirect does not encode {@code %} either); the query is left as it stands.
     */
    private static String location(String url) {
        int end = url.indexOf('?');
        if (end < 0) {
            end = url.length();
        }
        StringBuilder sb = new StringBuilder(url.length() + 16);
        int from = 0;
        for (int i = url.indexOf('%'); i >= 0 && i + 2 < end; i = url.indexOf('%', i + 1)) {
            if (isHexDigit(url.charAt(i + 1)) && isHexDigit(url.charAt(i + 2))) {
                sb.append(HttpUtility.urlPathEncode(url.substring(from, i))).append(url, i, i + 3);
                from = i + 3;
            }
        }
        return sb.append(HttpUtility.urlPathEncode(url.substring(from, end)))
                .append(url, end, url.length())
                .toString();
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public void end() {
        flushWriter();
        ended = true;
        throw new ResponseEndSignal();
    }

    public boolean isEnded() {
        return ended || finished;
    }

    // ---- runtime side -------------------------------------------------------------------------------------------

    /**
     * Calls {@code headers} once just before the head is sent (PreSendRequestHeaders: it may still change status and
     * headers) and {@code content} once before the first body bytes (PreSendRequestContent), for every request the
     * response serves from now on.
     */
    void observe(Runnable headers, Runnable content) {
        this.onHeaders = headers;
        this.onContent = content;
        this.beforeHeaders = headers;
        this.beforeContent = content;
    }

    private void notifyContent() {
        Runnable r = beforeContent;
        if (r != null) {
            beforeContent = null;
            r.run();
        }
    }

    /**
     * Sends whatever has not been sent and completes the exchange: the head with the exact length when nothing was
     * sent yet, then the buffered parts. Aborts the exchange when a declared length was not met.
     */
    void finish() {
        if (finished) {
            return;
        }
        flushWriter();
        if (!headersSent) {
            long total = count;
            for (FilePart f : files) {
                total += f.length();
            }
            sendHead(bodyAllowed(status) ? total : 0);
        }
        drain();
        finished = true;
        ended = true;
        // Sent: the buffer goes back to the instance for its next request, and this response no longer holds it
        // (a late write to it is ignored: the response has ended). An aborted response keeps its buffer.
        if (buf.length > 0) {
            lender.keepSpareBuffer(buf);
            buf = NO_BYTES;
        }
        if (!head && bodyAllowed(status) && declaredLength >= 0 && sent != declaredLength) {
            exchange.abort(new IllegalStateException(
                    "response declared Content-Length " + declaredLength + " but sent " + sent + " bytes"));
            return;
        }
        exchange.complete();
    }

    public boolean trySkipIisCustomErrors() {
        return trySkipIisCustomErrors;
    }

    public void setTrySkipIisCustomErrors(boolean skip) {
        trySkipIisCustomErrors = skip;
    }

    /**
     * Lets a response that ended (end(), a redirect) be written again while nothing is sent: for a replacement the
     * runtime makes at the end of the request ({@code <httpErrors>}).
     */
    void reopen() {
        if (!headersSent && !finished) {
            ended = false;
        }
    }

    /** Marks the response finished without sending anything (the exchange was aborted). */
    void abandon() {
        finished = true;
        ended = true;
    }

    /** Tells whether every byte so far was only buffered, so the whole response can still be replaced. */
    boolean canReplace() {
        return !headersSent;
    }

    private void sendHead(long contentLength) {
        Runnable r = beforeHeaders;
        if (r != null) {
            beforeHeaders = null;
            r.run();
        }
        boolean typed = bodyAllowed(status) || status == 304;
        NameValueCollection.Builder set = headers;
        List<HttpCookie> added = cookies;
        NameValueCollection fixed = fixedHead;
        NameValueCollection out;
        if (fixed != null && added == null && typed && contentType == fixedType && charset == null) {
            out = fixed; // a built-in handler's head, kept with its content: nothing built per response
        } else if (fixed == null && (set == null || set.size() == 0) && added == null) {
            // The common response: its content type alone, a collection built once per type (nothing per response).
            out = typed ? fullType().alone() : NameValueCollection.empty();
        } else {
            NameValueCollection.Builder b = set != null
                    ? set.build().toBuilder().remove("Content-Length").remove("Transfer-Encoding")
                    : fixed != null ? fixed.toBuilder().remove("Content-Type") : NameValueCollection.builder();
            if (typed) {
                b.add("Content-Type", fullContentType());
            }
            if (added != null) {
                for (HttpCookie c : added) {
                    b.add("Set-Cookie", c.toSetCookieHeader());
                }
            }
            out = b.build();
        }
        headersSent = true;
        declaredLength = contentLength;
        exchange.sendHead(new ResponseHead(status, statusDescription(), out, contentLength));
    }

    /**
     * A media type and charset with the Content-Type value they make, and that value as the only header: the last
     * one built is kept (most responses of a site use a handful), which saves building either per response.
     */
    private record FullType(String type, @Nullable Charset charset, String full, NameValueCollection alone) {}

    private static volatile @Nullable FullType lastFullType;

    private String fullContentType() {
        return fullType().full();
    }

    private FullType fullType() {
        Charset cs = charset;
        FullType last = lastFullType;
        if (last != null && last.type().equals(contentType) && Objects.equals(last.charset(), cs)) {
            return last;
        }
        String full = cs == null || !isText(contentType)
                ? contentType
                : contentType + "; charset=" + cs.name().toLowerCase(Locale.ROOT);
        FullType made = new FullType(
                contentType,
                cs,
                full,
                NameValueCollection.builder().add("Content-Type", full).build());
        lastFullType = made;
        return made;
    }

    private static boolean isText(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi);
        }
        return t.startsWith("text/")
                || t.endsWith("+xml")
                || t.endsWith("+json")
                || t.equals("application/json")
                || t.equals("application/xml")
                || t.equals("application/javascript");
    }

    /** 1xx, 204 and 304 never carry a body (RFC 9110 §6.4.1). */
    static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private void checkHeadersNotSent() {
        if (headersSent) {
            throw new IllegalStateException("headers already sent");
        }
    }

    private void checkHeader(String name, String value) {
        checkHeadersNotSent();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name is not a token: " + name);
            }
        }
        checkHeaderText("header " + name, value);
    }

    private static void checkHeaderText(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " must not contain CR, LF or NUL");
            }
        }
    }
}
