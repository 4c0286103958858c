package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.server.ConduitServer;
import dev.conduit.testing.BrowserSession;
import dev.conduit.testing.Chromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DefaultButton and DefaultFocus in a real browser: Enter in a field presses the form's (or the panel's) default
 * button rather than the first submit button, which is what a browser's own implicit submission would press; the
 * default focus is where typing goes once the page has loaded.
 */
class DefaultButtonBrowserIT {
    @TempDir
    Path tmp;

    @Test
    void enterPressesTheDefaultButtonOfTheFormOrThePanelAndTheDefaultFocusHasTheFocus() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        Path site = tmp.resolve("site");
        write(
                site,
                "keys.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Clicked(Object s, EventArgs e) { Log.setText("pressed " + ((Control) s).getID()); }
                </script>
                <form id="f" runat="server" DefaultButton="Save" DefaultFocus="Name">
                <asp:Button ID="Other" runat="server" Text="Other" OnClick="Clicked" />
                <asp:TextBox ID="Name" runat="server" />
                <asp:Button ID="Save" runat="server" Text="Save" OnClick="Clicked" />
                <asp:Panel ID="Search" runat="server" DefaultButton="Find">
                  <asp:TextBox ID="Query" runat="server" />
                  <asp:Button ID="Find" runat="server" Text="Find" OnClick="Clicked" />
                </asp:Panel>
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        write(
                site,
                "plain.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Clicked(Object s, EventArgs e) { Log.setText("pressed " + ((Control) s).getID()); }
                </script>
                <form id="f" runat="server">
                <asp:Button ID="Other" runat="server" Text="Other" OnClick="Clicked" />
                <asp:TextBox ID="Name" runat="server" />
                <asp:Button ID="Save" runat="server" Text="Save" OnClick="Clicked" />
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        ConduitServer server = ConduitServer.startLocal(site);
        try (BrowserSession browser = chromium.open()) {
            String base = "http://127.0.0.1:" + server.port();
            // without a default button, Enter presses the form's first submit button: the browser's own rule
            browser.navigate(base + "/plain.aspx");
            browser.type("#Name", "x");
            browser.pressEnterAndWaitForLoad("#Name");
            assertThat(browser.text("#Log")).isEqualTo("pressed Other");

            browser.navigate(base + "/keys.aspx");
            assertThat(browser.dom())
                    .contains("onkeypress=\"javascript:return WebForm_FireDefaultButton(event, 'Save')\"")
                    .contains("<div id=\"Search\" onkeypress=\"javascript:return WebForm_FireDefaultButton(event,"
                            + " 'Find')\">");
            assertThat(browser.evaluate("document.activeElement.id")).isEqualTo("Name");
            browser.type("#Name", "Ada");
            browser.pressEnterAndWaitForLoad("#Name");
            assertThat(browser.text("#Log")).isEqualTo("pressed Save");
            browser.type("#Query", "cats");
            browser.pressEnterAndWaitForLoad("#Query");
            assertThat(browser.text("#Log")).isEqualTo("pressed Find");
        } finally {
            server.stop();
        }
    }

    @Test
    void maintainScrollPositionOnPostBackBringsThePostbackBackWhereTheUserWas() throws Exception {
        Chromium chromium = Chromium.find(tmp).orElse(null);
        assumeTrue(chromium != null, Chromium.MISSING);
        Path site = tmp.resolve("site");
        String page =
                """
                <%@ Page Language="Java" MaintainScrollPositionOnPostback="true" %>
                <form id="f" runat="server">
                <div style="height: 3000px">tall</div>
                <asp:LinkButton ID="Far" runat="server" Text="far down" />
                <div style="height: 3000px">taller</div>
                </form>
                """;
        write(site, "scroll.aspx", page);
        write(site, "plain.aspx", page.replace(" MaintainScrollPositionOnPostback=\"true\"", ""));
        ConduitServer server = ConduitServer.startLocal(site);
        try (BrowserSession browser = chromium.open()) {
            String base = "http://127.0.0.1:" + server.port();
            for (String name : new String[] {"plain", "scroll"}) {
                browser.navigate(base + "/" + name + ".aspx");
                browser.clickAndWaitForLoad("#Far"); // scrolled into view, then __doPostBack
                int y = Integer.parseInt(browser.evaluate("String(Math.round(window.scrollY))"));
                if (name.equals("plain")) {
                    assertThat(y).as("without it, a postback starts at the top").isZero();
                } else {
                    assertThat(y).as("with it, where the link was").isGreaterThan(2000);
                    assertThat(browser.dom()).contains("name=\"__SCROLLPOSITIONY\"");
                }
            }
        } finally {
            server.stop();
        }
    }
}
