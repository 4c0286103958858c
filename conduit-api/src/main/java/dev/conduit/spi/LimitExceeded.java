package dev.conduit.spi;

import dev.conduit.HttpException;

/**
 * The errors a request gets for breaking a {@code <httpRuntime>} limit, with the one wording every host and the
 * runtime use: a host that enforces {@link HostExchange#limitRequestBody} fails the body's reads with {@link #body()}.
 * The statuses are HTTP's (413, 414) where System.Web answers 500 or 400: a deliberate difference.
 */
public final class LimitExceeded {
    private LimitExceeded() {}

    /** 413: the body is longer than {@code maxRequestLength}, declared or as it arrives. */
    public static HttpException body() {
        return new HttpException(413, "Maximum request length exceeded.");
    }

    /** 414: the URL's path is longer than {@code maxUrlLength}. */
    public static HttpException url(int maxUrlLength) {
        return new HttpException(
                414,
                "The length of the URL for this request exceeds the configured maxUrlLength value (" + maxUrlLength
                        + ").");
    }

    /** 414: the query string is longer than {@code maxQueryStringLength}. */
    public static HttpException queryString(int maxQueryStringLength) {
        return new HttpException(
                414,
                "The length of the query string for this request exceeds the configured maxQueryStringLength value ("
                        + maxQueryStringLength + ").");
    }
}
