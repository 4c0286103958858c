package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.LoaderTracker;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compilation: errors named by markup file and line, recompilation on change, one compile under concurrency. */
class PageCompilationTest {
    @TempDir
    Path site;

    @Test
    void aCompileErrorNamesTheAspxLineAndShowsItsSource() {
        write(
                site,
                "bad.aspx",
                """
                <%@ Page Language="Java" %>
                <html>
                <body>
                <p><%= undefinedVariable + 1 %></p>
                </body>
                </html>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/bad.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("/bad.aspx:4:").contains("undefinedVariable + 1");
        }
    }

    @Test
    void aRemoteClientSeesNoSourceOfAFailingPage() {
        write(site, "bad.aspx", "<%@ Page Language=\"Java\" %>\n<p><%= secretVariableName %></p>\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/bad.aspx").from("203.0.113.9").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain("secretVariableName").doesNotContain("bad.aspx:2");
        }
    }

    @Test
    void anUnterminatedCodeBlockIsAParseErrorWithItsLine() {
        write(site, "open.aspx", "<%@ Page Language=\"Java\" %>\n<p>fine</p>\n<p><%= 1 + </p>\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/open.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("/open.aspx:3:").contains("is not terminated");
        }
    }

    @Test
    void anotherLanguageIsRefusedWithAMessageThatSaysPagesAreJava() {
        write(site, "cs.aspx", "<%@ Page Language=\"C#\" %>\n<p>hi</p>\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/cs.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text())
                    .contains("/cs.aspx:1:")
                    .contains("Language=&quot;C#&quot; is not supported")
                    .contains("written in Java");
        }
    }

    @Test
    void aMisspelledDirectiveAttributeIsAnErrorWithItsLine() {
        write(site, "typo.aspx", "<%@ Page Language=\"Java\"\n    AutoEventWirup=\"false\" %>\n<p>hi</p>\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/typo.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("/typo.aspx:2:").contains("unknown attribute &#39;AutoEventWirup&#39;");
        }
    }

    @Test
    void anUnknownContentPlaceHolderIdIsAnErrorNamingIt() {
        write(site, "Site.master", PageSites.MASTER);
        write(
                site,
                "wrong.aspx",
                """
                <%@ Page Language="Java" MasterPageFile="~/Site.master" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server">ok</asp:Content>
                <asp:Content ContentPlaceHolderID="Sidebar" runat="server">nowhere</asp:Content>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/wrong.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text())
                    .contains("/wrong.aspx:3:")
                    .contains(
                            "Cannot find ContentPlaceHolder &#39;Sidebar&#39; in the master page &#39;/Site.master&#39;");
        }
    }

    @Test
    void aPageFileOfTenMegabytesIsRefusedClearly() throws Exception {
        Path big = site.resolve("big.aspx");
        Files.writeString(big, "<%@ Page Language=\"Java\" %>\n" + "x".repeat(10 * 1024 * 1024));
        try (TestHost host = TestHost.start(site)) {
            long start = System.nanoTime();
            TestResponse r = host.get("/big.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("limited to 1048576 bytes");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                    .isLessThan(10);
        }
    }

    @Test
    void aPageNameWithTraversalNeverReachesAFileOutsideTheSite() throws Exception {
        Path outside = site.getParent().resolve("outside-" + site.getFileName() + ".aspx");
        Files.writeString(outside, "<%@ Page Language=\"Java\" %>\nSECRET");
        try (TestHost host = TestHost.start(site)) {
            for (String target : List.of(
                    "/../" + outside.getFileName(), "/%2e%2e/" + outside.getFileName(),
                    "/x/..%2f..%2f" + outside.getFileName(), "/..%5c" + outside.getFileName())) {
                TestResponse r = host.get(target).send();
                assertThat(r.status()).as(target).isIn(400, 404);
                assertThat(r.text()).as(target).doesNotContain("SECRET");
            }
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void sixtyFourConcurrentFirstRequestsCompileThePageOnce() throws Exception {
        write(site, "Site.master", PageSites.MASTER);
        write(
                site,
                "busy.aspx",
                """
                <%@ Page Language="Java" MasterPageFile="~/Site.master" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server"><%= "busy" %></asp:Content>
                """);
        try (TestHost host = TestHost.start(site)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<TestResponse>> all = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return host.get("/busy.aspx").send();
                }));
            }
            go.countDown();
            for (CompletableFuture<TestResponse> f : all) {
                TestResponse r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.text()).contains("busy");
            }
            assertThat(host.runtime().compilationCount()).isEqualTo(1);
        }
    }

    @Test
    void aUserControlEditedWhileTheSiteRunsShowsTheEditOnTheNextRequest() {
        write(site, "controls/Greeting.ascx", "<%@ Control Language=\"Java\" %>\n<b>first version</b>\n");
        write(
                site,
                "uses.aspx",
                """
                <%@ Page Language="Java" %>
                <%@ Register TagPrefix="uc" TagName="Greeting" Src="~/controls/Greeting.ascx" %>
                <div><uc:Greeting runat="server" /></div>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/uses.aspx").send().text()).contains("<b>first version</b>");
            write(
                    site,
                    "controls/Greeting.ascx",
                    "<%@ Control Language=\"Java\" %>\n<i>the second, longer version</i>\n");
            assertThat(host.get("/uses.aspx").send().text())
                    .contains("<i>the second, longer version</i>")
                    .doesNotContain("first version");
        }
    }

    @Test
    void oldClassLoadersAreCollectedAfterAPageIsEditedTwoHundredTimes() throws Exception {
        LoaderTracker.reset();
        try (TestHost host = TestHost.start(site)) {
            for (int i = 0; i < 200; i++) {
                write(
                        site,
                        "edited.aspx",
                        "<%@ Page Language=\"Java\" %>\n<script runat=\"server\">\n"
                                + "void Page_Load() throws Exception { Class.forName(\"dev.conduit.testing.LoaderTracker\")"
                                + ".getMethod(\"track\", Object.class).invoke(null, this); }\n</script>\nversion " + i
                                + "\n"
                                + " ".repeat(i));
                TestResponse r = host.get("/edited.aspx").send();
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.text()).contains("version " + i);
            }
            assertThat(LoaderTracker.recorded()).isEqualTo(200);
            assertThat(LoaderTracker.live()).isLessThanOrEqualTo(2);
        }
    }
}
