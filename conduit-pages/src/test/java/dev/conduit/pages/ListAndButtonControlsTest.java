package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static dev.conduit.pages.PostBackForms.form;
import static dev.conduit.pages.PostBackForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-item list controls (ListBox, CheckBoxList, RadioButtonList), ImageButton and a script-posting Button,
 * control state and registered view-state types, each posted back as a browser would.
 */
class ListAndButtonControlsTest {
    @TempDir
    Path site;

    /** Logs SelectedIndexChanged and shows the selection, for each list control. */
    private static final String LOG_CHANGES =
            """
            <script runat="server">
              void Changed(Object s, EventArgs e) {
                  ListControl l = (ListControl) s;
                  Log.setText(Log.getText() + "|" + l.getID() + " " + java.util.Arrays.toString(l.getSelectedIndices()));
              }
            </script>
            """;

    @Test
    void aMultipleListBoxTakesEveryPostedValueAndSelectingNoneDeselectsAll() {
        write(
                site,
                "box.aspx",
                "<%@ Page Language=\"Java\" %>\n" + LOG_CHANGES
                        + """
                        <form id="f" runat="server">
                        <asp:ListBox ID="Tags" runat="server" SelectionMode="Multiple" Rows="3"
                            OnSelectedIndexChanged="Changed">
                          <asp:ListItem Value="a">Alpha</asp:ListItem>
                          <asp:ListItem Value="b" Selected="true">Beta</asp:ListItem>
                          <asp:ListItem Value="c">Gamma</asp:ListItem>
                        </asp:ListBox>
                        <asp:Button ID="Go" runat="server" Text="Go" />
                        <asp:Label ID="Log" runat="server" EnableViewState="false" />
                        </form>
                        """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/box.aspx").send().text();
            assertThat(page)
                    .contains("<select size=\"3\" name=\"Tags\" multiple=\"multiple\" id=\"Tags\">")
                    .contains("<option selected=\"selected\" value=\"b\">Beta</option>")
                    .contains("<option value=\"c\">Gamma</option>");

            TestResponse two = post(host, "/box.aspx", form(page, "Go", "Go"), "Tags", "a", "Tags", "c");
            assertThat(two.status()).as(two.text()).isEqualTo(200);
            assertThat(two.text())
                    .contains("<span id=\"Log\">|Tags [0, 2]</span>")
                    .contains("<option selected=\"selected\" value=\"a\">Alpha</option>")
                    .contains("<option value=\"b\">Beta</option>")
                    .contains("<option selected=\"selected\" value=\"c\">Gamma</option>");

            // the same two again: no change; then none at all: a browser posts nothing, and all are deselected
            TestResponse same = post(host, "/box.aspx", form(two.text(), "Go", "Go"), "Tags", "a", "Tags", "c");
            assertThat(same.text()).contains("<span id=\"Log\"></span>");
            TestResponse none = post(host, "/box.aspx", form(same.text(), "Go", "Go"));
            assertThat(none.text()).contains("<span id=\"Log\">|Tags []</span>").doesNotContain("selected=");

            TestResponse forged = post(host, "/box.aspx", form(page, "Go", "Go"), "Tags", "a", "Tags", "z");
            assertThat(forged.status()).isEqualTo(500);
            assertThat(forged.text()).contains("Invalid postback or callback argument");
        }
    }

