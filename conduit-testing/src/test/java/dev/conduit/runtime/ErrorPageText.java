package dev.conduit.runtime;

import dev.conduit.testing.TestResponse;

/** The text of an HTML error page with the entities {@code HttpUtility.htmlEncode} writes decoded. */
final class ErrorPageText {
    private ErrorPageText() {}

    static String of(TestResponse response) {
        return response.text()
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
