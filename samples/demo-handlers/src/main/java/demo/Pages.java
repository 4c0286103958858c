package demo;

import dev.conduit.HttpContext;
import dev.conduit.HttpResponse;
import dev.conduit.HttpUtility;
import java.nio.charset.StandardCharsets;

/** Small HTML pages in the demo site's style (its {@code css/site.css}), for handlers that answer with a page. */
public final class Pages {
    private Pages() {}

    /**
     * Replaces the response with a page: {@code status}, a header holding {@code title} (HTML-encoded here), and
     * {@code bodyHtml} in one section. {@code bodyHtml} is written as is: the caller encodes what it puts in it.
     *
     * @throws IllegalStateException when the headers were already sent
     */
    public static void write(HttpContext context, int status, String title, String bodyHtml) {
        HttpResponse res = context.response();
        res.clear();
        res.setStatusCode(status);
        res.setContentType("text/html");
        res.setCharset(StandardCharsets.UTF_8);
        String root = context.request().applicationPath();
        String home = root.endsWith("/") ? root : root + "/";
        String t = HttpUtility.htmlEncode(title);
        res.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + t
                + " - Conduit demo</title>\n<link rel=\"stylesheet\" href=\"" + home + "css/site.css\">\n</head>\n"
                + "<body>\n<header>\n<h1>" + t + "</h1>\n</header>\n<main>\n<section>\n" + bodyHtml
                + "\n</section>\n</main>\n<footer>Served by Conduit &middot; <a href=\"" + home
                + "\">Home</a></footer>\n</body>\n</html>\n");
    }

    /**
     * Replaces the response with 503 Service Unavailable and a page saying the database cannot be reached, with
     * {@code Retry-After} (RFC 9110 §10.2.3) and no caching, so the next try reaches the server.
     */
    public static void databaseUnavailable(HttpContext context) {
        write(
                context,
                503,
                "The database is not available",
                "<p>The demo database cannot be reached right now, so nothing can be read or stored. The site itself"
                        + " is up: please try again in a minute.</p>\n<p class=\"try\"><a href=\""
                        + HttpUtility.htmlEncode(context.request().rawUrl()) + "\">Try again</a></p>");
        context.response().setHeader("Retry-After", "30");
        context.response().setHeader("Cache-Control", "no-store");
    }
}
