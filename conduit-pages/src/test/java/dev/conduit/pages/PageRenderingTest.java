package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages compiled and rendered through the whole pipeline, in memory. */
class PageRenderingTest {
    @TempDir
    Path site;

    private TestResponse get(String target) {
        try (TestHost host = TestHost.start(site)) {
            return host.get(target).send();
        }
    }

    @Test
    void aPageWithInlineCodeRenders() {
        write(
                site,
                "hello.aspx",
                """
                <%@ Page Language="Java" Title="Greeting" %>
                <script runat="server">
                  void Page_Load(Object sender, EventArgs e) { Greeting.setText("Hello from Load"); }
                </script>
                <html><head runat="server"></head><body>
                <asp:Label ID="Greeting" runat="server" />
                <p><%= 6 * 7 %> <%: "<script>alert(1)</script>" %></p>
                </body></html>
                """);
        TestResponse r = get("/hello.aspx");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text())
                .contains("<head><title>Greeting</title></head>")
                .contains("<span id=\"Greeting\">Hello from Load</span>")
                .contains("<p>42 &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    }

    @Test
    void aRepeaterOverThreeItemsWithASeparator() {
        write(
                site,
                "list.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  public record Item(String name) {}
                  void Page_Load() { Items.setDataSource(List.of(new Item("a"), new Item("b<"), new Item("c"))); Items.dataBind(); }
                </script>
                <asp:Repeater ID="Items" runat="server">
                <HeaderTemplate>[</HeaderTemplate>
                <ItemTemplate><%#: Eval("Name") %>#<%# Container.getItemIndex() %></ItemTemplate>
                <SeparatorTemplate>,</SeparatorTemplate>
                <FooterTemplate>]</FooterTemplate>
                </asp:Repeater>
                """);
        TestResponse r = get("/list.aspx");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text().trim()).isEqualTo("[a#0,b&lt;#1,c#2]");
    }

    @Test
    void aContentPageFillsItsMasterAndNamesControlsAsAspNet() {
        write(site, "Site.master", PageSites.MASTER);
        write(
                site,
                "content.aspx",
                """
                <%@ Page Language="Java" MasterPageFile="~/Site.master" Title="Content" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server"><asp:TextBox ID="Name" runat="server" /></asp:Content>
                """);
        TestResponse r = get("/content.aspx");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text())
                .contains("<title>Content</title>")
                .contains("name=\"ctl00$Main$Name\"")
                .contains("id=\"Main_Name\"")
                .contains("default side")
                .doesNotContain("default main");
    }
}
