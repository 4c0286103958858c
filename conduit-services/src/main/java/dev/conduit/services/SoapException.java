package dev.conduit.services;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a web method to answer with a fault of its own, as ASP.NET's {@code SoapException}: the code ({@link
 * SoapFaultCode#CLIENT} when the caller sent something wrong), the message (the fault string, shown whatever {@code
 * <customErrors>} says: the service chose it) and an optional detail, written as the text of the fault's {@code
 * detail} element. Any other exception is a Server fault whose message only local callers see (unless customErrors is
 * Off).
 */
public class SoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SoapFaultCode code;
    private final @Nullable String detail;

    /** A fault of {@code code} saying {@code message}. */
    public SoapException(String message, SoapFaultCode code) {
        this(message, code, null);
    }

    /** A fault of {@code code} saying {@code message}, with {@code detail} as the detail's text. */
    public SoapException(String message, SoapFaultCode code, @Nullable String detail) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.detail = detail;
    }

    /** Who the fault blames. */
    public SoapFaultCode code() {
        return code;
    }

    /** The detail's text, or null for an empty detail. */
    public @Nullable String detail() {
        return detail;
    }
}
