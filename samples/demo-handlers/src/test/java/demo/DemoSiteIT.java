package demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo site as the README's first command serves it, over a real socket; from a {@link DemoSiteCopy}, so its
 * database and file store start empty and a running {@code ./conduit demo} is not in the way.
 */
class DemoSiteIT {
    private static DemoSiteCopy site;
    private static ConduitServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        site = DemoSiteCopy.create();
        server = ConduitServer.start(
                HttpRuntime.start(site.root()),
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (site != null) {
                site.close();
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void welcomePageAndStylesheetAreServed() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(home.body())
                .contains("Welcome to Conduit")
                .isEqualTo(Files.readString(site.root().resolve("index.html")));
        HttpResponse<String> css = get("/css/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css");
        assertThat(css.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void ashxHandlerFromBinGreetsWithEncodedInput() throws Exception {
        HttpResponse<String> r = get("/hello.ashx?name=%3Cscript%3E");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hello, &lt;script&gt;!").doesNotContain("<script>");
    }

    @Test
    void mappedHandlersAnswer() throws Exception {
        assertThat(get("/plaintext").body()).isEqualTo("Hello, World!");
        HttpResponse<String> delay = get("/delay?ms=50");
        assertThat(delay.statusCode()).isEqualTo(200);
        assertThat(delay.body()).startsWith("waited 50 ms");
        assertThat(get("/delay?ms=lots").statusCode()).isEqualTo(400);
        HttpResponse<String> echo = client.send(
                HttpRequest.newBuilder(uri("/echo/anything?x=1"))
                        .POST(BodyPublishers.ofByteArray(new byte[12345]))
                        .build(),
                BodyHandlers.ofString());
        assertThat(echo.body()).startsWith("POST /echo/anything?x=1").contains("body bytes=12345");
    }

    @Test
    void newsIsRssForDotRssAndAtomForDotFeedAndBothParse() throws Exception {
        HttpResponse<String> rss = get("/news.rss");
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("Content-Type")).hasValue("application/rss+xml; charset=utf-8");
        HttpResponse<String> atom = get("/news.feed");
        assertThat(atom.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");

        var rssFeed = new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(rss.body()));
        assertThat(rssFeed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(rssFeed.getEntries())
                .extracting(e -> e.getTitle())
                .contains("\"Quotes\", 'apostrophes' & <tags> in a title", "Überall: Unicode in feeds — 日本語 too");
        var atomFeed = new com.rometools.rome.io.SyndFeedInput().build(new java.io.StringReader(atom.body()));
        assertThat(atomFeed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(atomFeed.getEntries()).hasSize(rssFeed.getEntries().size());

        // An independent parser (the JDK's DOM, external entities off) finds the required elements.
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var rssDoc = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(rss.body().getBytes("UTF-8")));
        assertThat(rssDoc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        var channel =
                (org.w3c.dom.Element) rssDoc.getElementsByTagName("channel").item(0);
        for (String required : new String[] {"title", "link", "description"}) {
            assertThat(channel.getElementsByTagName(required).getLength())
                    .as("channel/" + required)
                    .isPositive();
        }
        assertThat(rssDoc.getElementsByTagName("item").getLength()).isEqualTo(4);
        var atomDoc = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(atom.body().getBytes("UTF-8")));
        String ns = "http://www.w3.org/2005/Atom";
        assertThat(atomDoc.getDocumentElement().getNamespaceURI()).isEqualTo(ns);
        for (String required : new String[] {"id", "title", "updated"}) {
            assertThat(atomDoc.getElementsByTagNameNS(ns, required).getLength())
                    .as("feed/" + required)
                    .isPositive();
        }
        assertThat(atomDoc.getElementsByTagNameNS(ns, "entry").getLength()).isEqualTo(4);
        assertThat(rss.body()).contains("&amp; &lt;tags&gt;").doesNotContain("& <tags>");
    }

    @Test
    void feedsAnswerConditionalRequestsWith304() throws Exception {
        HttpResponse<String> first = get("/news.rss");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        var byTag = client.send(
                HttpRequest.newBuilder(uri("/news.rss"))
                        .header("If-None-Match", etag)
                        .build(),
                BodyHandlers.ofString());
        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        var byDate = client.send(
                HttpRequest.newBuilder(uri("/news.feed"))
                        .header("If-Modified-Since", lastModified)
                        .build(),
                BodyHandlers.ofString());
        assertThat(byDate.statusCode()).isEqualTo(304);
        var stale = client.send(
                HttpRequest.newBuilder(uri("/news.rss"))
                        .header("If-None-Match", "\"other\"")
                        .build(),
                BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(200);
    }

    @Test
    void newsAspxFillsTheMasterPageWithTheUserControlAndOneRepeaterRowPerNewsRow() throws Exception {
        HttpResponse<String> r = get("/news.aspx");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String page = r.body();
        var titles = new java.util.ArrayList<String>();
        try (var c = site.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT title FROM news ORDER BY published DESC")) {
            while (rs.next()) {
                titles.add(rs.getString(1));
            }
        }
        assertThat(titles).as("news rows in the database").isNotEmpty();
        assertThat(page)
                .as("the master page: title, stylesheet, header, form and footer")
                .contains("<title>News</title>")
                .contains("<link href=\"css/site.css\" rel=\"stylesheet\" />")
                .contains("<header id=\"site-header\">")
                .contains("<h1>News &middot; Conduit demo</h1>")
                .contains("<a id=\"HomeLink\" href=\"./\">Back to the home page</a>")
                .contains("<form method=\"post\" action=\"./news.aspx\" id=\"form1\">")
                .contains("Served by Conduit &middot; rendered from <code>Site.master</code>");
        assertThat(page)
                .as("the user control, its Heading set in the page's markup")
                .contains("<h2>Latest news from the database</h2>")
                .containsPattern("<time>\\d\\d:\\d\\d:\\d\\d</time>");
        assertThat(java.util.regex.Pattern.compile("<li class=\"news-item\"")
                        .matcher(page)
                        .results()
                        .count())
                .as("one Repeater item per news row")
                .isEqualTo(titles.size());
        assertThat(java.util.regex.Pattern.compile("<li class=\"separator\"")
                        .matcher(page)
                        .results()
                        .count())
                .as("a separator between items")
                .isEqualTo(titles.size() - 1);
        int at = page.indexOf("<ul class=\"news\">");
        assertThat(at).as("the header template").isPositive();
        for (String title : titles) {
            int next = page.indexOf(">" + dev.conduit.HttpUtility.htmlEncode(title) + "</a>", at);
            assertThat(next)
                    .as("the linked, encoded title '" + title + "', in the database's order")
                    .isGreaterThan(at);
            at = next;
        }
        assertThat(page.indexOf("</ul>", at))
                .as("the footer template, after the items")
                .isGreaterThan(at);
        assertThat(page).contains("&lt;tags&gt;").doesNotContain("<tags>");
    }

    @Test
    void theMasterPageAndTheUserControlAreNeverServedThemselves() throws Exception {
        for (String path : new String[] {"/Site.master", "/controls/NewsHeader.ascx"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("runat=\"server\"");
        }
    }

    @Test
    void aThousandConcurrentAggregatesCompleteWithoutAThreadPerRequest() throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        var all = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        HttpClient many = HttpClient.newBuilder()
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
        for (int i = 0; i < 1000; i++) {
            all.add(many.sendAsync(HttpRequest.newBuilder(uri("/aggregate")).build(), BodyHandlers.ofString()));
        }
        int peak = before;
        while (!all.stream().allMatch(java.util.concurrent.CompletableFuture::isDone)) {
            peak = Math.max(peak, threads.getThreadCount());
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        for (var f : all) {
            HttpResponse<String> r = f.join();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("both fetched concurrently");
        }
        // Platform threads stay flat: each waiting request holds no thread (virtual threads are not counted here).
        assertThat(peak - before).as("platform threads added under load").isLessThan(50);
    }

    @Test
    void theFileStoreFactoryReadsForEveryoneAndWritesForSignedInUsers() throws Exception {
        HttpClient noRedirects = HttpClient.newHttpClient();
        var anonymousPut = noRedirects.send(
                HttpRequest.newBuilder(uri("/files/it-note.txt"))
                        .PUT(BodyPublishers.ofString("x"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(anonymousPut.statusCode()).isEqualTo(302);
        assertThat(anonymousPut.headers().firstValue("Location"))
                .hasValue("/login.ashx?ReturnUrl=%2Ffiles%2Fit-note.txt");

        var login = noRedirects.send(
                HttpRequest.newBuilder(uri("/login.ashx?ReturnUrl=/files/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("user=demo&password=demo"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> !c.startsWith("ASP.NET_SessionId"))
                .findFirst()
                .orElseThrow()
                .split(";")[0];
        var put = noRedirects.send(
                HttpRequest.newBuilder(uri("/files/it-note.txt"))
                        .header("Cookie", cookie)
                        .PUT(BodyPublishers.ofString("stored by the test"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(put.statusCode()).isIn(201, 204);
        assertThat(get("/files/it-note.txt").body()).isEqualTo("stored by the test");
        assertThat(get("/files/").body()).contains("it-note.txt");
        assertThat(get("/files/..%2Fweb.config").statusCode()).isEqualTo(400);
        var delete = noRedirects.send(
                HttpRequest.newBuilder(uri("/files/it-note.txt"))
                        .header("Cookie", cookie)
                        .DELETE()
                        .build(),
                BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(get("/files/it-note.txt").statusCode()).isEqualTo(404);
        var wrongPassword = noRedirects.send(
                HttpRequest.newBuilder(uri("/login.ashx"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("user=demo&password=nope"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(wrongPassword.statusCode()).isEqualTo(200);
        assertThat(wrongPassword.body()).contains("do not match");
    }

    /** The hidden fields of a server form, then {@code fields}, as a browser posts them, URL-encoded. */
    private static String postBody(String page, String... fields) {
        var values = new java.util.LinkedHashMap<String, String>();
        var hidden = java.util.regex.Pattern.compile(
                        "<input type=\"hidden\" name=\"([^\"]*)\" id=\"[^\"]*\" value=\"([^\"]*)\" />")
                .matcher(page);
        while (hidden.find()) {
            values.put(hidden.group(1), dev.conduit.HttpUtility.htmlDecode(hidden.group(2)));
        }
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        StringBuilder body = new StringBuilder();
        values.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static HttpResponse<String> postForm(String path, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString(body))
                        .build(),
                BodyHandlers.ofString());
    }

    @Test
    void theGuestBookValidatesOnTheServerRefusesForgedValuesAndRedirectsAfterSigning() throws Exception {
        String page = get("/guestbook.aspx").body();
        assertThat(page)
                .contains("<form method=\"post\" action=\"./guestbook.aspx\" id=\"form1\">")
                .contains("<option selected=\"selected\" value=\"\">Choose a topic</option>")
                .contains("<option value=\"Pages\">Pages</option>");
        String[] filled = {
            "ctl00$Main$Name",
            "Grace",
            "ctl00$Main$Email",
            "",
            "ctl00$Main$Topic",
            "Handlers",
            "ctl00$Main$Message",
            "Hello",
            "ctl00$Main$Sign",
            "Sign"
        };

        // a topic the page never offered: refused by event validation before anything is stored
        String[] forged = filled.clone();
        forged[5] = "Hacked";
        HttpResponse<String> refused = postForm("/guestbook.aspx", postBody(page, forged));
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("Invalid postback or callback argument");

        // a message longer than the column: the CustomValidator says so, nothing is stored
        String[] tooLong = filled.clone();
        tooLong[7] = "x".repeat(GuestBook.MAX_MESSAGE + 1);
        HttpResponse<String> invalid = postForm("/guestbook.aspx", postBody(page, tooLong));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(200);
        assertThat(invalid.body()).contains("<li>A message has at most 1000 characters.</li>");

        HttpResponse<String> signed = postForm("/guestbook.aspx", postBody(page, filled));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(302);
        String location = signed.headers().firstValue("Location").orElseThrow();
        assertThat(location).containsPattern("guestbook\\.aspx\\?signed=\\d+$");
        try (var c = site.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT name, topic, message FROM guestbook")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3))
                    .isEqualTo("Grace/Handlers/Hello");
            assertThat(rs.next()).as("exactly one entry").isFalse();
        }
    }

    @Test
    void theNewsServiceAnswersSoapJsonAndItsHelpPageFromTheDatabase() throws Exception {
        String ns = "http://conduit.dev/demo/news/";
        HttpResponse<String> soap = client.send(
                HttpRequest.newBuilder(uri("/News.asmx"))
                        .header("Content-Type", "text/xml; charset=utf-8")
                        .header("SOAPAction", "\"" + ns + "LatestNews\"")
                        .POST(BodyPublishers.ofString("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/"
                                + "envelope/\"><soap:Body><LatestNews xmlns=\"" + ns + "\"><count>2</count>"
                                + "</LatestNews></soap:Body></soap:Envelope>"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(soap.statusCode()).as(soap.body()).isEqualTo(200);
        String newest;
        try (var c = site.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT title FROM news ORDER BY published DESC")) {
            rs.next();
            newest = rs.getString(1);
        }
        assertThat(soap.body())
                .contains("<LatestNewsResponse xmlns=\"" + ns + "\"><LatestNewsResult><NewsItem><id>")
                .contains("<title>"
                        + newest.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</title>");
        assertThat(soap.body().split("<NewsItem>", -1)).hasSize(3); // two items

        HttpResponse<String> missing = client.send(
                HttpRequest.newBuilder(uri("/News.asmx/GetNews"))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"id\":999}"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(missing.headers().firstValue("jsonerror")).hasValue("true");
        assertThat(missing.body()).contains("There is no news item 999.");
        HttpResponse<String> json = client.send(
                HttpRequest.newBuilder(uri("/News.asmx/GetNews"))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"id\":1}"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(json.body())
                .startsWith("{\"d\":{\"__type\":\"NewsService$NewsItem\",\"id\":1,")
                .contains("\"published\":\"\\/Date(");

        HttpResponse<String> help = get("/News.asmx");
        assertThat(help.body())
                .contains("<li><a href=\"News.asmx?op=Attachments\">Attachments</a>")
                .doesNotContain("tempuri");
        assertThat(get("/News.asmx?WSDL").body()).contains("<wsdl:service name=\"NewsService\">");
        assertThat(get("/").body()).contains("<a href=\"News.asmx\">the help page</a>");
    }

    @Test
    void theStatePageCountsPerSessionAndPerApplication() throws Exception {
        HttpClient alice = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        HttpClient bob = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        String a1 = alice.send(HttpRequest.newBuilder(uri("/state.ashx")).build(), BodyHandlers.ofString())
                .body();
        String a2 = alice.send(HttpRequest.newBuilder(uri("/state.ashx")).build(), BodyHandlers.ofString())
                .body();
        String b1 = bob.send(HttpRequest.newBuilder(uri("/state.ashx")).build(), BodyHandlers.ofString())
                .body();
        assertThat(a1).contains("id=\"session-visits\">1<");
        assertThat(a2).contains("id=\"session-visits\">2<");
        assertThat(b1).contains("id=\"session-visits\">1<");
        int app1 = Integer.parseInt(a1.replaceAll("(?s).*application-visits\">(\\d+)<.*", "$1"));
        int app3 = Integer.parseInt(b1.replaceAll("(?s).*application-visits\">(\\d+)<.*", "$1"));
        assertThat(app3).isEqualTo(app1 + 2);
    }

    @Test
    void traceAxdIsOnForLocalRequests() throws Exception {
        get("/plaintext");
        HttpResponse<String> trace = get("/trace.axd");
        assertThat(trace.statusCode()).isEqualTo(200);
        assertThat(trace.body()).contains("Requests to this Application").contains("/plaintext");
    }

    @Test
    void configurationAndProtectedFoldersAreNeverServed() throws Exception {
        assertThat(get("/web.config").statusCode()).isEqualTo(403);
        assertThat(get("/bin/demo-handlers.jar").statusCode()).isEqualTo(404);
        assertThat(get("/App_Data/demo.mv.db").statusCode()).isEqualTo(404);
        HttpResponse<String> put = client.send(
                HttpRequest.newBuilder(uri("/index.html"))
                        .PUT(BodyPublishers.ofString("x"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
