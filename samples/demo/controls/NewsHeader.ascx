<%@ Control Language="Java" %>
<%-- A user control: news.aspx sets Heading in its markup (<uc:NewsHeader Heading="..." runat="server" />).
     .ascx files are never served themselves (403). --%>
<script runat="server">
  private String heading = "News";

  public String getHeading() { return heading; }

  public void setHeading(String heading) { this.heading = heading; }
</script>
<div class="news-header">
  <h2><%: heading %></h2>
  <p>Read from the demo database at <time><%: java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")) %></time>.</p>
</div>
