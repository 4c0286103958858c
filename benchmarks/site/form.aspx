<%@ Page Language="Java" MasterPageFile="~/Site.master" Title="Guest book" EnableSessionState="false" %>
<%--
  The harness's form tests: the demo's guest book (samples/demo/guestbook.aspx) with its entries in memory instead of
  the database, so that what is measured is the page. form-get: a GET (the form, 20 entries each with a Delete
  LinkButton, their view state and event validation written); form-post: a postback of a filled-in form clicking
  Preview (view state checked and loaded, the post data, the validators, the click, everything written again);
  form-render: this page with view state and event validation off (the harness makes form-render.aspx from this file),
  the render-only anchor of both.
--%>
<script runat="server">
  public record Entry(long id, String name, String topic, String message) {}

  static final List<String> TOPICS = List.of("General", "Handlers", "Pages", "Performance");
  static final List<Entry> ENTRIES = entries();

  static List<Entry> entries() {
      List<Entry> out = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
          out.add(new Entry(i, "Guest <" + i + ">", TOPICS.get(i % TOPICS.size()), "Message number " + i + " & more."));
      }
      return List.copyOf(out);
  }

  void Page_Load(Object sender, EventArgs e) {
      if (!isPostBack()) {
          Topic.setDataSource(TOPICS);
          Topic.dataBind();
          Entries.setDataSource(ENTRIES);
          Entries.dataBind();
      }
  }

  void Preview_Click(Object sender, EventArgs e) {
      if (isValid()) {
          Preview.setText(Name.getText() + " on " + Topic.getSelectedValue() + ": " + Message.getText());
      }
  }

  void Entries_ItemCommand(Object sender, RepeaterCommandEventArgs e) {
      Preview.setText("would delete " + e.getCommandArgument());
  }
</script>
<asp:Content ContentPlaceHolderID="Main" runat="server"><form id="form1" runat="server">
<asp:ValidationSummary ID="Summary" runat="server" HeaderText="Please correct the following:" />
<p><asp:Label runat="server" AssociatedControlID="Name">Your name</asp:Label>
<asp:TextBox ID="Name" runat="server" MaxLength="100" />
<asp:RequiredFieldValidator ID="NameRequired" runat="server" ControlToValidate="Name"
    ErrorMessage="Your name is required." Text="*" /></p>
<p><asp:Label runat="server" AssociatedControlID="Email">E-mail</asp:Label>
<asp:TextBox ID="Email" runat="server" MaxLength="200" />
<asp:RegularExpressionValidator ID="EmailFormat" runat="server" ControlToValidate="Email"
    ValidationExpression="[^@\s]+@[^@\s]+\.[^@\s]+" ErrorMessage="That is not an e-mail address." Text="*" /></p>
<p><asp:Label runat="server" AssociatedControlID="Topic">Topic</asp:Label>
<asp:DropDownList ID="Topic" runat="server" AppendDataBoundItems="true">
  <asp:ListItem Value="">Choose a topic</asp:ListItem>
</asp:DropDownList>
<asp:RequiredFieldValidator ID="TopicRequired" runat="server" ControlToValidate="Topic" ErrorMessage="Choose a topic."
    Text="*" /></p>
<p><asp:Label runat="server" AssociatedControlID="Message">Message</asp:Label>
<asp:TextBox ID="Message" runat="server" TextMode="MultiLine" Rows="4" Columns="50" />
<asp:RequiredFieldValidator ID="MessageRequired" runat="server" ControlToValidate="Message"
    ErrorMessage="Write a message." Text="*" /></p>
<p><asp:Button ID="PreviewButton" runat="server" Text="Preview" OnClick="Preview_Click" />
<asp:Label ID="Preview" runat="server" EnableViewState="false" /></p>
<asp:Repeater ID="Entries" runat="server" OnItemCommand="Entries_ItemCommand">
  <HeaderTemplate><ul></HeaderTemplate>
  <ItemTemplate>
    <li id="entry-<%# Eval("id") %>"><strong><%#: Eval("name") %></strong> <small>on <%#: Eval("topic") %></small>
      <asp:LinkButton ID="Delete" runat="server" CommandName="Delete" CommandArgument='<%# Eval("id") %>'
          CausesValidation="false">Delete</asp:LinkButton>
      <br><%#: Eval("message") %></li>
  </ItemTemplate>
  <FooterTemplate></ul></FooterTemplate>
</asp:Repeater>
</form></asp:Content>
