<%@ page contentType="text/html;charset=UTF-8" session="false" import="java.util.ArrayList,java.util.List" %><%--
  page.jsp written the JSTL way, not measured by the harness (its "page" test takes page.jsp): the layout as a tag file
  (WEB-INF/tags/layout.tag, the closer analogue of a master page, but a tag file's body admits no scriptlets), JSTL's
  forEach as the Repeater, EL, fn:escapeXml and fmt:formatNumber. Its output is page.jsp's, with a Content-Language
  header (JSTL's formatting tags set the response locale). About 10 times slower than page.jsp here, most of it in
  fmt:formatNumber.
  No session (session="false"): the page uses none, and wrk keeps no cookie, so JSP's default would make one per request.
  No newline at the end of this file: it would be output after the layout's.
--%><%@ taglib prefix="t" tagdir="/WEB-INF/tags" %><%--
--%><%@ taglib prefix="c" uri="jakarta.tags.core" %><%--
--%><%@ taglib prefix="fn" uri="jakarta.tags.functions" %><%--
--%><%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %><%!
    /** A JavaBean, as EL 5.0 (Tomcat 10.1) reads properties through getters. */
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
%><% pageContext.setAttribute("rows", ROWS); %><fmt:setLocale value="en_US"/><t:layout title="Rows"><table>
<tr><th>Id</th><th>Name</th><th>Price</th></tr><c:forEach items="${rows}" var="row"><tr><td>${row.id}</td><td>${fn:escapeXml(row.name)}</td><td><fmt:formatNumber value="${row.price}" pattern="0.00"/></td></tr>
</c:forEach></table></t:layout>