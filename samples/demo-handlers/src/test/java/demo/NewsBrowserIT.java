package demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.ConduitServer;
import dev.conduit.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * news.aspx in a real browser: headless Chromium loads it from a {@link DemoSiteCopy} served over a real socket, the
 * DOM it built holds the master page's header and footer, the user control's heading and one Repeater row per news
 * row of the database, and a screenshot is left at {@code target/news.png} to look at.
 */
class NewsBrowserIT {
    @TempDir
    Path tmp;

    @Test
    void newsAspxRendersInChromiumWithMasterUserControlAndOneRowPerNewsItem() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        try (DemoSiteCopy site = DemoSiteCopy.create()) {
            ConduitServer server = ConduitServer.startLocal(site.root());
            try {
                String url = "http://127.0.0.1:" + server.port() + "/news.aspx";
                String dom = chromium.dumpDom(url);

                long rows;
                try (Connection c = site.connect();
                        Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM news")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                assertThat(rows).as("news rows in the database").isPositive();

                assertThat(dom)
                        .as("the DOM Chromium built")
                        .contains("<title>News</title>")
                        .contains("<header id=\"site-header\">")
                        .contains("News · Conduit demo")
                        .contains("Back to the home page")
                        .contains("<h2>Latest news from the database</h2>")
                        .contains("<footer id=\"site-footer\">")
                        .contains("Served by Conduit")
                        .contains("&lt;tags&gt;")
                        .doesNotContain("<tags>");
                assertThat(Pattern.compile("<li class=\"news-item\"")
                                .matcher(dom)
                                .results()
                                .count())
                        .as("Repeater rows")
                        .isEqualTo(rows);
                assertThat(Pattern.compile("<li class=\"separator\"")
                                .matcher(dom)
                                .results()
                                .count())
                        .as("separators between the rows")
                        .isEqualTo(rows - 1);

                Path png = Path.of("target", "news.png");
                Files.deleteIfExists(png);
                chromium.screenshot(url, png, 1200, 900);
                assertThat(png).exists();
                assertThat(Files.size(png)).isGreaterThan(10_000);
                System.out.println("news.aspx screenshot: " + png.toAbsolutePath());
            } finally {
                server.stop();
            }
        }
    }
}
