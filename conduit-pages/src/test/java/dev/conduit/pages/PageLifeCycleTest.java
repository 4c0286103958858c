package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page life cycle in System.Web's order, across a master page, a user control and the page. */
class PageLifeCycleTest {
    private static final List<String> PAGE_EVENTS = List.of(
            "PreInit",
            "Init",
            "InitComplete",
            "PreLoad",
            "Load",
            "LoadComplete",
            "PreRender",
            "PreRenderComplete",
            "SaveStateComplete",
            "Unload");

    @TempDir
    Path site;

    private static final String RECORD =
            """
            <script runat="server">
              void log(String s) {
                  var ctx = getPage().getContext();
                  @SuppressWarnings("unchecked") List<String> l = (List<String>) ctx.items().computeIfAbsent("log", k -> new ArrayList<String>());
                  l.add(s);
              }
              void Page_Init() { log("%1$s.Init"); }
              void Page_Load() { log("%1$s.Load"); }
              void Page_PreRender() { log("%1$s.PreRender"); }
              void Page_Unload() { log("%1$s.Unload"); }
            %2$s
            </script>
            """;

    @Test
    void eventsRunInSystemWebsOrderChildrenFirstForInitAndUnload() {
        write(
                site,
                "Site.master",
                "<%@ Master Language=\"Java\" %>\n" + RECORD.formatted("master", "")
                        + "<html><body><asp:ContentPlaceHolder ID=\"Main\" runat=\"server\" /></body></html>\n");
        write(
                site,
                "Part.ascx",
                "<%@ Control Language=\"Java\" %>\n" + RECORD.formatted("control", "") + "<i>part</i>\n");
        String pageEvents =
                """
                  void Page_PreInit() { getContext().items().put("log", new ArrayList<String>(List.of("page.PreInit"))); }
                  void Page_InitComplete() { log("page.InitComplete"); }
                  void Page_PreLoad() { log("page.PreLoad"); }
                  void Page_LoadComplete() { log("page.LoadComplete"); }
                  void Page_PreRenderComplete() { log("page.PreRenderComplete"); }
                  void Page_SaveStateComplete() { log("page.SaveStateComplete"); }
                """;
        write(
                site,
                "order.aspx",
                "<%@ Page Language=\"Java\" MasterPageFile=\"~/Site.master\" %>\n"
                        + "<%@ Register TagPrefix=\"uc\" TagName=\"Part\" Src=\"~/Part.ascx\" %>\n"
                        + RECORD.formatted("page", pageEvents)
                        + "<asp:Content ContentPlaceHolderID=\"Main\" runat=\"server\"><uc:Part runat=\"server\" /></asp:Content>\n");
        write(
                site,
                "Global.asax",
                """
                <%@ Application Language="Java" Inherits="site.Global" %>
                """);
        write(
                site,
                "App_Code/site/Global.java",
                """
                package site;
                public class Global extends dev.conduit.HttpApplication {
                    @Override public void init() {
                        on(dev.conduit.PipelineEvent.END_REQUEST, c -> {
                            Object log = c.items().get("log");
                            if (log != null) c.response().appendHeader("X-Log", String.join(",", (java.util.List<String>) log));
                        });
                    }
                }
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/order.aspx").send();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(List.of(r.header("X-Log").split(",")))
                    .containsExactly(
                            "page.PreInit",
                            "control.Init",
                            "master.Init",
                            "page.Init",
                            "page.InitComplete",
                            "page.PreLoad",
                            "page.Load",
                            "master.Load",
                            "control.Load",
                            "page.LoadComplete",
                            "page.PreRender",
                            "master.PreRender",
                            "control.PreRender",
                            "page.PreRenderComplete",
                            "page.SaveStateComplete",
                            "control.Unload",
                            "master.Unload",
                            "page.Unload");
        }
    }

    @Test
    void aPageThatThrowsInAnyEventAnswers500AndPageErrorSeesIt() {
        for (String event : PAGE_EVENTS) {
            write(
                    site,
                    "throws" + event + ".aspx",
                    """
                    <%@ Page Language="Java" %>
                    <script runat="server">
                      void Page_EVENT() { throw new IllegalStateException("boom in EVENT"); }
                      void Page_Error() { getApplication().set("pageError", getContext().error().getMessage()); }
                    </script>
                    <p>never complete</p>
                    """
                            .replace("EVENT", event));
        }
        write(site, "read.aspx", "<%@ Page Language=\"Java\" %><%= getApplication().get(\"pageError\") %>");
        try (TestHost host = TestHost.start(site)) {
            for (String event : PAGE_EVENTS) {
                TestResponse r = host.get("/throws" + event + ".aspx")
                        .from("203.0.113.7")
                        .send();
                assertThat(r.status()).as(event).isEqualTo(500);
                assertThat(r.text()).as(event).doesNotContain("boom").doesNotContain("IllegalStateException");
                // As System.Web: Unload runs after the page's Error event (ProcessRequestCleanup), which so never
                // sees Unload's own exception
                assertThat(host.get("/read.aspx").send().text().trim())
                        .as(event)
                        .isEqualTo(event.equals("Unload") ? "boom in SaveStateComplete" : "boom in " + event);
            }
        }
    }

    @Test
    void pageErrorThatClearsTheErrorKeepsThePagesResponse() {
        write(
                site,
                "cleared.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Page_Load() { throw new IllegalStateException("handled"); }
                  void Page_Error() { getServer().clearError(); getResponse().write("recovered"); }
                </script>
                <p>body</p>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/cleared.aspx").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("recovered");
        }
    }

    @Test
    void eachStepIsWrittenToTheTraceUnderAspxPage() {
        write(site, "traced.aspx", "<%@ Page Language=\"Java\" Trace=\"true\" %>\n<p>traced</p>\n");
        write(
                site,
                "web.config",
                """
                <configuration><system.web><trace enabled="true" pageOutput="false" localOnly="true"/></system.web></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/traced.aspx").send().status()).isEqualTo(200);
            String trace = host.get("/trace.axd?id=0").send().text();
            assertThat(trace).contains("aspx.page");
            int last = -1;
            for (String step : List.of(
                    "Begin PreInit",
                    "End PreInit",
                    "Begin Init",
                    "End Init",
                    "Begin Load",
                    "End Load",
                    "Begin PreRender",
                    "Begin Render",
                    "End Render",
                    "Begin Unload",
                    "End Unload")) {
                int at = trace.indexOf(step);
                assertThat(at).as(step).isGreaterThan(last);
                last = at;
            }
        }
    }
}
