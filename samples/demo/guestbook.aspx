<%@ Page Language="Java" MasterPageFile="~/Site.master" Title="Guest book" %>
<%@ Import Namespace="demo.GuestBook" %>
<%-- A Web Forms form over the demo database (demo.GuestBook, in bin/demo-handlers.jar): validators checked on the
     server, a DropDownList bound once and kept in view state, Post/Redirect/Get after signing, and a Repeater whose
     Delete link buttons come back as its ItemCommand. --%>
<script runat="server">
  void Page_Load(Object sender, EventArgs e) {
      if (!isPostBack()) {
          Topic.setDataSource(GuestBook.TOPICS); // after the markup's "Choose a topic" (AppendDataBoundItems)
          Topic.dataBind();
          bindEntries();
          Thanks.setVisible(getRequest().queryString().get("signed") != null); // after signing's redirect
      }
  }

  /** The newest entries; bound on a GET and after a delete, re-created from view state on other postbacks. */
  void bindEntries() {
      List<GuestBook.Entry> entries = GuestBook.newest(getContext());
      Entries.setDataSource(entries);
      Entries.dataBind();
      NoEntries.setVisible(entries.isEmpty());
  }

  void Sign_Click(Object sender, EventArgs e) {
      if (!isValid()) {
          return; // the validators show their messages; what was typed is kept
      }
      long id = GuestBook.sign(getContext(), Name.getText(), Email.getText(), Topic.getSelectedValue(),
              Message.getText());
      getResponse().redirect("guestbook.aspx?signed=" + id); // Post/Redirect/Get: a reload does not sign again
  }

  void MessageLength_Validate(Object sender, ServerValidateEventArgs e) {
      e.setIsValid(e.getValue().length() <= GuestBook.MAX_MESSAGE);
  }

  void Entries_ItemCommand(Object sender, RepeaterCommandEventArgs e) {
      if ("Delete".equals(e.getCommandName())) {
          boolean deleted = GuestBook.delete(getContext(), Long.parseLong((String) e.getCommandArgument()));
          Status.setText(deleted ? "The entry was deleted." : "That entry was deleted already.");
          bindEntries();
      }
  }
</script>
<asp:Content ContentPlaceHolderID="Main" runat="server">
<section class="guestbook">
  <h2>Sign the guest book</h2>
  <asp:Label ID="Thanks" runat="server" CssClass="ok" Visible="false" EnableViewState="false">Thank you for signing!</asp:Label>
  <asp:ValidationSummary ID="Summary" runat="server" CssClass="errors"
      HeaderText="Please correct the following:" />
  <p class="field">
    <asp:Label runat="server" AssociatedControlID="Name">Your name</asp:Label>
    <asp:TextBox ID="Name" runat="server" MaxLength="100" />
    <asp:RequiredFieldValidator ID="NameRequired" runat="server" ControlToValidate="Name" CssClass="error"
        ErrorMessage="Your name is required." Text="*" />
  </p>
  <p class="field">
    <asp:Label runat="server" AssociatedControlID="Email">E-mail (optional, never shown)</asp:Label>
    <asp:TextBox ID="Email" runat="server" MaxLength="200" />
    <asp:RegularExpressionValidator ID="EmailFormat" runat="server" ControlToValidate="Email" CssClass="error"
        ValidationExpression="[^@\s]+@[^@\s]+\.[^@\s]+" ErrorMessage="That is not an e-mail address." Text="*" />
  </p>
  <p class="field">
    <asp:Label runat="server" AssociatedControlID="Topic">Topic</asp:Label>
    <asp:DropDownList ID="Topic" runat="server" AppendDataBoundItems="true">
      <asp:ListItem Value="">Choose a topic</asp:ListItem>
    </asp:DropDownList>
    <asp:RequiredFieldValidator ID="TopicRequired" runat="server" ControlToValidate="Topic" CssClass="error"
        ErrorMessage="Choose a topic." Text="*" />
  </p>
  <p class="field">
    <asp:Label runat="server" AssociatedControlID="Message">Message</asp:Label>
    <asp:TextBox ID="Message" runat="server" TextMode="MultiLine" Rows="4" Columns="50" />
    <asp:RequiredFieldValidator ID="MessageRequired" runat="server" ControlToValidate="Message" CssClass="error"
        ErrorMessage="Write a message." Text="*" />
    <asp:CustomValidator ID="MessageLength" runat="server" ControlToValidate="Message" CssClass="error"
        OnServerValidate="MessageLength_Validate" ErrorMessage="A message has at most 1000 characters." Text="*" />
  </p>
  <p><asp:Button ID="Sign" runat="server" Text="Sign" OnClick="Sign_Click" /></p>
</section>
<section>
  <h2>Entries</h2>
  <asp:Label ID="Status" runat="server" CssClass="ok" EnableViewState="false" />
  <asp:Label ID="NoEntries" runat="server" Visible="false">Nobody has signed yet: be the first.</asp:Label>
  <asp:Repeater ID="Entries" runat="server" OnItemCommand="Entries_ItemCommand">
    <HeaderTemplate><ul class="entries"></HeaderTemplate>
    <ItemTemplate>
      <li class="entry" id="entry-<%# Eval("Id") %>">
        <strong><%#: Eval("Name") %></strong> <small>on <%#: Eval("Topic") %></small>
        <asp:LinkButton ID="Delete" runat="server" CommandName="Delete" CommandArgument='<%# Eval("Id") %>'
            CausesValidation="false" CssClass="delete">Delete</asp:LinkButton>
        <br><%#: Eval("Message") %>
      </li>
    </ItemTemplate>
    <FooterTemplate></ul></FooterTemplate>
  </asp:Repeater>
  <p class="try">A demo: anyone may delete an entry.</p>
</section>
</asp:Content>
