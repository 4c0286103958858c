package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import dev.conduit.internal.config.RequestFiltering;
import dev.conduit.internal.config.RuntimeSettings;
import dev.conduit.spi.HostExchange;
import dev.conduit.spi.LimitExceeded;

/**
 * The VALIDATE step: the folder's {@code <httpRuntime>} limits on the URL, the query string and the body, and IIS's
 * {@code <requestFiltering>} (its limits, the smaller of each pair applying, and its denied extensions, hidden
 * segments, verbs and URL sequences), checked before any module sees the request. The errors and their wording are {@link LimitExceeded}'s, shared with hosts.
 */
final class RequestLimits {
    private RequestLimits() {}

    /**
     * Checks the URL and query-string lengths and the declared body length, then limits the body as it is read.
     *
     * @throws dev.conduit.HttpException 414 or 413 for a request over a limit
     */
    static void check(
            ConduitRequest request, RuntimeSettings limits, RequestFiltering filtering, HostExchange exchange) {
        int maxUrl = Math.min(limits.maxUrlLength(), filtering.maxUrl());
        if (request.path().length() > maxUrl) {
            throw LimitExceeded.url(maxUrl);
        }
        int maxQuery = Math.min(limits.maxQueryStringLength(), filtering.maxQueryString());
        if (request.queryStringText().length() > maxQuery) {
            throw LimitExceeded.queryString(maxQuery);
        }
        HttpException denied = filtering.deny(request.httpMethod(), request.path());
        if (denied != null) {
            throw denied;
        }
        long max = Math.min(limits.maxRequestLengthBytes(), filtering.maxAllowedContentLength());
        if (exchange.requestContentLength() > max) {
            throw LimitExceeded.body();
        }
        request.setMaxRequestLength(max);
        exchange.limitRequestBody(max);
    }
}
