<%@ Page Language="Java" MasterPageFile="~/Site.master" Title="News" %>
<%@ Register TagPrefix="demo" TagName="NewsHeader" Src="~/controls/NewsHeader.ascx" %>
<%@ Import Namespace="demo.Db" %>
<%@ Import Namespace="java.time.OffsetDateTime" %>
<%@ Import Namespace="java.time.ZoneOffset" %>
<%-- The news table the RSS and Atom feeds read, through the same class (demo.Db in bin/demo-handlers.jar), bound to
     a Repeater. Eval("Title") finds the record component title(). --%>
<script runat="server">
  public record NewsItem(int id, String title, String summary, String link, OffsetDateTime published) {}

  void Page_Load(Object sender, EventArgs e) {
      List<NewsItem> newsItems = Db.with(getContext(), c -> {
          List<NewsItem> out = new ArrayList<>();
          try (var ps = c.prepareStatement(
                      "SELECT id, title, summary, link, published FROM news ORDER BY published DESC");
                  var rs = ps.executeQuery()) {
              while (rs.next()) {
                  out.add(new NewsItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                          rs.getTimestamp(5).toInstant().atOffset(ZoneOffset.UTC)));
              }
          }
          return out;
      });
      News.setDataSource(newsItems); // News: the Repeater's ID, a field of the page
      News.dataBind();
  }
</script>
<asp:Content ContentPlaceHolderID="Main" runat="server">
<section>
<demo:NewsHeader ID="NewsHeading" runat="server" Heading="Latest news from the database" />
<asp:Repeater ID="News" runat="server">
  <HeaderTemplate><ul class="news"></HeaderTemplate>
  <ItemTemplate>
    <li class="news-item" id="news-<%# Eval("Id") %>">
      <%-- HyperLink writes its Text as it is (as System.Web does): <%#: %> encodes the title. --%>
      <strong><asp:HyperLink runat="server" NavigateUrl='<%# "~" + Eval("Link") %>' Text='<%#: Eval("Title") %>' /></strong>
      <small><%#: Eval("Published", "{0:d MMMM yyyy}") %></small>
      <br><%#: Eval("Summary") %>
    </li>
  </ItemTemplate>
  <SeparatorTemplate>
    <li class="separator" role="separator"><hr></li>
  </SeparatorTemplate>
  <FooterTemplate></ul>
    <p class="try"><asp:HyperLink runat="server" NavigateUrl="~/news.rss">RSS</asp:HyperLink>
      <asp:HyperLink runat="server" NavigateUrl="~/news.feed">Atom</asp:HyperLink></p>
  </FooterTemplate>
</asp:Repeater>
</section>
</asp:Content>
