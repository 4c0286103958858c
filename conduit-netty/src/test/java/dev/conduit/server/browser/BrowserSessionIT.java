package dev.conduit.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.ConduitServer;
import dev.conduit.testing.BrowserSession;
import dev.conduit.testing.Chromium;
import dev.conduit.testing.SiteBuilder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BrowserSession on a real socket: a form typed into and posted with a real mouse click to an .ashx that echoes it,
 * links followed, a script that throws, and a screenshot.
 */
class BrowserSessionIT {
    private static final String FORM =
            """
            <!DOCTYPE html>
            <html>
            <head><meta charset="utf-8"><title>Form</title></head>
            <body>
              <h1>Sign the guest book</h1>
              <form method="post" action="echo.ashx">
                <input id="name" name="name" type="text" value="Dr "
                       oninput="document.getElementById('typed').textContent = this.value">
                <button id="send" type="submit">Send</button>
              </form>
              <p id="typed"></p>
              <button id="trusted" type="button"
                      onclick="document.body.dataset.clicked = event.isTrusted">Only a real click is trusted</button>
              <div style="position: relative">
                <button id="covered" type="button">Under a veil</button>
                <div id="veil" style="position: absolute; inset: 0; background: white"></div>
              </div>
              <a id="next" href="next.html">Next page</a>
            </body>
            </html>
            """;

    /** Answers a post with the name it was sent, encoded, and a link back to the form. */
    private static final String ECHO =
            """
            package site;

            import dev.conduit.HttpContext;
            import dev.conduit.HttpHandler;
            import dev.conduit.HttpUtility;

            public class Echo implements HttpHandler {
                @Override
                public void processRequest(HttpContext context) {
                    String name = context.request().form().getFirst("name");
                    context.response().setContentType("text/html");
                    context.response().write("<!DOCTYPE html><html><head><title>Echo</title></head><body>"
                            + "<p id=\\"echo\\">" + context.request().httpMethod() + " name="
                            + HttpUtility.htmlEncode(name) + "</p>"
                            + "<a id=\\"back\\" href=\\"form.html\\">Back to the form</a></body></html>");
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aFormIsTypedIntoAndPostedByAClickAndALinkIsFollowed() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        Path site = SiteBuilder.in(tmp.resolve("site"))
                .file("form.html", FORM)
                .file("next.html", "<!DOCTYPE html><html><body><h1>The next page</h1></body></html>")
                .ashx("echo.ashx", "site.Echo", ECHO)
                .root();
        ConduitServer server = ConduitServer.startLocal(site);
        try (BrowserSession browser = chromium.open()) {
            String base = "http://127.0.0.1:" + server.port();
            browser.navigate(base + "/form.html");
            assertThat(browser.text("h1")).isEqualTo("Sign the guest book");

            // Typed at the end of what the field held, with input events the page sees.
            browser.type("#name", "Ada & <Lovelace> é");
            assertThat(browser.text("#typed")).isEqualTo("Dr Ada & <Lovelace> é");

            // The browser's own click: element.click() would not be trusted, and a covered button cannot be clicked.
            browser.click("#trusted");
            assertThat(browser.evaluate("document.body.dataset.clicked")).isEqualTo("true");
            assertThatThrownBy(() -> browser.click("#covered"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("#covered is covered by <div id=\"veil\"");

            browser.clickAndWaitForLoad("#send");
            assertThat(browser.evaluate("location.pathname")).isEqualTo("/echo.ashx");
            assertThat(browser.text("#echo")).isEqualTo("POST name=Dr Ada & <Lovelace> é");
            assertThat(browser.dom()).contains("POST name=Dr Ada &amp; &lt;Lovelace&gt; é");

            browser.clickAndWaitForLoad("#back");
            assertThat(browser.evaluate("location.pathname")).isEqualTo("/form.html");
            browser.clickAndWaitForLoad("#next");
            assertThat(browser.evaluate("location.href")).isEqualTo(base + "/next.html");
            assertThat(browser.text("h1")).isEqualTo("The next page");

            assertThat(browser.evaluate("6 * 7")).isEqualTo("42");
            assertThat(browser.evaluate("new Promise(r => setTimeout(() => r('later'), 10))"))
                    .isEqualTo("later");
            assertThatThrownBy(() -> browser.evaluate("throw new Error('boom from the page')"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Error: boom from the page");
            assertThatThrownBy(() -> browser.text("#nowhere"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no element matches #nowhere");
            // Port 1 is one Chromium refuses to open; the load of the error page must not count for the next page.
            assertThatThrownBy(() -> browser.navigate("http://127.0.0.1:1/"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("navigating to http://127.0.0.1:1/ failed: net::ERR_UNSAFE_PORT");

            Path png = Path.of("target", "screenshots", "browser-session.png");
            browser.navigate(base + "/form.html");
            browser.screenshot(png);
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            assertThat(bytes.length).isGreaterThan(5_000);
            // The IHDR chunk's width and height: the session's viewport.
            assertThat(ByteBuffer.wrap(bytes, 16, 4).getInt()).isEqualTo(1024);
            assertThat(ByteBuffer.wrap(bytes, 20, 4).getInt()).isEqualTo(768);
            System.out.println("BrowserSession screenshot: " + png.toAbsolutePath());
        } finally {
            server.stop();
        }
    }
}
