package dev.conduit.internal.netty;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The fields of the access log, by their W3C extended log format names as IIS writes them. A value never contains a
 * space: IIS's rule is kept, a space in a header becomes {@code +}, and any other byte outside printable ASCII
 * becomes {@code ?}; an absent value is {@code -}.
 */
enum W3cField {
    DATE("date", (log, e, b) -> b.append(log.date(e.epochMillis()))),
    TIME("time", (log, e, b) -> b.append(log.time(e.epochMillis()))),
    SERVER_IP("s-ip", (log, e, b) -> address(e.server(), b)),
    METHOD("cs-method", (log, e, b) -> token(e.method(), b)),
    URI_STEM("cs-uri-stem", (log, e, b) -> {
        String t = e.target();
        if (t != null) {
            int q = t.indexOf('?');
            token(q < 0 ? t : t.substring(0, q), b);
        }
    }),
    URI_QUERY("cs-uri-query", (log, e, b) -> {
        String t = e.target();
        int q = t == null ? -1 : t.indexOf('?');
        if (t != null && q >= 0 && q < t.length() - 1) {
            token(t.substring(q + 1), b);
        }
    }),
    SERVER_PORT("s-port", (log, e, b) -> {
        if (e.server() != null) {
            b.append(e.server().getPort());
        }
    }),
    CLIENT_IP("c-ip", (log, e, b) -> address(e.client(), b)),
    VERSION("cs-version", (log, e, b) -> token(e.protocol(), b)),
    USER_AGENT("cs(User-Agent)", (log, e, b) -> token(e.userAgent(), b)),
    REFERER("cs(Referer)", (log, e, b) -> token(e.referer(), b)),
    HOST("cs-host", (log, e, b) -> token(e.host(), b)),
    STATUS("sc-status", (log, e, b) -> b.append(e.status())),
    /** IIS's sub-status: Conduit has none, and writes 0 as IIS does for a response without one. */
    SUBSTATUS("sc-substatus", (log, e, b) -> b.append('0')),
    /** IIS's Windows error code of the connection: 0, as IIS writes for a response sent without a socket error. */
    WIN32_STATUS("sc-win32-status", (log, e, b) -> b.append('0')),
    /** The body bytes sent (IIS counts the head too; Conduit's encoder does not report it). */
    BYTES_SENT("sc-bytes", (log, e, b) -> b.append(e.bytes())),
    /** Milliseconds from the request's head to the end of its response, as IIS's time-taken. */
    TIME_TAKEN("time-taken", (log, e, b) -> b.append(e.elapsedNanos() / 1_000_000));

    /** Appends a field's value of an entry; appending nothing means absent ({@code -}). */
    @FunctionalInterface
    private interface Value {
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b);
    }

    private final String w3cName;
    private final Value value;

    W3cField(String w3cName, Value value) {
        this.w3cName = w3cName;
        this.value = value;
    }

    /** The name in a {@code #Fields:} directive. */
    String w3cName() {
        return w3cName;
    }

    /** Appends this field's value of {@code e}; appending nothing means absent ({@code -}). */
    void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
        value.append(log, e, b);
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

    private static void address(@Nullable InetSocketAddress a, StringBuilder b) {
        if (a != null && a.getAddress() != null) {
            b.append(a.getAddress().getHostAddress().toLowerCase(Locale.ROOT));
        }
    }

    private static void token(@Nullable String value, StringBuilder b) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c == ' ' ? '+' : c > 0x20 && c < 0x7f ? c : '?');
        }
    }
}
