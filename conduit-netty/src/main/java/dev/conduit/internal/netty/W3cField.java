package dev.conduit.internal.netty;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The fields of the access log, by their W3C extended log format names as IIS writes them. A value never contains a
 * space: IIS's rule is kept, a space in a header becomes {@code +}, and any other byte outside printable ASCII
 * becomes {@code ?}; an absent value is {@code -}.
 */
enum W3cField {
    DATE("date"),
    TIME("time"),
    SERVER_IP("s-ip"),
    METHOD("cs-method"),
    URI_STEM("cs-uri-stem"),
    URI_QUERY("cs-uri-query"),
    SERVER_PORT("s-port"),
    CLIENT_IP("c-ip"),
    VERSION("cs-version"),
    USER_AGENT("cs(User-Agent)"),
    REFERER("cs(Referer)"),
    HOST("cs-host"),
    STATUS("sc-status"),
    /** IIS's sub-status: Conduit has none, and writes 0 as IIS does for a response without one. */
    SUBSTATUS("sc-substatus"),
    /** IIS's Windows error code of the connection: 0, as IIS writes for a response sent without a socket error. */
    WIN32_STATUS("sc-win32-status"),
    /** The body bytes sent (IIS counts the head too; Conduit's encoder does not report it). */
    BYTES_SENT("sc-bytes"),
    /** Milliseconds from the request's head to the end of its response, as IIS's time-taken. */
    TIME_TAKEN("time-taken");

    private final String w3cName;

    W3cField(String w3cName) {
        this.w3cName = w3cName;
    }

    /**
     * Appends this field's value of {@code e}; appending nothing means absent ({@code -}). One switch rather than a
     * function per field: a line's fields then cost no dispatch through a dozen lambda classes (a line is formatted on
     * the thread that ends its request).
     */
    void append(AccessLogBuffer log, AccessLog.Entry e, AccessLog.Line b) {
        switch (this) {
            case DATE -> b.add(log.date(e.epochMillis()));
            case TIME -> b.add(log.time(e.epochMillis()));
            case SERVER_IP -> address(log, e.server(), b);
            case METHOD -> token(e.method(), b);
            case URI_STEM -> {
                String t = e.target();
                if (t != null) {
                    int q = log.queryStart(e);
                    token(t, 0, q < 0 ? t.length() : q, b);
                }
            }
            case URI_QUERY -> {
                String t = e.target();
                int q = t == null ? -1 : log.queryStart(e);
                if (t != null && q >= 0 && q < t.length() - 1) {
                    token(t, q + 1, t.length(), b);
                }
            }
            case SERVER_PORT -> {
                if (e.server() != null) {
                    b.add(e.server().getPort());
                }
            }
            case CLIENT_IP -> address(log, e.client(), b);
            case VERSION -> token(e.protocol(), b);
            case USER_AGENT -> token(e.userAgent(), b);
            case REFERER -> token(e.referer(), b);
            case HOST -> token(e.host(), b);
            case STATUS -> b.add(e.status());
            case SUBSTATUS, WIN32_STATUS -> b.add((byte) '0');
            case BYTES_SENT -> b.add(e.bytes());
            case TIME_TAKEN -> b.add(e.elapsedNanos() / 1_000_000);
        }
    }

    /** The name in a {@code #Fields:} directive. */
    String w3cName() {
        return w3cName;
    }

    /** Whether the value comes from a request header (read only when a configured field needs it). */
    boolean fromHeader() {
        return this == USER_AGENT || this == REFERER || this == HOST;
    }

    /**
     * The field named {@code name}, compared without regard to case.
     *
     * @throws IllegalArgumentException for a name that is not one of the fields, listing them
     */
    static W3cField of(String name) {
        for (W3cField f : values()) {
            if (f.w3cName.equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown access log field '" + name + "'; the fields are "
                + Arrays.stream(values()).map(W3cField::w3cName).collect(Collectors.joining(", ")));
    }

    private static void address(AccessLogBuffer log, @Nullable InetSocketAddress a, AccessLog.Line b) {
        if (a != null && a.getAddress() != null) {
            b.add(log.text(a.getAddress()));
        }
    }

    private static void token(@Nullable String value, AccessLog.Line b) {
        if (value != null) {
            token(value, 0, value.length(), b);
        }
    }

    /** {@code value[from, to)}, a byte per character: room made once, then no check per byte but the character's. */
    private static void token(String value, int from, int to, AccessLog.Line b) {
        byte[] bytes = b.room(to - from);
        int at = b.length;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            bytes[at++] = (byte) (c == ' ' ? '+' : c > 0x20 && c < 0x7f ? c : '?');
        }
        b.length = at;
    }
}
