package dev.conduit.pages;

import static dev.conduit.pages.PageSites.write;
import static dev.conduit.pages.PostBackForms.fields;
import static dev.conduit.pages.PostBackForms.form;
import static dev.conduit.pages.PostBackForms.post;
import static dev.conduit.pages.PostBackForms.viewState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server form posts back to its page: view state carries state across requests, and posted data raises events. */
class PostBackTest {
    private static final String KEYS_A =
            "<machineKey validationKey=\"" + "A1".repeat(32) + "\" decryptionKey=\"" + "B2".repeat(24) + "\" />";
    private static final String KEYS_B =
            "<machineKey validationKey=\"" + "C3".repeat(32) + "\" decryptionKey=\"" + "B2".repeat(24) + "\" />";

    @TempDir
    Path site;

    /** A page counting its requests in view state, with a button to post back. */
    private static final String COUNTER =
            """
            <%@ Page Language="Java" %>
            <script runat="server">
              void Page_Load(Object sender, EventArgs e) {
                  Integer n = (Integer) getViewState().get("count");
                  int next = n == null ? 1 : n + 1;
                  getViewState().set("count", next);
                  Count.setText("count " + next + (isPostBack() ? " postback" : " get"));
              }
            </script>
            <form id="f" runat="server"><asp:Label ID="Count" runat="server" />
            <asp:Button ID="Go" runat="server" Text="Go" /></form>
            """;