    @Test
    void aCheckBoxListBoundOnceReadsEachItemsFieldAndRaisesOneChange() {
        write(
                site,
                "checks.aspx",
                "<%@ Page Language=\"Java\" %>\n" + LOG_CHANGES
                        + """
                        <script runat="server">
                          record Topic(int id, String name) {}
                          void Page_Load(Object s, EventArgs e) {
                              if (!isPostBack()) {
                                  Topics.setDataSource(List.of(new Topic(7, "Java"), new Topic(8, "C#"),
                                      new Topic(9, "Go")));
                                  Topics.dataBind();
                              }
                          }
                        </script>
                        <form id="f" runat="server">
                        <asp:CheckBoxList ID="Topics" runat="server" DataTextField="name" DataValueField="id"
                            RepeatColumns="2" OnSelectedIndexChanged="Changed" />
                        <asp:CheckBoxList ID="Flow" runat="server" RepeatLayout="Flow" TextAlign="Left">
                          <asp:ListItem>x</asp:ListItem><asp:ListItem>y</asp:ListItem>
                        </asp:CheckBoxList>
                        <asp:CheckBoxList ID="Bullets" runat="server" RepeatLayout="UnorderedList">
                          <asp:ListItem>p</asp:ListItem>
                        </asp:CheckBoxList>
                        <asp:Button ID="Go" runat="server" Text="Go" />
                        <asp:Label ID="Log" runat="server" EnableViewState="false" />
                        </form>
                        """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/checks.aspx").send().text();
            // two columns filled one after the other: Java, C# in the first, Go in the second; an empty cell after it
            assertThat(page)
                    .contains("<table id=\"Topics\">\n\t<tr>\n\t\t<td><input id=\"Topics_0\" type=\"checkbox\""
                            + " name=\"Topics$0\" value=\"7\" /><label for=\"Topics_0\">Java</label></td>"
                            + "<td><input id=\"Topics_2\" type=\"checkbox\" name=\"Topics$2\" value=\"9\" />"
                            + "<label for=\"Topics_2\">Go</label></td>\n\t</tr>\n\t<tr>\n\t\t<td><input"
                            + " id=\"Topics_1\"")
                    .contains("<label for=\"Topics_1\">C#</label></td><td></td>\n\t</tr>\n</table>")
                    .contains("<span id=\"Flow\"><label for=\"Flow_0\">x</label><input id=\"Flow_0\""
                            + " type=\"checkbox\" name=\"Flow$0\" value=\"x\" /><br /><label for=\"Flow_1\">")
                    .contains("<ul id=\"Bullets\">\n\t<li><input id=\"Bullets_0\" type=\"checkbox\""
                            + " name=\"Bullets$0\" value=\"p\" /><label for=\"Bullets_0\">p</label></li>\n</ul>");

            TestResponse two = post(host, "/checks.aspx", form(page, "Topics$0", "on", "Topics$2", "on", "Go", "Go"));
            assertThat(two.status()).as(two.text()).isEqualTo(200);
            assertThat(two.text())
                    .contains("<span id=\"Log\">|Topics [0, 2]</span>") // one change event for the list
                    .contains("name=\"Topics$0\" value=\"7\" checked=\"checked\" />")
                    .contains("name=\"Topics$1\" value=\"8\" />")
                    .contains("name=\"Topics$2\" value=\"9\" checked=\"checked\" />")
                    .contains("<label for=\"Topics_1\">C#</label>"); // items kept in view state, not bound again

            TestResponse cleared = post(host, "/checks.aspx", form(two.text(), "Go", "Go"));
            assertThat(cleared.text())
                    .contains("<span id=\"Log\">|Topics []</span>")
                    .doesNotContain("checked=\"checked\"");

            // an item the page never rendered
            TestResponse forged = post(host, "/checks.aspx", form(page, "Topics$0", "on", "Flow$5", "on", "Go", "Go"));
            assertThat(forged.text()).contains("<span id=\"Log\">|Topics [0]</span>");
        }
    }

