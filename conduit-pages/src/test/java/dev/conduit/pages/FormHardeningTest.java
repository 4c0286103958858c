package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static dev.conduit.pages.PostBackForms.form;
import static dev.conduit.pages.PostBackForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a review of the form controls found, each pinned: lost item state, forged clicks, costly posts, rendering. */
class FormHardeningTest {
    @TempDir
    Path site;

    @Test
    void anItemsStateSetInCodeSurvivesPostbacksAndADisabledItemStaysRefused() {
        write(
                site,
                "items.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Page_Load(Object s, EventArgs e) {
                      if (!isPostBack()) {
                          Tags.getItems().findByValue("b").setSelected(true);
                          Tags.getItems().findByValue("c").setSelected(true);
                          Tags.getItems().findByValue("c").setEnabled(false);
                      }
                  }
                  void Changed(Object s, EventArgs e) {
                      Log.setText("changed " + java.util.Arrays.toString(Tags.getSelectedIndices()));
                  }
                </script>
                <form id="f" runat="server">
                <asp:CheckBoxList ID="Tags" runat="server" OnSelectedIndexChanged="Changed">
                  <asp:ListItem>a</asp:ListItem><asp:ListItem>b</asp:ListItem><asp:ListItem>c</asp:ListItem>
                </asp:CheckBoxList>
                <asp:Button ID="Go" runat="server" Text="Go" />
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/items.aspx").send().text();
            assertThat(page)
                    .contains("<span class=\"aspNetDisabled\"><input id=\"Tags_2\" type=\"checkbox\" name=\"Tags$2\""
                            + " value=\"c\" checked=\"checked\" disabled=\"disabled\" />");
            // the browser posts the one enabled box still checked: nothing changed
            TestResponse same = post(host, "/items.aspx", form(page, "Tags$1", "on", "Go", "Go"));
            assertThat(same.text()).contains("<span id=\"Log\"></span>").contains("value=\"c\" checked=\"checked\"");
            // a forged field for the disabled item changes nothing
            TestResponse forged =
                    post(host, "/items.aspx", form(same.text(), "Tags$1", "on", "Tags$2", "on", "Go", "Go"));
            assertThat(forged.text()).contains("<span id=\"Log\"></span>").contains("disabled=\"disabled\"");
        }
    }

    @Test
    void aDisabledButtonOrImageButtonCannotBeClickedByAForgedPostback() {
        write(
                site,
                "buttons.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Clicked(Object s, EventArgs e) { Log.setText("clicked " + ((Control) s).getID()); }
                </script>
                <form id="f" runat="server">
                <asp:Button ID="Del" runat="server" Text="Delete" Enabled="false" OnClick="Clicked" />
                <asp:ImageButton ID="Map" runat="server" ImageUrl="m.png" Enabled="false" OnClick="Clicked" />
                <asp:ImageButton ID="Zoom" runat="server" ImageUrl="z.png" OnClick="Clicked" />
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/buttons.aspx").send().text();
            assertThat(post(host, "/buttons.aspx", form(page, "Del", "Delete")).status())
                    .isEqualTo(500);
            assertThat(post(host, "/buttons.aspx", form(page, "Map", "", "Map.x", "5", "Map.y", "6"))
                            .status())
                    .isEqualTo(500);
            assertThat(post(host, "/buttons.aspx", form(page, "Map.x", "5", "Map.y", "6"))
                            .text())
                    .doesNotContain("clicked");
            // an enabled image button takes fractional coordinates, truncated, as ASP.NET (a zoomed browser sends them)
            assertThat(post(host, "/buttons.aspx", form(page, "Zoom.x", "10.5", "Zoom.y", "20.25"))
                            .text())
                    .contains("clicked Zoom");
        }
    }

    @Test
    void aRegisteredViewStateEnumSurvivesThePageBeingEditedAndRecompiled() throws Exception {
        String text =
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  enum Mode { VIEW, EDIT }
                  static { ViewStateTypes.registerEnum("hardening.Mode", Mode.class); }
                  void Page_Load(Object s, EventArgs e) { getViewState().set("mode", Mode.EDIT); }
                </script>
                <form id="f" runat="server">VERSION</form>
                """;
        Path file = write(site, "reg.aspx", text.replace("VERSION", "one"));
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/reg.aspx").send().text()).contains("one");
            write(site, "reg.aspx", text.replace("VERSION", "two"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            TestResponse edited = host.get("/reg.aspx").send();
            assertThat(edited.status()).as(edited.text()).isEqualTo(200);
            assertThat(edited.text()).contains("two");
            assertThat(post(host, "/reg.aspx", form(edited.text())).status()).isEqualTo(200);
        }
    }

    @Test
    void manyPostedValuesOrFieldsCostLinearWork() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            items.append("<asp:ListItem>v").append(i).append("</asp:ListItem>");
        }
        write(
                site,
                "box.aspx",
                "<%@ Page Language=\"Java\" %>\n<form id=\"f\" runat=\"server\"><asp:ListBox ID=\"L\" runat=\"server\""
                        + " SelectionMode=\"Multiple\">" + items
                        + "</asp:ListBox><asp:Button ID=\"Go\" runat=\"server\""
                        + " /></form>");
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/box.aspx").send().text();
            Map<String, String> fields = form(page, "Go", "Go");
            String[] repeated = new String[2 * 200_000];
            for (int i = 0; i < repeated.length; i += 2) {
                repeated[i] = "L";
                repeated[i + 1] = "v999";
            }
            long start = System.nanoTime();
            TestResponse dup = post(host, "/box.aspx", fields, repeated);
            assertThat(dup.status()).as(dup.text()).isEqualTo(200);
            assertThat(dup.text()).contains("<option selected=\"selected\" value=\"v999\">");
            String[] names = new String[2 * 50_000];
            for (int i = 0; i < names.length; i += 2) {
                names[i] = "Q$" + i;
                names[i + 1] = "x";
            }
            Map<String, String> many = new LinkedHashMap<>(fields);
            TestResponse distinct = post(host, "/box.aspx", many, names);
            assertThat(distinct.status()).isEqualTo(200);
            assertThat(System.nanoTime() - start)
                    .as("200,000 values and 50,000 names")
                    .isLessThan(5_000_000_000L);
        }
    }

    @Test
    void flowLayoutFollowsDirectionAndColumnsAndTheFormKeepsItsOwnKeyHandler() {
        write(
                site,
                "layout.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Page_Load(Object s, EventArgs e) { setFocus(B); }
                </script>
                <form id="f" runat="server" onkeypress="return myKeys(event)" DefaultFocus="A">
                <asp:TextBox ID="A" runat="server" /><asp:TextBox ID="B" runat="server" />
                <asp:RadioButtonList ID="YesNo" runat="server" RepeatLayout="Flow" RepeatDirection="Horizontal">
                  <asp:ListItem>Yes</asp:ListItem><asp:ListItem>No</asp:ListItem>
                </asp:RadioButtonList>
                <asp:CheckBoxList ID="Two" runat="server" RepeatLayout="Flow" RepeatColumns="2"
                    RepeatDirection="Horizontal">
                  <asp:ListItem>a</asp:ListItem><asp:ListItem>b</asp:ListItem><asp:ListItem>c</asp:ListItem>
                </asp:CheckBoxList>
                <asp:CheckBoxList ID="Wide" runat="server" RepeatColumns="3">
                  <asp:ListItem>x</asp:ListItem>
                </asp:CheckBoxList>
                </form>
                """);
        write(
                site,
                "badlist.aspx",
                """
                <%@ Page Language="Java" %>
                <form id="f" runat="server">
                <asp:CheckBoxList ID="L" runat="server" RepeatLayout="UnorderedList" RepeatDirection="Horizontal">
                  <asp:ListItem>x</asp:ListItem>
                </asp:CheckBoxList>
                </form>
                """);
        write(site, "badscroll.aspx", "<%@ Page Language=\"Java\" MaintainScrollPositionOnPostback=\"yes\" %>\n");
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/layout.aspx").send().text();
            assertThat(page)
                    .contains("id=\"f\" onkeypress=\"return myKeys(event)\">")
                    .contains("getElementById('B')") // setFocus from code wins over DefaultFocus, as ASP.NET
                    .doesNotContain("getElementById('A')")
                    .contains("<label for=\"YesNo_0\">Yes</label><input id=\"YesNo_1\"") // side by side
                    .contains("<label for=\"Two_1\">b</label><br /><input id=\"Two_2\"") // two per line
                    .contains("<label for=\"Wide_0\">x</label></td><td></td><td></td>"); // empty cells, as ASP.NET
            assertThat(host.get("/badlist.aspx").send().text()).contains("layout has one column, vertical");
            assertThat(host.get("/badscroll.aspx").send().text())
                    .contains("MaintainScrollPositionOnPostback must be true or false: &#39;yes&#39;.");
        }
    }
}
