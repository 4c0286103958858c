package dev.conduit.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.ConduitServer;
import dev.conduit.testing.Chromium;
import dev.conduit.testing.SiteBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trace.axd in a real browser: the list, a details page with every section, and the waterfall drawn by script. */
class TraceBrowserIT {
    @TempDir
    Path tmp;

    @Test
    void traceAxdRendersInChromiumWithItsWaterfall() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        Path site = SiteBuilder.in(tmp.resolve("site"))
                .systemWeb(
                        """
                            <trace enabled="true"/>
                            <httpHandlers>
                              <add verb="*" path="report.x" type="dev.conduit.server.browser.TraceWritingHandler"/>
                            </httpHandlers>
                        """)
                .root();
        ConduitServer server = ConduitServer.startLocal(site);
        try {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newHttpClient();
            for (String q : new String[] {"?a=1", "?b=%3Cscript%3E"}) {
                client.send(
                        HttpRequest.newBuilder(URI.create(base + "/report.x" + q))
                                .build(),
                        BodyHandlers.discarding());
            }

            String list = chromium.dumpDom(base + "/trace.axd");
            assertThat(list)
                    .contains("Application Trace")
                    .contains("Requests to this Application")
                    .contains("/report.x")
                    .contains("View Details");

            String details = chromium.dumpDom(base + "/trace.axd?id=1");
            assertThat(details)
                    .contains(
                            "id=\"details\"",
                            "id=\"trace-information\"",
                            "id=\"session\"",
                            "id=\"application\"",
                            "id=\"request-cookies\"",
                            "id=\"response-cookies\"",
                            "id=\"headers\"",
                            "id=\"form\"",
                            "id=\"querystring\"",
                            "id=\"server-variables\"")
                    .contains("loading the report", "cache miss")
                    .contains("&lt;script&gt;")
                    .doesNotContain("<script>alert");
            // The waterfall's bars exist only if the page's script ran in the browser: it counts them in data-drawn.
            assertThat(details).containsPattern("id=\"waterfall\"[^>]*data-drawn=\"[1-9][0-9]*\"");
            assertThat(details).contains("class=\"bar\"");

            Path png = Path.of("target", "screenshots", "trace-axd-details.png");
            chromium.screenshot(base + "/trace.axd?id=1", png, 1280, 1600);
            assertThat(png).exists();
            assertThat(Files.size(png)).isGreaterThan(10_000);
            System.out.println("trace.axd screenshot: " + png.toAbsolutePath());
        } finally {
            server.stop();
        }
    }
}