    @Test
    void aRadioButtonListPostsTheChosenValueWhichMustBeOneItRendered() {
        write(
                site,
                "radios.aspx",
                "<%@ Page Language=\"Java\" %>\n" + LOG_CHANGES
                        + """
                        <form id="f" runat="server">
                        <asp:RadioButtonList ID="Size" runat="server" RepeatDirection="Horizontal"
                            OnSelectedIndexChanged="Changed" AutoPostBack="true">
                          <asp:ListItem Value="S">Small</asp:ListItem>
                          <asp:ListItem Value="L" Selected="true">Large</asp:ListItem>
                        </asp:RadioButtonList>
                        <asp:Label ID="Log" runat="server" EnableViewState="false" />
                        </form>
                        """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/radios.aspx").send().text();
            assertThat(page)
                    .contains("<table id=\"Size\">\n\t<tr>\n\t\t<td><input id=\"Size_0\" type=\"radio\" name=\"Size\""
                            + " value=\"S\" onclick=\"javascript:setTimeout(&#39;__doPostBack(\\&#39;Size\\&#39;,"
                            + "\\&#39;\\&#39;)&#39;, 0)\" /><label for=\"Size_0\">Small</label></td><td><input"
                            + " id=\"Size_1\" type=\"radio\" name=\"Size\" value=\"L\" checked=\"checked\"")
                    .contains("function __doPostBack(");

            Map<String, String> small = form(page, "Size", "S");
            small.put("__EVENTTARGET", "Size");
            TestResponse r = post(host, "/radios.aspx", small);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text())
                    .contains("<span id=\"Log\">|Size [0]</span>")
                    .contains("value=\"S\" checked=\"checked\"");

            TestResponse forged = post(host, "/radios.aspx", form(page, "Size", "XL"));
            assertThat(forged.status()).isEqualTo(500);
            assertThat(forged.text()).contains("Invalid postback or callback argument");
        }
    }

    @Test
    void anImageButtonRaisesClickWithWhereItWasClickedAndAScriptButtonPostsByDoPostBack() {
        write(
                site,
                "buttons.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Map_Click(Object s, ImageClickEventArgs e) { Log.setText("map at " + e.getX() + "," + e.getY()); }
                  void Map_Command(Object s, CommandEventArgs e) { Log.setText(Log.getText() + " " + e.getCommandName()); }
                  void Save_Click(Object s, EventArgs e) { Log.setText("saved"); }
                </script>
                <form id="f" runat="server">
                <asp:ImageButton ID="Map" runat="server" ImageUrl="~/map.png" AlternateText="Map" CommandName="zoom"
                    OnClick="Map_Click" OnCommand="Map_Command" />
                <asp:Button ID="Save" runat="server" Text="Save" UseSubmitBehavior="false" OnClick="Save_Click"
                    OnClientClick="return check()" />
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/buttons.aspx").send().text();
            assertThat(page)
                    .contains("<input type=\"image\" name=\"Map\" src=\"map.png\" alt=\"Map\" id=\"Map\" />")
                    .contains("<input type=\"button\" name=\"Save\" value=\"Save\" onclick=\"return"
                            + " check();__doPostBack(&#39;Save&#39;,&#39;&#39;)\" id=\"Save\" />")
                    .contains("function __doPostBack(");

            TestResponse map = post(host, "/buttons.aspx", form(page, "Map.x", "12", "Map.y", "34"));
            assertThat(map.status()).as(map.text()).isEqualTo(200);
            assertThat(map.text()).contains("<span id=\"Log\">map at 12,34 zoom</span>");
            // coordinates that are not numbers: no click
            assertThat(post(host, "/buttons.aspx", form(page, "Map.x", "a", "Map.y", "1"))
                            .text())
                    .contains("<span id=\"Log\"></span>");

            Map<String, String> save = form(page);
            save.put("__EVENTTARGET", "Save");
            assertThat(post(host, "/buttons.aspx", save).text()).contains("<span id=\"Log\">saved</span>");
        }
    }

    @Test
    void controlStateSurvivesWithViewStateOffAndRegisteredEnumsTravelInViewState() {
        write(
                site,
                "state.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  enum Mode { VIEW, EDIT }
                  static { ViewStateTypes.registerEnum("test.Mode", Mode.class); }

                  /** Counts postbacks in control state, and in view state. */
                  static class Pager extends Control {
                      int pages;
                      @Override protected void onInit(EventArgs e) throws Exception {
                          super.onInit(e);
                          getPage().registerRequiresControlState(this);
                      }
                      @Override protected Object saveControlState() { return pages; }
                      @Override protected void loadControlState(Object state) { pages = (Integer) state; }
                  }

                  Pager pager = new Pager();
                  void Page_Init(Object s, EventArgs e) { pager.setID("Pager"); Holder.getControls().add(pager); }
                  void Page_Load(Object s, EventArgs e) {
                      pager.pages++;
                      Integer v = (Integer) pager.getViewState().get("views");
                      pager.getViewState().set("views", v == null ? 1 : v + 1);
                      Mode m = (Mode) getViewState().get("mode");
                      getViewState().set("mode", m == null ? Mode.VIEW : Mode.EDIT);
                      Log.setText("control " + pager.pages + " view " + pager.getViewState().get("views")
                          + " mode " + m);
                  }
                </script>
                <form id="f" runat="server">
                <asp:PlaceHolder ID="Holder" runat="server" EnableViewState="false" />
                <asp:Button ID="Go" runat="server" Text="Go" />
                <asp:Label ID="Log" runat="server" EnableViewState="false" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/state.aspx").send().text();
            assertThat(page).contains("control 1 view 1 mode null");
            for (int n = 2; n <= 3; n++) {
                TestResponse r = post(host, "/state.aspx", form(page, "Go", "Go"));
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                // view state is off under Holder: its count starts again; control state goes on
                assertThat(r.text()).contains("control " + n + " view 1 mode " + (n == 2 ? "VIEW" : "EDIT"));
                page = r.text();
            }
        }
    }
}
