package demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.ConduitServer;
import dev.conduit.testing.BrowserSession;
import dev.conduit.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * guestbook.aspx in a real browser, driven as a user would: headless Chromium over the DevTools protocol clicks Sign
 * with the form empty (the validators' messages appear), fills it in and signs (the entry is in the database and the
 * page after the redirect), then clicks the entry's Delete link button (a {@code __doPostBack} round trip). Screenshots
 * of each step are left in {@code target/guestbook-*.png} to look at.
 */
class GuestBookBrowserIT {
    @TempDir
    Path tmp;

    @Test
    void theGuestBookIsValidatedSignedAndCleanedUpByClicking() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        try (DemoSiteCopy site = DemoSiteCopy.create()) {
            ConduitServer server = ConduitServer.startLocal(site.root());
            try (BrowserSession browser = chromium.open()) {
                String base = "http://127.0.0.1:" + server.port();
                browser.navigate(base + "/");
                browser.clickAndWaitForLoad("a[href='guestbook.aspx']");
                assertThat(browser.evaluate("location.pathname")).isEqualTo("/guestbook.aspx");
                assertThat(browser.text("main")).contains("Nobody has signed yet");
                screenshot(browser, "guestbook-1-empty.png");

                // Sign with nothing filled in: the page comes back with the summary and each validator's mark
                browser.clickAndWaitForLoad("#Main_Sign");
                assertThat(browser.text("#Main_Summary"))
                        .contains("Please correct the following:")
                        .contains("Your name is required.")
                        .contains("Choose a topic.")
                        .contains("Write a message.")
                        .doesNotContain("e-mail"); // an empty e-mail is fine: it is optional
                assertThat(browser.text("main")).doesNotContain("Thank you");
                assertThat(browser.evaluate(
                                "getComputedStyle(document.getElementById('Main_NameRequired')).visibility"))
                        .isEqualTo("visible");
                assertThat(rows(site)).isZero();
                screenshot(browser, "guestbook-2-invalid.png");

                // a bad e-mail only: what was typed stays (view state and post data), only that message shows
                browser.type("#Main_Name", "Ada <Lovelace>");
                browser.type("#Main_Email", "not-an-address");
                browser.evaluate("document.getElementById('Main_Topic').value = 'Pages'");
                browser.type("#Main_Message", "Postback & view state work.");
                browser.clickAndWaitForLoad("#Main_Sign");
                assertThat(browser.text("#Main_Summary"))
                        .contains("That is not an e-mail address.")
                        .doesNotContain("Your name is required.");
                assertThat(browser.evaluate("document.getElementById('Main_Name').value"))
                        .isEqualTo("Ada <Lovelace>");
                assertThat(browser.evaluate("document.getElementById('Main_Topic').value"))
                        .isEqualTo("Pages");
                assertThat(rows(site)).isZero();

                browser.evaluate("document.getElementById('Main_Email').value = ''");
                browser.type("#Main_Email", "ada@example.org");
                browser.clickAndWaitForLoad("#Main_Sign");
                // Post/Redirect/Get: a GET of the page with the new entry's id
                assertThat(browser.evaluate("location.search")).startsWith("?signed=");
                assertThat(browser.text("main"))
                        .contains("Thank you for signing!")
                        .contains("Ada <Lovelace>")
                        .contains("on Pages")
                        .contains("Postback & view state work.")
                        .doesNotContain("ada@example.org");
                assertThat(browser.evaluate("document.getElementById('Main_Name').value"))
                        .isEmpty();
                assertThat(rows(site)).isEqualTo(1);
                screenshot(browser, "guestbook-3-signed.png");

                // the entry's Delete: a link button posting back through __doPostBack, the Repeater's ItemCommand
                assertThat(browser.evaluate("document.querySelector('.entry .delete').getAttribute('href')"))
                        .startsWith("javascript:__doPostBack(");
                browser.clickAndWaitForLoad(".entry .delete");
                assertThat(browser.text("main"))
                        .contains("The entry was deleted.")
                        .contains("Nobody has signed yet")
                        .doesNotContain("Ada <Lovelace>")
                        .doesNotContain("Thank you"); // the thanks belong to the GET after signing only
                assertThat(browser.evaluate("document.querySelectorAll('#Main_Summary li').length"))
                        .isEqualTo("0"); // Delete does not validate the empty form
                assertThat(rows(site)).isZero();
                screenshot(browser, "guestbook-4-deleted.png");
            } finally {
                server.stop();
            }
        }
    }

    private static long rows(DemoSiteCopy site) throws SQLException {
        try (Connection c = site.connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM guestbook")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void screenshot(BrowserSession browser, String name) throws Exception {
        Path png = Path.of("target", name);
        Files.deleteIfExists(png);
        browser.screenshot(png);
        assertThat(Files.size(png)).isGreaterThan(10_000);
        System.out.println("guestbook screenshot: " + png.toAbsolutePath());
    }
}
