package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages over a real socket: the embedded server and the JDK HttpClient on one kept-alive connection. */
class PagesIT {
    @TempDir
    Path site;

    private HttpRuntime runtime;
    private ConduitServer server;
    private HttpClient client;

    @BeforeEach
    void files() {
        write(site, "Site.master", PageSites.MASTER);
        write(
                site,
                "content.aspx",
                """
                <%@ Page Language="Java" MasterPageFile="~/Site.master" Title="Over a socket" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server"><asp:TextBox ID="Name" runat="server" Text='x"y' /></asp:Content>
                """);
    }

    /** Starts the site as its files are now. */
    private void start() {
        runtime = HttpRuntime.start(RuntimeOptions.of(site));
        server = ConduitServer.start(
                runtime,
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() {
        if (server == null) {
            return;
        }
        client.close();
        server.stop(Duration.ofSeconds(1));
        runtime.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aContentPageRendersWithItsMasterAndAspNetNames() throws Exception {
        start();
        HttpResponse<String> r = get("/content.aspx");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValueAsLong("Content-Length"))
                .hasValue(r.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(r.body())
                .contains("<title>Over a socket</title>")
                .contains("<input name=\"ctl00$Main$Name\" type=\"text\" value=\"x&quot;y\" id=\"Main_Name\" />");
    }

    @Test
    void brokenPagesAnswerCleanlyAndTheConnectionStaysUsable() throws Exception {
        write(site, "open.aspx", "<%@ Page Language=\"Java\" %>\n<p><%= 1 + </p>\n");
        Files.writeString(site.resolve("big.aspx"), "<%@ Page Language=\"Java\" %>\n" + "x".repeat(10 << 20));
        write(
                site,
                "throws.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">void Page_Load() { throw new IllegalStateException("secret detail"); }</script>
                """);
        write(
                site,
                "web.config",
                """
                <configuration><system.web><customErrors mode="On"/></system.web></configuration>
                """);
        start();
        for (int i = 0; i < 3; i++) {
            for (String page : List.of("/open.aspx", "/big.aspx", "/throws.aspx")) {
                HttpResponse<String> r = get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(500);
                // customErrors On: what a remote client gets: no source, no message, no stack
                assertThat(r.body())
                        .as(page)
                        .doesNotContain("secret detail")
                        .doesNotContain("<%=")
                        .doesNotContain("IllegalStateException")
                        .doesNotContain("at dev.conduit");
            }
            assertThat(get("/content.aspx").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void traversalInAPageNameNeverLeavesTheSite() throws Exception {
        Path outside = site.getParent().resolve("outside-" + site.getFileName() + ".aspx");
        Files.writeString(outside, "<%@ Page Language=\"Java\" %>SECRET");
        start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (String target : List.of(
                    "/../" + outside.getFileName(),
                    "/%2e%2e/" + outside.getFileName(),
                    "/..%5c" + outside.getFileName())) {
                out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readResponse(in);
                assertThat(head).as(target).doesNotContain("SECRET").doesNotStartWith("HTTP/1.1 200");
            }
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    /** Reads one response with a Content-Length body; returns head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return head.toString();
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void sixtyFourConcurrentFirstRequestsCompileOnceAndAnEditShowsOnTheNextRequest() throws Exception {
        write(site, "controls/Part.ascx", "<%@ Control Language=\"Java\" %>\n<b>version one</b>\n");
        write(
                site,
                "uses.aspx",
                """
                <%@ Page Language="Java" %>
                <%@ Register TagPrefix="uc" TagName="Part" Src="~/controls/Part.ascx" %>
                <div><uc:Part runat="server" /></div>
                """);
        start();
        int before = runtime.compilationCount();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            all.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/uses.aspx"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(90, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<b>version one</b>");
        }
        assertThat(runtime.compilationCount() - before).isEqualTo(1);
        write(site, "controls/Part.ascx", "<%@ Control Language=\"Java\" %>\n<i>version two, edited</i>\n");
        assertThat(get("/uses.aspx").body()).contains("<i>version two, edited</i>");
    }
}