    @Test
    void viewStateCarriesACounterThroughChainedPostbacksAndAFreshGetStartsAgain() {
        write(site, "counter.aspx", COUNTER);
        try (TestHost host = TestHost.start(site)) {
            TestResponse first = host.get("/counter.aspx").send();
            assertThat(first.text())
                    .contains("<span id=\"Count\">count 1 get</span>")
                    .contains("<form method=\"post\" action=\"./counter.aspx\" id=\"f\">")
                    .contains("<div class=\"aspNetHidden\">")
                    .containsPattern("name=\"__VIEWSTATEGENERATOR\" id=\"__VIEWSTATEGENERATOR\" value=\"[0-9A-F]{8}\"");
            String page = first.text();
            for (int n = 2; n <= 4; n++) {
                TestResponse r = post(host, "/counter.aspx", form(page, "Go", "Go"));
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.text()).contains("count " + n + " postback");
                page = r.text();
            }
            assertThat(host.get("/counter.aspx").send().text()).contains("count 1 get");
        }
    }

    @Test
    void aChangedTextBoxAndAClickedButtonRaiseTheirEventsAfterLoadInSystemWebsOrder() {
        write(
                site,
                "order.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  final List<String> log = new ArrayList<>();
                  void Page_Load(Object s, EventArgs e) { log.add("Load " + Name.getText()); }
                  void Page_LoadComplete(Object s, EventArgs e) { log.add("LoadComplete"); }
                  void Name_Changed(Object s, EventArgs e) { log.add("TextChanged " + Name.getText()); }
                  void Go_Click(Object s, EventArgs e) { log.add("Click"); }
                  void Other_Click(Object s, EventArgs e) { log.add("Other"); }
                  void Page_PreRender(Object s, EventArgs e) { Log.setText(String.join(", ", log)); }
                </script>
                <form id="f" runat="server">
                <asp:TextBox ID="Name" runat="server" Text="before" OnTextChanged="Name_Changed" />
                <asp:Button ID="Go" runat="server" Text="Go" OnClick="Go_Click" />
                <asp:Button ID="Other" runat="server" Text="Other" OnClick="Other_Click" />
                <asp:Literal ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/order.aspx").send().text();
            assertThat(page)
                    .contains("<input name=\"Name\" type=\"text\" value=\"before\" id=\"Name\" />")
                    .contains("Load before, LoadComplete");
            TestResponse changed = post(host, "/order.aspx", form(page, "Name", "after", "Go", "Go"));

            // posted data is loaded before Load; the change event and then the click come after it
            assertThat(changed.text())
                    .contains("Load after, TextChanged after, Click, LoadComplete")
                    .contains("value=\"after\"");

            TestResponse same = post(host, "/order.aspx", form(changed.text(), "Name", "after", "Other", "Other"));
            assertThat(same.text()).contains("Load after, Other, LoadComplete"); // unchanged text: no TextChanged
        }
    }

    @Test
    void viewStateThatWasChangedOrMadeForAnotherPageIsRefused() {
        write(site, "counter.aspx", COUNTER);
        write(site, "other.aspx", COUNTER);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/counter.aspx").send().text();
            String state = viewState(page);
            byte[] bytes = Base64.getDecoder().decode(state);
            for (int i : new int[] {0, bytes.length / 2, bytes.length - 1}) {
                byte[] flipped = bytes.clone();
                flipped[i] ^= 0x01;
                TestResponse r = post(
                        host,
                        "/counter.aspx",
                        fields("__VIEWSTATE", Base64.getEncoder().encodeToString(flipped), "Go", "Go"));
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.text()).contains("Validation of viewstate MAC failed");
            }
            TestResponse foreign = post(host, "/other.aspx", fields("__VIEWSTATE", state, "Go", "Go"));
            assertThat(foreign.status()).isEqualTo(500);
            assertThat(foreign.text()).contains("Validation of viewstate MAC failed");
            // the same page under another case of its path is the same page
            assertThat(post(host, "/COUNTER.aspx", form(page, "Go", "Go")).text())
                    .contains("count 2 postback");
            TestResponse garbage = post(host, "/counter.aspx", fields("__VIEWSTATE", "not base64 !", "Go", "Go"));
            assertThat(garbage.status()).isEqualTo(500);
        }
    }

    @Test
    void aPostbackMadeOnOneServerIsAcceptedByAnotherWithTheSameMachineKeyOnly() throws Exception {
        Path second = Files.createDirectories(site.resolveSibling(site.getFileName() + "-second"));
        Path third = Files.createDirectories(site.resolveSibling(site.getFileName() + "-third"));
        for (Path p : new Path[] {site, second, third}) {
            write(p, "counter.aspx", COUNTER);
        }
        write(site, "web.config", "<configuration><system.web>" + KEYS_A + "</system.web></configuration>");
        write(second, "web.config", "<configuration><system.web>" + KEYS_A + "</system.web></configuration>");
        write(third, "web.config", "<configuration><system.web>" + KEYS_B + "</system.web></configuration>");
        String page;
        try (TestHost one = TestHost.start(site)) {
            page = one.get("/counter.aspx").send().text();
        }
        try (TestHost two = TestHost.start(second)) {
            assertThat(post(two, "/counter.aspx", form(page, "Go", "Go")).text())
                    .contains("count 2 postback");
        }
        try (TestHost three = TestHost.start(third)) {
            TestResponse r = post(three, "/counter.aspx", form(page, "Go", "Go"));
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("Validation of viewstate MAC failed");
        }
    }

    @Test
    void viewStateSurvivesARestartWithTheGeneratedKey() {
        write(site, "counter.aspx", COUNTER);
        String page;
        try (TestHost host = TestHost.start(site)) {
            page = host.get("/counter.aspx").send().text();
        }
        try (TestHost again = TestHost.start(site)) {
            assertThat(post(again, "/counter.aspx", form(page, "Go", "Go")).text())
                    .contains("count 2 postback");
        }
    }

    /** A page with a link button, a hidden button and a visible one, logging which event ran. */
    private static final String EVENTS =
            """
            <%@ Page Language="Java" %>
            <script runat="server">
              void Clicked(Object s, EventArgs e) { Log.setText("clicked " + ((Control) s).getID()); }
              void Command(Object s, CommandEventArgs e) { Log.setText(Log.getText() + " " + e.getCommandName()
                  + ":" + e.getCommandArgument()); }
            </script>
            <form id="f" runat="server">
            <asp:LinkButton ID="Delete" runat="server" OnClick="Clicked" OnCommand="Command" CommandName="del"
                CommandArgument="7">Delete <b>it</b></asp:LinkButton>
            <asp:Button ID="Shown" runat="server" Text="Shown" OnClick="Clicked" />
            <asp:Button ID="Hidden" runat="server" Text="Hidden" Visible="false" OnClick="Clicked" />
            <asp:Label ID="Log" runat="server" />
            </form>
            """;

    @Test
    void aLinkButtonPostsBackThroughDoPostBackAndRaisesClickThenCommand() {
        write(site, "events.aspx", EVENTS);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/events.aspx").send().text();
            assertThat(page)
                    .contains("<a id=\"Delete\" href=\"javascript:__doPostBack(&#39;Delete&#39;,&#39;&#39;)\">Delete"
                            + " <b>it</b></a>")
                    .contains("<input type=\"hidden\" name=\"__EVENTTARGET\" id=\"__EVENTTARGET\" value=\"\" />")
                    .contains("<input type=\"hidden\" name=\"__EVENTARGUMENT\" id=\"__EVENTARGUMENT\" value=\"\" />")
                    .contains("var theForm = document.forms['f'];")
                    .contains("function __doPostBack(eventTarget, eventArgument) {")
                    .contains("name=\"__EVENTVALIDATION\"");

            Map<String, String> posted = form(page);
            posted.put("__EVENTTARGET", "Delete");
            TestResponse r = post(host, "/events.aspx", posted);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text()).contains("<span id=\"Log\">clicked Delete del:7</span>");
        }
    }

    @Test
    void eventValidationRefusesWhatThePageDidNotRender() {
        write(site, "events.aspx", EVENTS);
        write(
                site,
                "open.aspx",
                EVENTS.replace(
                        "<%@ Page Language=\"Java\" %>",
                        "<%@ Page Language=\"Java\" EnableEventValidation=\"false\" %>"));
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/events.aspx").send().text();
            assertThat(post(host, "/events.aspx", form(page, "Shown", "Shown")).text())
                    .contains("clicked Shown");

            // a button the page did not render (Visible="false"), an argument it did not render
            TestResponse hidden = post(host, "/events.aspx", form(page, "Hidden", "Hidden"));
            assertThat(hidden.status()).isEqualTo(500);
            assertThat(hidden.text()).contains("Invalid postback or callback argument");
            Map<String, String> argument = form(page);
            argument.put("__EVENTTARGET", "Delete");
            argument.put("__EVENTARGUMENT", "other");
            assertThat(post(host, "/events.aspx", argument).status()).isEqualTo(500);
            // a postback without the page's __EVENTVALIDATION
            Map<String, String> bare = form(page, "Shown", "Shown");
            bare.remove("__EVENTVALIDATION");
            assertThat(post(host, "/events.aspx", bare).text()).contains("Invalid postback or callback argument");

            // EnableEventValidation="false": the page takes what comes, as ASP.NET
            String open = host.get("/open.aspx").send().text();
            assertThat(open).doesNotContain("__EVENTVALIDATION");
            assertThat(post(host, "/open.aspx", form(open, "Hidden", "Hidden")).text())
                    .contains("clicked Hidden");
        }
    }

    @Test
    void aDropDownListKeepsBoundItemsRaisesSelectedIndexChangedAndRefusesAValueNeverRendered() {
        write(
                site,
                "list.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  public record Color(String code, String name) {}
                  void Page_Load(Object s, EventArgs e) {
                      if (!isPostBack()) {   // bound once: the items come back from view state
                          Colors.setDataSource(List.of(new Color("r", "Red"), new Color("g", "Green & Co")));
                          Colors.dataBind();
                      }
                  }
                  void Colors_Changed(Object s, EventArgs e) {
                      Log.setText(Log.getText() + "|changed to " + Colors.getSelectedValue() + " " + Key.getValue());
                  }
                  void Key_Changed(Object s, EventArgs e) { Log.setText(Log.getText() + "|key " + Key.getValue()); }
                </script>
                <form id="f" runat="server">
                <asp:DropDownList ID="Colors" runat="server" AppendDataBoundItems="true" DataTextField="name"
                    DataValueField="code" OnSelectedIndexChanged="Colors_Changed">
                  <asp:ListItem Value="">(choose)</asp:ListItem>
                </asp:DropDownList>
                <asp:HiddenField ID="Key" runat="server" Value="k1" OnValueChanged="Key_Changed" />
                <asp:Button ID="Go" runat="server" Text="Go" />
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/list.aspx").send().text();
            assertThat(page)
                    .contains("<select name=\"Colors\" id=\"Colors\">\n\t<option selected=\"selected\" value=\"\">"
                            + "(choose)</option>\n\t<option value=\"r\">Red</option>\n\t<option value=\"g\">Green"
                            + " &amp; Co</option>\n</select>");

            TestResponse chosen = post(host, "/list.aspx", form(page, "Colors", "g", "Key", "k1", "Go", "Go"));
            assertThat(chosen.status()).as(chosen.text()).isEqualTo(200);
            assertThat(chosen.text())
                    .contains("<span id=\"Log\">|changed to g k1</span>")
                    .contains("<option selected=\"selected\" value=\"g\">Green &amp; Co</option>");

            // the items came from view state: the same choice again changes nothing, another one does
            assertThat(post(host, "/list.aspx", form(chosen.text(), "Colors", "g", "Key", "k1", "Go", "Go"))
                            .text())
                    .contains("<span id=\"Log\">|changed to g k1</span>"); // the label's text, from view state
            assertThat(post(host, "/list.aspx", form(chosen.text(), "Colors", "r", "Key", "k2", "Go", "Go"))
                            .text())
                    .contains("<span id=\"Log\">|changed to g k1|changed to r k2|key k2</span>");
            assertThat(post(host, "/list.aspx", form(chosen.text(), "Colors", "g", "Key", "k3", "Go", "Go"))
                            .text())
                    .contains("<span id=\"Log\">|changed to g k1|key k3</span>");

            TestResponse forged = post(host, "/list.aspx", form(page, "Colors", "x", "Key", "k1", "Go", "Go"));
            assertThat(forged.status()).isEqualTo(500);
            assertThat(forged.text()).contains("Invalid postback or callback argument");
        }
    }

    @Test
    void aCheckBoxIsUncheckedWhenNothingOfItsNameIsPostedAndRaisesCheckedChanged() {
        write(
                site,
                "check.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Agree_Changed(Object s, EventArgs e) { Log.setText("now " + Agree.isChecked()); }
                </script>
                <form id="f" runat="server">
                <asp:CheckBox ID="Agree" runat="server" Text="I agree" OnCheckedChanged="Agree_Changed" />
                <asp:CheckBox ID="News" runat="server" Text="News" TextAlign="Left" CssClass="opt" />
                <asp:Button ID="Go" runat="server" Text="Go" />
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/check.aspx").send().text();
            assertThat(page)
                    .contains("<input id=\"Agree\" type=\"checkbox\" name=\"Agree\" /><label for=\"Agree\">I agree"
                            + "</label>")
                    .contains("<span class=\"opt\"><label for=\"News\">News</label><input id=\"News\" type=\"checkbox\""
                            + " name=\"News\" /></span>");

            TestResponse checkedBoth = post(host, "/check.aspx", form(page, "Agree", "on", "News", "on", "Go", "Go"));
            assertThat(checkedBoth.text())
                    .contains("<span id=\"Log\">now true</span>")
                    .contains("<input id=\"Agree\" type=\"checkbox\" name=\"Agree\" checked=\"checked\" />")
                    .contains("name=\"News\" checked=\"checked\" />");

            // unchecked boxes post nothing: the page still gives them the post data, and the change is seen
            TestResponse unchecked = post(host, "/check.aspx", form(checkedBoth.text(), "Go", "Go"));
            assertThat(unchecked.text())
                    .contains("<span id=\"Log\">now false</span>")
                    .contains("<input id=\"Agree\" type=\"checkbox\" name=\"Agree\" />")
                    .contains("<input id=\"News\" type=\"checkbox\" name=\"News\" />");
        }
    }

    @Test
    void validatorsCheckOnTheServerBeforeClickWhichStillRunsAndShowTheirMessages() {
        write(
                site,
                "valid.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Save_Click(Object s, EventArgs e) { Log.setText("saved valid=" + isValid()); }
                  void Cancel_Click(Object s, EventArgs e) { Log.setText("cancel"); }
                  void NotAdmin_Validate(Object s, ServerValidateEventArgs e) {
                      e.setIsValid(!e.getValue().equalsIgnoreCase("admin"));
                  }
                </script>
                <form id="f" runat="server">
                <asp:TextBox ID="Name" runat="server" />
                <asp:RequiredFieldValidator ID="NameRequired" runat="server" ControlToValidate="Name"
                    ErrorMessage="Name is required." Text="*" />
                <asp:CustomValidator ID="NotAdmin" runat="server" ControlToValidate="Name"
                    OnServerValidate="NotAdmin_Validate" ErrorMessage="Not admin." />
                <asp:TextBox ID="Zip" runat="server" />
                <asp:RegularExpressionValidator ID="ZipFormat" runat="server" ControlToValidate="Zip"
                    ValidationExpression="(.*\\d){12}y|\\d{5}" ErrorMessage="Zip is five digits." Display="Dynamic" />
                <asp:ValidationSummary ID="Summary" runat="server" HeaderText="Please fix:" />
                <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
                <asp:Button ID="Cancel" runat="server" Text="Cancel" CausesValidation="false" OnClick="Cancel_Click" />
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/valid.aspx").send().text();
            assertThat(page)
                    .contains("<span id=\"NameRequired\" style=\"color:Red;visibility:hidden;\">*</span>")
                    .contains("<span id=\"ZipFormat\" style=\"color:Red;display:none;\">Zip is five digits.</span>")
                    .doesNotContain("id=\"Summary\"");

            TestResponse empty = post(host, "/valid.aspx", form(page, "Name", " ", "Zip", "12a", "Save", "Save"));
            assertThat(empty.status()).as(empty.text()).isEqualTo(200);
            assertThat(empty.text())
                    .contains("<span id=\"Log\">saved valid=false</span>")
                    .contains("<span id=\"NameRequired\" style=\"color:Red;\">*</span>")
                    .contains("<span id=\"ZipFormat\" style=\"color:Red;\">Zip is five digits.</span>")
                    .contains("<div id=\"Summary\" style=\"color:Red;\">Please fix:<ul><li>Name is required.</li>"
                            + "<li>Zip is five digits.</li></ul></div>");

            assertThat(post(host, "/valid.aspx", form(page, "Name", "admin", "Zip", "12345", "Save", "Save"))
                            .text())
                    .contains("saved valid=false")
                    .contains("<ul><li>Not admin.</li></ul>");
            TestResponse ok = post(host, "/valid.aspx", form(page, "Name", "bob", "Zip", "", "Save", "Save"));
            assertThat(ok.text()).contains("saved valid=true").doesNotContain("id=\"Summary\"");
            // two buttons posted (no browser does): the last one is raised, as System.Web's RegisterRequiresRaiseEvent
            assertThat(post(host, "/valid.aspx", form(page, "Save", "Save", "Cancel", "Cancel"))
                            .text())
                    .contains("<span id=\"Log\">cancel</span>");
            assertThat(post(host, "/valid.aspx", form(page, "Name", "", "Cancel", "Cancel"))
                            .text())
                    .contains("<span id=\"Log\">cancel</span>")
                    .contains("style=\"color:Red;visibility:hidden;\">*</span>");

            // a pattern that backtracks for ever on this value stops at the match timeout and fails
            long start = System.nanoTime();
            TestResponse slow =
                    post(host, "/valid.aspx", form(page, "Name", "bob", "Zip", "1".repeat(40) + "z", "Save", "Save"));
            assertThat(slow.text()).contains("saved valid=false").contains("<li>Zip is five digits.</li>");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
        }
    }

    @Test
    void aRepeaterBoundOnceMakesItsItemsAgainOnAPostbackAndTheirCommandsBecomeItemCommand() {
        write(
                site,
                "rows.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  public record Row(int id, String name) {}
                  void Page_Load(Object s, EventArgs e) {
                      if (!isPostBack()) {
                          Rows.setDataSource(List.of(new Row(1, "one"), new Row(2, "two"), new Row(3, "three")));
                          Rows.dataBind();
                      }
                  }
                  void Rows_Command(Object s, RepeaterCommandEventArgs e) {
                      Log.setText(e.getCommandName() + " " + e.getCommandArgument() + " in item "
                          + e.getItem().getItemIndex() + " from " + ((Control) e.getCommandSource()).getID());
                  }
                </script>
                <form id="f" runat="server">
                <asp:Repeater ID="Rows" runat="server" OnItemCommand="Rows_Command">
                  <HeaderTemplate><ul></HeaderTemplate>
                  <ItemTemplate><li><asp:Label ID="Name" runat="server" Text='<%# Eval("name") %>' />
                    <asp:LinkButton ID="Del" runat="server" CommandName="del" CommandArgument='<%# Eval("id") %>'
                        Text="Delete" />
                    <asp:Button ID="Up" runat="server" CommandName="up" CommandArgument='<%# Eval("id") %>'
                        Text="Up" /></li></ItemTemplate>
                  <FooterTemplate></ul></FooterTemplate>
                </asp:Repeater>
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/rows.aspx").send().text();
            assertThat(page)
                    .contains("<span id=\"Rows_Name_1\">two</span>")
                    .contains("href=\"javascript:__doPostBack(&#39;Rows$ctl02$Del&#39;,&#39;&#39;)\"");

            Map<String, String> delete = form(page);
            delete.put("__EVENTTARGET", "Rows$ctl02$Del");
            TestResponse deleted = post(host, "/rows.aspx", delete);
            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            assertThat(deleted.text())
                    .contains("<span id=\"Log\">del 2 in item 1 from Del</span>")
                    // the items came back from view state, with what binding had set
                    .contains("<span id=\"Rows_Name_0\">one</span>")
                    .contains("<span id=\"Rows_Name_2\">three</span>");

            TestResponse up = post(host, "/rows.aspx", form(deleted.text(), "Rows$ctl03$Up", "Up"));
            assertThat(up.text()).contains("<span id=\"Log\">up 3 in item 2 from Up</span>");
        }
    }

    @Test
    void compareAndRangeValidatorsReadValuesAsTheirType() {
        write(
                site,
                "compare.aspx",
                """
                <%@ Page Language="Java" %>
                <form id="f" runat="server">
                <asp:TextBox ID="Password" runat="server" /><asp:TextBox ID="Confirm" runat="server" />
                <asp:CompareValidator ID="Same" runat="server" ControlToValidate="Confirm" ControlToCompare="Password"
                    ErrorMessage="The passwords differ." />
                <asp:TextBox ID="Age" runat="server" />
                <asp:RangeValidator ID="AgeRange" runat="server" ControlToValidate="Age" Type="Integer"
                    MinimumValue="18" MaximumValue="120" ErrorMessage="Age is 18 to 120." />
                <asp:TextBox ID="Price" runat="server" />
                <asp:CompareValidator ID="Positive" runat="server" ControlToValidate="Price" Type="Currency"
                    Operator="GreaterThan" ValueToCompare="0" ErrorMessage="A price above 0." />
                <asp:TextBox ID="Day" runat="server" />
                <asp:CompareValidator ID="IsDate" runat="server" ControlToValidate="Day" Type="Date"
                    Operator="DataTypeCheck" ErrorMessage="A date." />
                <asp:ValidationSummary ID="Summary" runat="server" DisplayMode="List" />
                <asp:Button ID="Go" runat="server" Text="Go" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/compare.aspx").send().text();
            TestResponse bad = post(
                    host,
                    "/compare.aspx",
                    form(
                            page,
                            "Password",
                            "a",
                            "Confirm",
                            "b",
                            "Age",
                            "9",
                            "Price",
                            "0.00",
                            "Day",
                            "2026-02-30",
                            "Go",
                            "Go"));
            assertThat(bad.text())
                    .contains("<div id=\"Summary\" style=\"color:Red;\">The passwords differ.<br />Age is 18 to"
                            + " 120.<br />A price above 0.<br />A date.<br /></div>");
            TestResponse good = post(
                    host,
                    "/compare.aspx",
                    form(
                            page,
                            "Password",
                            "a",
                            "Confirm",
                            "a",
                            "Age",
                            "120",
                            "Price",
                            "19.99",
                            "Day",
                            "2026-02-28",
                            "Go",
                            "Go"));
            assertThat(good.text()).doesNotContain("id=\"Summary\"");
            // not of the Type: an age in words fails; three decimals are no currency
            assertThat(post(host, "/compare.aspx", form(page, "Age", "forty", "Price", "1.999", "Go", "Go"))
                            .text())
                    .contains("Age is 18 to 120.<br />A price above 0.<br /></div>");
            // empty values pass: a RequiredFieldValidator says whether one is needed
            assertThat(post(host, "/compare.aspx", form(page, "Go", "Go")).text())
                    .doesNotContain("id=\"Summary\"");
        }
    }

    @Test
    void radioButtonsOfAGroupShareANameAndTheOnePostedIsChecked() {
        write(
                site,
                "radio.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Changed(Object s, EventArgs e) {
                      RadioButton r = (RadioButton) s;
                      Log.setText(Log.getText() + "|" + r.getID() + "=" + r.isChecked());
                  }
                </script>
                <form id="f" runat="server">
                <asp:RadioButton ID="Small" runat="server" GroupName="Size" Text="Small" Checked="true"
                    OnCheckedChanged="Changed" />
                <asp:RadioButton ID="Large" runat="server" GroupName="Size" Text="Large" OnCheckedChanged="Changed" />
                <asp:Button ID="Go" runat="server" Text="Go" />
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/radio.aspx").send().text();
            assertThat(page)
                    .contains("<input id=\"Small\" type=\"radio\" name=\"Size\" value=\"Small\" checked=\"checked\" />"
                            + "<label for=\"Small\">Small</label>")
                    .contains("<input id=\"Large\" type=\"radio\" name=\"Size\" value=\"Large\" />");

            TestResponse large = post(host, "/radio.aspx", form(page, "Size", "Large", "Go", "Go"));
            assertThat(large.text())
                    .contains("<span id=\"Log\">|Small=false|Large=true</span>")
                    .contains("name=\"Size\" value=\"Large\" checked=\"checked\" />");
            TestResponse again = post(host, "/radio.aspx", form(large.text(), "Size", "Large", "Go", "Go"));
            assertThat(again.text()).contains("<span id=\"Log\">|Small=false|Large=true</span>"); // no change
        }
    }

    @Test
    void viewStateEncryptionModeAlwaysEncryptsAndStillAuthenticates() {
        write(
                site,
                "secret.aspx",
                COUNTER.replace(
                        "<%@ Page Language=\"Java\" %>",
                        "<%@ Page Language=\"Java\" ViewStateEncryptionMode=\"Always\" %>"));
        write(site, "plain.aspx", COUNTER);
        try (TestHost host = TestHost.start(site)) {
            String plain = host.get("/plain.aspx").send().text();
            String page = host.get("/secret.aspx").send().text();
            assertThat(page)
                    .contains("<input type=\"hidden\" name=\"__VIEWSTATEENCRYPTED\" id=\"__VIEWSTATEENCRYPTED\""
                            + " value=\"\" />");
            // the plain page's view state shows its strings; the encrypted one does not
            assertThat(new String(Base64.getDecoder().decode(viewState(plain)), StandardCharsets.ISO_8859_1))
                    .contains("count 1 get");
            assertThat(new String(Base64.getDecoder().decode(viewState(page)), StandardCharsets.ISO_8859_1))
                    .doesNotContain("count");

            for (int n = 2; n <= 3; n++) {
                TestResponse r = post(host, "/secret.aspx", form(page, "Go", "Go"));
                assertThat(r.text()).as(r.text()).contains("count " + n + " postback");
                page = r.text();
            }
            byte[] bytes = Base64.getDecoder().decode(viewState(page));
            bytes[bytes.length / 2] ^= 0x01;
            Map<String, String> flipped = form(page, "Go", "Go");
            flipped.put("__VIEWSTATE", Base64.getEncoder().encodeToString(bytes));
            assertThat(post(host, "/secret.aspx", flipped).text()).contains("Validation of viewstate MAC failed");
            Map<String, String> unmarked = form(page, "Go", "Go");
            unmarked.remove("__VIEWSTATEENCRYPTED");
            assertThat(post(host, "/secret.aspx", unmarked).status()).isEqualTo(500);
        }
    }

    @Test
    void autoPostBackControlsPostTheFormWhenTheyChange() {
        write(
                site,
                "auto.aspx",
                """
                <%@ Page Language="Java" %>
                <script runat="server">
                  void Changed(Object s, EventArgs e) { Log.setText("changed to " + Colors.getSelectedValue()); }
                </script>
                <form id="f" runat="server">
                <asp:DropDownList ID="Colors" runat="server" AutoPostBack="true" OnSelectedIndexChanged="Changed">
                  <asp:ListItem>red</asp:ListItem><asp:ListItem>green</asp:ListItem>
                </asp:DropDownList>
                <asp:TextBox ID="Name" runat="server" AutoPostBack="true" />
                <asp:CheckBox ID="Agree" runat="server" AutoPostBack="true" />
                <asp:Label ID="Log" runat="server" />
                </form>
                """);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/auto.aspx").send().text();
            assertThat(page)
                    .contains("<select name=\"Colors\" onchange=\"javascript:setTimeout(&#39;__doPostBack(\\&#39;Colors"
                            + "\\&#39;,\\&#39;\\&#39;)&#39;, 0)\" id=\"Colors\">")
                    .contains("name=\"Name\" onchange=\"javascript:setTimeout(")
                    .contains("name=\"Agree\" onclick=\"javascript:setTimeout(")
                    .contains("function __doPostBack(eventTarget, eventArgument) {");

            Map<String, String> changed = form(page, "Colors", "green", "Name", "");
            changed.put("__EVENTTARGET", "Colors");
            TestResponse r = post(host, "/auto.aspx", changed);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text()).contains("<span id=\"Log\">changed to green</span>");
        }
    }

    @Test
    void pagesSectionSetsViewStateAndEventValidationDefaultsThatADirectiveOverrides() {
        write(
                site,
                "web.config",
                """
                <configuration><system.web>
                  <pages enableEventValidation="false" viewStateEncryptionMode="Always" />
                </system.web></configuration>
                """);
        write(site, "counter.aspx", COUNTER);
        write(
                site,
                "checked.aspx",
                COUNTER.replace(
                        "<%@ Page Language=\"Java\" %>",
                        "<%@ Page Language=\"Java\" EnableEventValidation=\"true\" ViewStateEncryptionMode=\"Never\" %>"));
        write(
                site,
                "off/web.config",
                "<configuration><system.web><pages enableViewState=\"false\" /></system.web></configuration>");
        write(site, "off/counter.aspx", COUNTER);
        try (TestHost host = TestHost.start(site)) {
            String page = host.get("/counter.aspx").send().text();
            assertThat(page).contains("name=\"__VIEWSTATEENCRYPTED\"").doesNotContain("__EVENTVALIDATION");
            assertThat(post(host, "/counter.aspx", form(page, "Go", "Go")).text())
                    .contains("count 2 postback");

            String checked = host.get("/checked.aspx").send().text();
            assertThat(checked).contains("name=\"__EVENTVALIDATION\"").doesNotContain("__VIEWSTATEENCRYPTED");

            // view state off below: the count starts again on every postback; the inherited settings still hold
            String off = host.get("/off/counter.aspx").send().text();
            assertThat(off).contains("name=\"__VIEWSTATEENCRYPTED\"");
            assertThat(post(host, "/off/counter.aspx", form(off, "Go", "Go")).text())
                    .contains("count 1 postback");
        }
        write(
                site,
                "web.config",
                "<configuration><system.web><pages viewStateEncryptionMode=\"Sometimes\" /></system.web></configuration>");
        // a value that is none of the three: the site does not start, naming the file and line
        assertThatThrownBy(() -> TestHost.start(site))
                .hasMessageContaining(
                        "web.config:1: viewStateEncryptionMode must be Auto, Always or Never: 'Sometimes'");
    }

    @Test
    void aPageHasOneServerForm() {
        write(
                site,
                "two.aspx",
                "<%@ Page Language=\"Java\" %>\n<form runat=\"server\"></form>\n<form runat=\"server\"></form>\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/two.aspx").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("A page can have only one server-side Form tag.");
        }
    }
}
