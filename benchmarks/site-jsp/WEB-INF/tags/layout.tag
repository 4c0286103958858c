<%@ tag body-content="scriptless" pageEncoding="UTF-8" description="The layout (Conduit's Site.master): header, the body, footer" %><%--
--%><%@ attribute name="title" required="true" %><!DOCTYPE html>
<html>
<head><title>${title}</title></head>
<body>
<div id="header"><h1>Conduit bench</h1></div>
<jsp:doBody/>
<div id="footer">footer</div>
</body>
</html>
