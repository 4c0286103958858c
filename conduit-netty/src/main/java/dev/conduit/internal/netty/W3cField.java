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
    DATE("date") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append(log.date(e.epochMillis()));
        }
    },
    TIME("time") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append(log.time(e.epochMillis()));
        }
    },
    SERVER_IP("s-ip") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            address(e.server(), b);
        }
    },
    METHOD("cs-method") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            token(e.method(), b);
        }
    },
    URI_STEM("cs-uri-stem") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            String t = e.target();
            if (t != null) {
                int q = t.indexOf('?');
                token(q < 0 ? t : t.substring(0, q), b);
            }
        }
    },
    URI_QUERY("cs-uri-query") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            String t = e.target();
            int q = t == null ? -1 : t.indexOf('?');
            if (q >= 0 && q < t.length() - 1) {
                token(t.substring(q + 1), b);
            }
        }
    },
    SERVER_PORT("s-port") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            if (e.server() != null) {
                b.append(e.server().getPort());
            }
        }
    },
    CLIENT_IP("c-ip") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            address(e.client(), b);
        }
    },
    VERSION("cs-version") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            token(e.protocol(), b);
        }
    },
    USER_AGENT("cs(User-Agent)") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            token(e.userAgent(), b);
        }

        @Override
        boolean fromHeader() {
            return true;
        }
    },
    REFERER("cs(Referer)") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            token(e.referer(), b);
        }

        @Override
        boolean fromHeader() {
            return true;
        }
    },
    HOST("cs-host") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            token(e.host(), b);
        }

        @Override
        boolean fromHeader() {
            return true;
        }
    },
    STATUS("sc-status") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append(e.status());
        }
    },
    /** IIS's sub-status: Conduit has none, and writes 0 as IIS does for a response without one. */
    SUBSTATUS("sc-substatus") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append('0');
        }
    },
    /** IIS's Windows error code of the connection: 0, as IIS writes for a response sent without a socket error. */
    WIN32_STATUS("sc-win32-status") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append('0');
        }
    },
    /** The body bytes sent (IIS counts the head too; Conduit's encoder does not report it). */
    BYTES_SENT("sc-bytes") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append(e.bytes());
        }
    },
    /** Milliseconds from the request's head to the end of its response, as IIS's time-taken. */
    TIME_TAKEN("time-taken") {
        @Override
        void append(AccessLog log, AccessLog.Entry e, StringBuilder b) {
            b.append(e.elapsedNanos() / 1_000_000);
        }
    };

    private final String w3cName;

    W3cField(String w3cName) {
        this.w3cName = w3cName;
    }

    /** The name in a {@code #Fields:} directive. */
    String w3cName() {
        return w3cName;
    }

    /** Appends this field's value of {@code e}; appending nothing means absent ({@code -}). */
    abstract void append(AccessLog log, AccessLog.Entry e, StringBuilder b);

    /** Whether the value comes from a request header. */
    boolean fromHeader() {
        return false;
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
