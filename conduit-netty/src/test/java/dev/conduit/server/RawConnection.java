package dev.conduit.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client socket that writes bytes exactly as given and parses what comes back by hand, for input no real client
 * would send. Reads time out after ten seconds, so a missing response fails the test instead of hanging it.
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    static RawConnection open(int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            return new RawConnection(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }

    Socket socket() {
        return socket;
    }

    OutputStream output() {
        return out;
    }

    InputStream input() {
        return in;
    }

    /** Writes {@code text} as ISO-8859-1 bytes in one write. */
    RawConnection send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawConnection send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response to a request that was not HEAD. */
    RawResponse read() {
        return read(false);
    }

    /**
     * Reads one response: the status line, the headers, and a body framed by Content-Length, chunked coding, or
     * (with neither, and a status that may carry one) the end of the connection. Interim (1xx) responses are
     * returned like any other.
     */
    RawResponse read(boolean toHead) {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection instead of responding");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new AssertionError("not a status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (String h; !(h = line()).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.add(
                        Map.entry(h.substring(0, colon), h.substring(colon + 1).trim()));
            }
            RawResponse head = new RawResponse(parts[0], status, headers, new byte[0], false);
            if (toHead || status < 200 || status == 204 || status == 304) {
                return head;
            }
            String length = head.header("Content-Length");
            String te = head.header("Transfer-Encoding");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                return new RawResponse(parts[0], status, headers, readChunked(), true);
            }
            if (length != null) {
                return new RawResponse(parts[0], status, headers, in.readNBytes(Integer.parseInt(length)), false);
            }
            return new RawResponse(parts[0], status, headers, in.readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and counts the body of a response whose head was read with {@code read(true)}, keeping none of it. */
    long discardBody(RawResponse head) {
        try {
            String te = head.header("Transfer-Encoding");
            if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
                long total = 0;
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                    total += skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                return total;
            }
            return skip(Long.parseLong(head.header("Content-Length")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long skip(long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new AssertionError("the body ended " + left + " bytes early");
            }
            left -= r;
        }
        return n;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            if (!line().isEmpty()) {
                throw new AssertionError("chunk not followed by CRLF");
            }
        }
    }

    /** A line without its CRLF; null at the end of the stream. A bare LF is a test failure. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                if (sb.isEmpty() || sb.charAt(sb.length() - 1) != '\r') {
                    throw new AssertionError("bare LF from the server after: " + sb);
                }
                return sb.substring(0, sb.length() - 1);
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /**
     * Reads until the server closes the connection and returns what arrived meanwhile (nothing, when every response
     * was already read). A reset counts as closed. Fails if the server keeps the connection open for ten seconds.
     */
    byte[] readUntilClosed() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                rest.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; it sent meanwhile: "
                    + rest.toString(StandardCharsets.ISO_8859_1));
        } catch (SocketException e) {
            // reset by the server: closed as well
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rest.toByteArray();
    }

    /** Tells whether the server closed the connection (reading sees the end at once, or a reset). */
    boolean isClosedByServer() {
        return readUntilClosed().length == 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
