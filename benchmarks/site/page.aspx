<%@ Page Language="Java" MasterPageFile="~/Site.master" Title="Rows" EnableSessionState="false" %>
<%--
  The harness's "page" test: a content page with a master and a 100-row Repeater, against the same page as a JSP on
  Tomcat (benchmarks/site-jsp/page.jsp). No session, as the JSP (session="false").
--%>
<script runat="server">
  public record Row(int id, String name, double price) {}

  static final List<Row> ROWS = rows();

  static List<Row> rows() {
      List<Row> rows = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
          rows.add(new Row(i, "Item <" + i + ">", i * 1.25));
      }
      return List.copyOf(rows);
  }

  void Page_Load(Object sender, EventArgs e) {
      Rows.setDataSource(ROWS);
      Rows.dataBind();
  }
</script>
<asp:Content ContentPlaceHolderID="Main" runat="server"><table>
<asp:Repeater ID="Rows" runat="server">
<HeaderTemplate><tr><th>Id</th><th>Name</th><th>Price</th></tr></HeaderTemplate>
<ItemTemplate><tr><td><%# Eval("id") %></td><td><%#: Eval("name") %></td><td><%# Eval("price", "{0:F2}") %></td></tr>
</ItemTemplate>
</asp:Repeater>
</table>
</asp:Content>
