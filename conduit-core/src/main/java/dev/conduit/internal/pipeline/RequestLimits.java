package dev.conduit.internal.pipeline;

import dev.conduit.internal.config.RuntimeSettings;
import dev.conduit.spi.HostExchange;
import dev.conduit.spi.LimitExceeded;

/**
 * The VALIDATE step: the folder's {@code <httpRuntime>} limits on the URL, the query string and the body, checked
 * before any module sees the request. The errors and their wording are {@link LimitExceeded}'s, shared with hosts.
 */
final class RequestLimits {
    private RequestLimits() {}

    /**
     * Checks the URL and query-string lengths and the declared body length, then limits the body as it is read.
     *
     * @throws dev.conduit.HttpException 414 or 413 for a request over a limit
     */
    static void check(ConduitRequest request, RuntimeSettings limits, HostExchange exchange) {
        if (request.path().length() > limits.maxUrlLength()) {
            throw LimitExceeded.url(limits.maxUrlLength());
        }
        if (request.queryStringText().length() > limits.maxQueryStringLength()) {
            throw LimitExceeded.queryString(limits.maxQueryStringLength());
        }
        long max = limits.maxRequestLengthBytes();
        if (exchange.requestContentLength() > max) {
            throw LimitExceeded.body();
        }
        request.setMaxRequestLength(max);
        exchange.limitRequestBody(max);
    }
}
