<%@ page contentType="text/html;charset=UTF-8" session="false" import="java.util.ArrayList,java.util.List,java.util.Locale" %><%--
  The JSP twin of benchmarks/site/page.aspx, as the harness's "page" test measures it: the master as static includes of
  a header and a footer (WEB-INF/jspf), a list of 100 rows made once, and a loop as its Repeater, the name
  HTML-escaped and the price to 2 decimals. Scriptlets, as Jasper compiles them to plain writes: the strongest JSP
  anchor. page-jstl.jsp is the same page written the JSTL way (a layout tag file, forEach, EL, fn:escapeXml,
  fmt:formatNumber): a tag file's body admits no scriptlets, and JSTL/EL made it about 10 times slower here.
  No session (session="false"): the page uses none, and wrk keeps no cookie, so JSP's default would make one per request.
  No newline at the end of this file: it would be output after the footer's.
--%><%!
    /** A JavaBean (EL 5.0, Tomcat 10.1's, reads properties through getters; Jasper compiles Java 11 by default). */
    public static final class Row {
        private final int id;
        private final String name;
        private final double price;

        public Row(int id, String name, double price) {
            this.id = id;
            this.name = name;
            this.price = price;
        }

        public int getId() { return id; }
        public String getName() { return name; }
        public double getPrice() { return price; }
    }

    static final List<Row> ROWS = rows();

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rows.add(new Row(i, "Item <" + i + ">", i * 1.25));
        }
        return List.copyOf(rows);
    }

    /** HTML-escapes text (what fn:escapeXml does, without the EL function call). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&#034;"); break;
                case '\'': b.append("&#039;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
%><% String title = "Rows"; %><%@ include file="/WEB-INF/jspf/header.jspf" %><table>
<tr><th>Id</th><th>Name</th><th>Price</th></tr><% for (Row row : ROWS) { %><tr><td><%= row.getId() %></td><td><%= escape(row.getName()) %></td><td><%= String.format(Locale.ROOT, "%.2f", row.getPrice()) %></td></tr>
<% } %></table>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>