package dev.conduit.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request tracing and trace.axd (spec §7). */
class TraceTest {
    private static final String REMOTE = "203.0.113.9";

    @TempDir
    Path site;

    private TestHost start(String trace) throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    %s
                    <httpHandlers>
                      <add verb="*" path="*.t" type="dev.conduit.testing.fixtures.TracingHandler"/>
                    </httpHandlers>
                """
                                .formatted(trace));
        return TestHost.start(site);
    }

    @Test
    void traceAxdIsLocalOnlyAndSaysWhenTracingIsOff() throws Exception {
        try (TestHost host = start("")) {
            TestResponse local = host.get("/trace.axd").send();
            assertThat(local.status()).isEqualTo(500);
            assertThat(local.text()).contains("tracing is not enabled");
            assertThat(host.get("/trace.axd").from(REMOTE).send().status()).isEqualTo(403);
            assertThat(host.get("/sub/trace.axd").from(REMOTE).send().status()).isEqualTo(403);
        }
    }

    @Test
    void listAndDetailsShowEverySectionAndTheWaterfall() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\"/>")) {
            host.get("/a.t?x=1").header("Cookie", "theme=dark").send();
            host.post("/b.t").body("application/x-www-form-urlencoded", "f=2").send();
            host.get("/trace.axd").send(); // never recorded
            TestResponse list = host.get("/trace.axd").send();
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.text())
                    .contains("Application Trace")
                    .contains("[ clear current trace ]")
                    .contains("Remaining: 8");
            assertThat(list.text().indexOf("/b.t"))
                    .as("newest first")
                    .isLessThan(list.text().indexOf("/a.t"));

            TestResponse details = host.get("/trace.axd?id=0").send();
            assertThat(details.text())
                    .contains(
                            "Request Details",
                            "Trace Information",
                            "Pipeline Waterfall",
                            "Session State",
                            "Application State",
                            "Request Cookies Collection",
                            "Response Cookies Collection",
                            "Headers Collection",
                            "Form Collection",
                            "Querystring Collection",
                            "Server Variables")
                    .contains("/a.t")
                    .contains("hello 0")
                    .contains("theme")
                    .contains("ValidateRequest")
                    .contains("DefaultAuthentication")
                    .contains("MapHandler")
                    .contains("Handler (TracingHandler)")
                    .contains("class=\"warn\"");
            assertThat(host.get("/trace.axd?id=99").send().text()).contains("Requests to this Application");
        }
    }

    @Test
    void jsonIsOfferedForTools() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\"/>")) {
            host.get("/a.t?msg=%22quoted%22").send();
            TestResponse list = host.get("/trace.axd?format=json").send();
            assertThat(list.header("Content-Type")).startsWith("application/json");
            assertThat(list.text()).startsWith("{\"remaining\":9,\"requests\":[{\"id\":0,");
            TestResponse one = host.get("/trace.axd?id=0&format=json").send();
            assertThat(one.text()).contains("\"message\":\"\\\"quoted\\\" 0\"").contains("\"steps\":[{\"name\":");
        }
    }

    @Test
    void requestLimitStopsCollectingUntilCleared() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\" requestLimit=\"3\"/>")) {
            for (int i = 1; i <= 5; i++) {
                host.get("/r" + i + ".t").send();
            }
            String list = host.get("/trace.axd").send().text();
            assertThat(list)
                    .contains("/r1.t", "/r2.t", "/r3.t")
                    .doesNotContain("/r4.t", "/r5.t")
                    .contains("Remaining: 0");
            TestResponse clear = host.get("/trace.axd?clear=1").send();
            assertThat(clear.status()).isEqualTo(302);
            assertThat(clear.header("Location")).isEqualTo("/trace.axd");
            host.get("/r6.t").send();
            assertThat(host.get("/trace.axd").send().text()).contains("/r6.t").doesNotContain("/r1.t");
        }
    }

    @Test
    void mostRecentKeepsASlidingWindow() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\" requestLimit=\"3\" mostRecent=\"true\"/>")) {
            for (int i = 1; i <= 5; i++) {
                host.get("/r" + i + ".t").send();
            }
            assertThat(host.get("/trace.axd").send().text())
                    .contains("/r3.t", "/r4.t", "/r5.t")
                    .doesNotContain("/r1.t", "/r2.t");
        }
    }

    @Test
    void localOnlyFalseOpensTraceAxdToRemoteClients() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\" localOnly=\"false\"/>")) {
            assertThat(host.get("/trace.axd").from(REMOTE).send().status()).isEqualTo(200);
        }
    }

    @Test
    void scriptFromTheQueryAHeaderAndAMessageIsShownEncoded() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\"/>")) {
            host.get("/x.t?msg=%3Cscript%3Ealert(1)%3C/script%3E&q=%3Cscript%3Eq%3C/script%3E")
                    .header("X-Evil", "<script>h</script>")
                    .send();
            String details = host.get("/trace.axd?id=0").send().text();
            assertThat(details)
                    .doesNotContain("<script>alert(1)</script>")
                    .doesNotContain("<script>q</script>")
                    .doesNotContain("<script>h</script>")
                    .doesNotContain("boom <b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; 0")
                    .contains("&lt;script&gt;h&lt;/script&gt;")
                    .contains("boom &lt;b&gt;");
        }
    }

    @Test
    void aThousandMessagesAreAllRendered() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\"/>")) {
            host.get("/many.t?n=1000").send();
            String details = host.get("/trace.axd?id=0").send().text();
            assertThat(details).contains("hello 0", "hello 999");
            assertThat(details.split("<td>demo</td>", -1)).hasSize(1002);
        }
    }

    @Test
    void pageOutputAppendsTheTraceToHtmlPages() throws Exception {
        try (TestHost host = start("<trace enabled=\"true\" pageOutput=\"true\"/>")) {
            String page = host.get("/p.t").send().text();
            assertThat(page)
                    .startsWith("<html><body><p>page</p></body></html><div id=\"__asptrace\">")
                    .contains("Response Headers Collection");
            assertThat(host.get("/p.t").from(REMOTE).send().text()).doesNotContain("__asptrace");
        }
    }

    @Test
    void traceMessagesCostNothingWhenTracingIsOff() throws Exception {
        try (TestHost host = start("")) {
            assertThat(host.get("/quiet.t?n=5").send().status()).isEqualTo(200);
        }
    }
}
