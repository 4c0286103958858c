package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What pages offer beyond the basics: code files, user controls, masters, binding, configuration, integration. */
class PageFeaturesTest {
    @TempDir
    Path site;

    private TestResponse get(String target) {
        try (TestHost host = TestHost.start(site)) {
            return host.get(target).send();
        }
    }

    private String ok(String target) {
        TestResponse r = get(target);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.text();
    }

    @Test
    void integratedModeServesPagesThroughIisStockEntryAndDefaultDocument() {
        write(site, "web.config", "<configuration><conduit pipelineMode=\"Integrated\"/></configuration>");
        write(site, "Default.aspx", "<%@ Page Language=\"Java\" %>\n<p><%= 6 * 7 %></p>");
        write(site, "part.ascx", "<%@ Control Language=\"Java\" %>\n<p>part</p>");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.runtime().pipelineMode()).isEqualTo(dev.conduit.config.PipelineMode.INTEGRATED);
            assertThat(host.get("/").send().text()).contains("<p>42</p>");
            assertThat(host.get("/Default.aspx").send().text()).contains("<p>42</p>");
            // PageHandlerFactory-Integrated-4.0 takes GET, HEAD, POST and DEBUG only; the rest reaches StaticFile.
            assertThat(host.request("PUT", "/Default.aspx").send().status()).isEqualTo(405);
            // User controls are denied by IIS's request filtering in integrated mode (classic mode: 403).
            assertThat(host.get("/part.ascx").send().status()).isEqualTo(404);
        }
    }

    @Test
    void aCodeFileIsTheBaseClassAndItsFieldsAreAssigned() {
        write(
                site,
                "coded.aspx.java",
                """
                package shop;
                import dev.conduit.web.ui.*;
                import dev.conduit.web.ui.webcontrols.*;
                public class CodedPage extends Page {
                    protected Label Greeting;
                    protected void Page_Load(Object sender, EventArgs e) { Greeting.setText("from the code file"); }
                }
                """);
        write(
                site,
                "coded.aspx",
                """
                <%@ Page Language="Java" CodeFile="coded.aspx.java" Inherits="shop.CodedPage" %>
                <asp:Label ID="Greeting" runat="server" />
                """);
        assertThat(ok("/coded.aspx")).contains("<span id=\"Greeting\">from the code file</span>");
    }

    @Test
    void inheritsNamesAClassInAppCode() {
        write(
                site,
                "App_Code/site/BasePage.java",
                """
                package site;
                public class BasePage extends dev.conduit.web.ui.Page {
                    public String motto() { return "inherited"; }
                }
                """);
        write(site, "inherits.aspx", "<%@ Page Language=\"Java\" Inherits=\"site.BasePage\" %>\n<%= motto() %>\n");
        assertThat(ok("/inherits.aspx")).contains("inherited");
    }

    @Test
    void userControlPropertiesAreSetFromMarkupAndLoadControlWorks() {
        write(
                site,
                "controls/Hello.ascx",
                """
                <%@ Control Language="Java" %>
                <script runat="server">
                  private String name = "nobody";
                  public String getName() { return name; }
                  public void setName(String n) { name = n; }
                  public int Times = 1;
                </script>
                <b><%: ("Hello " + name + " ").repeat(Times).trim() %></b>
                """);
        write(
                site,
                "uc.aspx",
                """
                <%@ Page Language="Java" %>
                <%@ Register TagPrefix="my" TagName="Hello" Src="~/controls/Hello.ascx" %>
                <script runat="server">
                  void Page_Load() { Holder.getControls().add(loadControl("~/controls/Hello.ascx")); }
                </script>
                <div><my:Hello ID="First" runat="server" Name="Ada" Times="2" /></div>
                <asp:PlaceHolder ID="Holder" runat="server" />
                """);
        String text = ok("/uc.aspx");
        assertThat(text).contains("<b>Hello Ada Hello Ada</b>").contains("<b>Hello nobody</b>");
    }

    @Test
    void nestedMastersAndDefaultContentAndTypedMaster() {
        write(
                site,
                "Outer.master",
                """
                <%@ Master Language="Java" %>
                <script runat="server">public String brand() { return "Outer brand"; }</script>
                <html><body><header><%= brand() %></header><asp:ContentPlaceHolder ID="Body" runat="server" /><footer><asp:ContentPlaceHolder ID="Foot" runat="server">default foot</asp:ContentPlaceHolder></footer></body></html>
                """);
        write(
                site,
                "Inner.master",
                """
                <%@ Master Language="Java" MasterPageFile="~/Outer.master" %>
                <asp:Content ContentPlaceHolderID="Body" runat="server"><section><asp:ContentPlaceHolder ID="Main" runat="server" /></section></asp:Content>
                """);
        write(
                site,
                "nested.aspx",
                """
                <%@ Page Language="Java" MasterPageFile="~/Inner.master" %>
                <%@ MasterType VirtualPath="~/Inner.master" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server"><p><%= getMaster().getMaster().getClass().getSimpleName() %></p></asp:Content>
                """);
        assertThat(ok("/nested.aspx").replaceAll("\\s+", ""))
                .contains(
                        "<header>Outerbrand</header><section><p>outer_master</p></section><footer>defaultfoot</footer>");
    }

    @Test
    void dataBindingInAttributesEncodesWithAColonAndEventsBindByName() {
        write(
                site,
                "bind.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  public record Person(String name, int age) {}
                  void Page_Load() { People.setDataSource(List.of(new Person("a<b", 30), new Person("Bo", 41))); People.dataBind(); }
                  void People_ItemDataBound(Object sender, RepeaterItemEventArgs e) {
                      var l = (Label) e.getItem().findControl("Age");
                      l.setCssClass(((Person) e.getItem().getDataItem()).age() > 35 ? "old" : "young");
                  }
                </script>
                <asp:Repeater ID="People" runat="server" OnItemDataBound="People_ItemDataBound">
                <ItemTemplate><asp:Label ID="Age" runat="server" Text='<%#: Eval("name") %>' ToolTip='<%# Eval("age") %>' /><asp:HyperLink runat="server" NavigateUrl="~/x"><%#: Eval("Name") %></asp:HyperLink>
                </ItemTemplate>
                </asp:Repeater>
                """);
        String text = ok("/bind.aspx");
        assertThat(text)
                .contains("<span id=\"People_Age_0\" title=\"30\" class=\"young\">a&lt;b</span>")
                .contains("<span id=\"People_Age_1\" title=\"41\" class=\"old\">Bo</span>")
                .contains(">a&lt;b</a>");
    }

    @Test
    void aMissingEventHandlerMethodIsACompileErrorAtItsLine() {
        write(
                site,
                "noevent.aspx",
                """
                <%@ Page Language="Java" %>
                <asp:Repeater ID="R" runat="server"
                    OnItemDataBound="Nowhere">
                </asp:Repeater>
                """);
        TestResponse r = get("/noevent.aspx");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("/noevent.aspx:3:");
    }

    @Test
    void clientIdModesAndAutomaticIds() {
        write(
                site,
                "ids.aspx",
                """
                <%@ Page Language="Java" ClientIDMode="AutoID" %>
                <form id="f" runat="server">
                <asp:Panel ID="Box" runat="server"><asp:TextBox ID="Name" runat="server" ClientIDMode="Static" /><asp:TextBox runat="server" /></asp:Panel>
                </form>
                """);
        String text = ok("/ids.aspx");
        assertThat(text)
                .contains("<div id=\"Box\">")
                .contains("name=\"Name\" type=\"text\" id=\"Name\"")
                .containsPattern("<input name=\"ctl\\d\\d\" type=\"text\" />");
    }

    @Test
    void commentsIncludesAndTheHeadsLinkAndMeta() {
        write(site, "parts/footer.inc", "<footer><%= \"included\" %></footer>");
        write(
                site,
                "misc.aspx",
                """
                <%@ Page Language="Java" Title="T" %>
                <html><head runat="server"><link rel="stylesheet" href="~/css/a.css" /><meta name="x" content="y" /></head>
                <body><%-- <p>hidden <%= 1/0 %></p> --%><!-- #include file="parts/footer.inc" --></body></html>
                """);
        String text = ok("/misc.aspx");
        assertThat(text)
                .contains("<footer>included</footer>")
                .doesNotContain("hidden")
                .doesNotContain("~/css")
                .contains("css/a.css")
                .contains("<title>T</title>");
    }

    @Test
    void thePagesSectionSetsMasterImportsAndTagPrefixes() {
        write(
                site,
                "web.config",
                """
                <configuration><system.web>
                  <pages masterPageFile="~/Site.master" validateRequest="false">
                    <controls><add tagPrefix="x" tagName="Hi" src="~/Hi.ascx"/></controls>
                    <namespaces><add namespace="java.time"/></namespaces>
                  </pages>
                </system.web></configuration>
                """);
        write(site, "Site.master", PageSites.MASTER);
        write(site, "Hi.ascx", "<%@ Control Language=\"Java\" %><em>hi</em>");
        write(
                site,
                "configured.aspx",
                """
                <%@ Page Language="Java" %>
                <asp:Content ContentPlaceHolderID="Main" runat="server"><x:Hi runat="server" /><%= Year.of(2024).isLeap() %></asp:Content>
                """);
        String text = ok("/configured.aspx");
        assertThat(text).contains("<h1>Header</h1>").contains("<em>hi</em>").contains("true");
    }

    @Test
    void sessionFollowsEnableSessionState() {
        write(site, "with.aspx", "<%@ Page Language=\"Java\" %><%= getSession() != null %>");
        write(
                site,
                "readonly.aspx",
                "<%@ Page Language=\"Java\" EnableSessionState=\"ReadOnly\" %><%= getSession() != null %>");
        write(
                site,
                "without.aspx",
                "<%@ Page Language=\"Java\" EnableSessionState=\"false\" %><%= getSession() == null %>");
        assertThat(ok("/with.aspx").trim()).isEqualTo("true");
        assertThat(ok("/readonly.aspx").trim()).isEqualTo("true");
        assertThat(ok("/without.aspx").trim()).isEqualTo("true");
    }

    @Test
    void defaultAspxIsADefaultDocumentAndFragmentsAreForbidden() {
        write(site, "shop/Default.aspx", "<%@ Page Language=\"Java\" %>shop home");
        write(site, "shop/Part.ascx", "<%@ Control Language=\"Java\" %>part");
        write(site, "shop/Site.master", PageSites.MASTER);
        try (TestHost host = TestHost.start(site)) {
            TestResponse home = host.get("/shop/").send();
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.text()).contains("shop home");
            assertThat(host.get("/shop/Part.ascx").send().status()).isEqualTo(403);
            assertThat(host.get("/shop/Site.master").send().status()).isEqualTo(403);
            assertThat(host.get("/shop/missing.aspx").send().status()).isEqualTo(404);
        }
    }

    @Test
    void responseRedirectFromAPageEndsItWithoutAnError() {
        write(
                site,
                "go.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">void Page_Load() { getResponse().redirect("/elsewhere.aspx"); }</script>
                never rendered
                """);
        TestResponse r = get("/go.aspx");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/elsewhere.aspx");
        assertThat(r.text()).doesNotContain("never rendered");
    }

    @Test
    void theDefaultImportsMakeNoSimpleNameAmbiguous() {
        // Every public type of the default-imported packages, used by simple name, must compile.
        write(
                site,
                "names.aspx",
                """
                <%@ Page Language="Java" %>
                <%
                  Class<?>[] all = { EventArgs.class, WebEventHandler.class, Label.class, Repeater.class, TextBox.class,
                      HtmlGenericControl.class, HtmlForm.class, List.class, Map.class, HttpContext.class, EventHandler.class,
                      HttpUtility.class, Control.class, Page.class, Template.class, Unit.class, Color.class, Image.class,
                      Literal.class, Panel.class, PlaceHolder.class, HyperLink.class, Button.class, HiddenField.class,
                      StateBag.class, DataBinder.class, HtmlTextWriter.class, ClientIDMode.class };
                %><%= all.length %>
                """);
        assertThat(ok("/names.aspx").trim()).isEqualTo("28");
    }

    @Test
    void whatReviewFoundNowWorks() {
        write(site, "App_Code/site/Coded.java", "package site; public class Coded {}");
        write(site, "nopackage.aspx.java", "public class NoPackage extends dev.conduit.web.ui.Page {}");
        write(site, "nopackage.aspx", "<%@ Page Language=\"Java\" CodeFile=\"nopackage.aspx.java\" %>x");
        write(
                site,
                "review.aspx",
                """
                <%@ Language="Java" %>
                <script runat="server">
                  void Page_Unload() { getApplication().set("unloaded", "yes"); }
                </script>
                <html><head runat="server"><meta http-equiv="X-UA-Compatible" content="IE=edge" /></head><body>
                <asp:Label runat="server" data-id="7" aria-label="seven">n=<%= 3 + 4 %></asp:Label>
                <p>before</p><% getResponse().write("<p>written</p>"); %><p>after</p>
                </body></html>
                """);
        write(
                site,
                "away.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Page_Load() { getResponse().redirect("~/review.aspx"); }
                  void Page_Unload() { getApplication().set("awayUnloaded", "yes"); }
                </script>
                """);
        write(site, "flags.aspx", "<%@ Page Language=\"Java\" %><%= getApplication().get(\"awayUnloaded\") %>");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/review.aspx").send();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text())
                    .contains("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />")
                    .contains("<span data-id=\"7\" aria-label=\"seven\">n=7</span>")
                    .contains("<p>before</p><p>written</p><p>after</p>");
            TestResponse away = host.get("/away.aspx").send();
            assertThat(away.status()).isEqualTo(302);
            assertThat(away.header("Location")).isEqualTo("/review.aspx");
            assertThat(host.get("/flags.aspx").send().text().trim()).isEqualTo("yes");
            TestResponse nopackage = host.get("/nopackage.aspx").send();
            assertThat(nopackage.status()).isEqualTo(500);
            assertThat(nopackage.text()).contains("/nopackage.aspx.java:1:").contains("is in no package");
        }
    }

    @Test
    void textOutsideAsciiAndTheResponsesOwnWriterComeOutWhole() throws Exception {
        String big = "é".repeat(3000); // longer than the writer's buffer, two bytes each
        write(
                site,
                "text.aspx",
                "<%@ Page Language=\"Java\" %>\n<p>Grüße, 日本語, 🎉 " + big + "</p>"
                        + "<% getResponse().output().write(\"[writer]\"); %><p>end 🎉</p>\n");
        TestResponse r = get("/text.aspx");
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<p>Grüße, 日本語, 🎉 " + big + "</p>[writer]<p>end 🎉</p>");
    }

    @Test
    void directivesAcceptedOrActedOn() {
        write(
                site,
                "c.ascx",
                """
                <%@ Control Language="Java" %>
                <script runat="server">public String kind() { return "referenced"; }</script>
                """);
        write(
                site,
                "directives.aspx",
                """
                <%@ Page Language="Java" ContentType="text/plain" ValidateRequest="false" CodeBehind="x.cs" Async="true" %>
                <%@ OutputCache Duration="60" VaryByParam="none" %>
                <%@ Implements Interface="java.io.Serializable" %>
                <%@ Reference Control="~/c.ascx" %>
                <%@ Import Namespace="java.time.Year" %>
                <%= (this instanceof java.io.Serializable) + " " + ((asp.c_ascx) loadControl("~/c.ascx")).kind() + " " + Year.of(2000).isLeap() %>
                """);
        TestResponse r = get("/directives.aspx");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.text().trim()).isEqualTo("true referenced true");
    }
}
