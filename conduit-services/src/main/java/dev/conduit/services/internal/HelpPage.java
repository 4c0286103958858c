package dev.conduit.services.internal;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpResponse;
import dev.conduit.HttpUtility;
import dev.conduit.services.WebService;
import java.nio.charset.StandardCharsets;

/**
 * The help page of a service ({@code GET /Calc.asmx}), as ASP.NET's {@code DefaultWsdlHelpGenerator.aspx}: the service's
 * name and description, its operations (each linking to {@code ?op=Name}), the link to the WSDL, and the warning
 * while the namespace is {@code http://tempuri.org/}. {@code ?op=Name} shows the operation's description and sample
 * SOAP 1.1 and 1.2 requests and responses, placeholders standing for the values.
 */
final class HelpPage implements HttpHandler {
    private final ServiceDescription service;
    private final WebServicesSettings settings;

    HelpPage(ServiceDescription service, WebServicesSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    @Override
    public void processRequest(HttpContext context) {
        HttpResponse res = context.response();
        res.setContentType("text/html");
        res.setCharset(StandardCharsets.UTF_8);
        String file = context.request().filePath();
        String self = file.substring(file.lastIndexOf('/') + 1);
        String opName = context.request().queryString().get("op");
        ServiceDescription.Operation op =
                opName == null ? null : service.operations().get(opName);
        StringBuilder b = new StringBuilder(4096);
        String name = HttpUtility.htmlEncode(service.name());
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(name)
                .append(" Web Service</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2430}"
                        + "header{background:#1d2430;color:#fff;padding:1.2rem 1.5rem}main{padding:1rem 1.5rem;"
                        + "max-width:60rem}pre{background:#f4f6fa;border:1px solid #dde2ea;padding:.6rem;overflow-x:"
                        + "auto}.warning{border-left:4px solid #c77700;padding-left:.8rem}</style>\n</head>\n<body>\n"
                        + "<header><h1>")
                .append(name)
                .append("</h1></header>\n<main>\n");
        if (op == null) {
            if (opName != null) {
                b.append("<p>The service has no operation named <code>")
                        .append(HttpUtility.htmlEncode(opName))
                        .append("</code>.</p>\n");
            }
            if (!service.description().isEmpty()) {
                b.append("<p>")
                        .append(HttpUtility.htmlEncode(service.description()))
                        .append("</p>\n");
            }
            b.append("<p>The following operations are supported. For a formal definition, please review the <a href=\"")
                    .append(HttpUtility.htmlEncode(self))
                    .append("?WSDL\">Service Description</a>.</p>\n<ul id=\"operations\">\n");
            for (ServiceDescription.Operation o : service.operations().values()) {
                b.append("<li><a href=\"")
                        .append(HttpUtility.htmlEncode(self + "?op=" + o.name()))
                        .append("\">")
                        .append(HttpUtility.htmlEncode(o.name()))
                        .append("</a>");
                if (!o.description().isEmpty()) {
                    b.append("<br>").append(HttpUtility.htmlEncode(o.description()));
                }
                b.append("</li>\n");
            }
            b.append("</ul>\n");
            if (service.namespace().equals(WebService.DEFAULT_NAMESPACE)) {
                b.append(
                        "<div class=\"warning\"><p><strong>This web service is using http://tempuri.org/ as its default"
                                + " namespace.</strong></p><p>Recommendation: Change the default namespace before the web"
                                + " service is made public. Each web service needs a unique namespace in order for client"
                                + " applications to distinguish it from other services on the Web. Set it with"
                                + " <code>@WebService(namespace = \"http://example.com/services/\")</code>.</p></div>\n");
            }
        } else {
            b.append("<p><a href=\"")
                    .append(HttpUtility.htmlEncode(self))
                    .append("\">Click here</a> for a complete list" + " of operations.</p>\n<h2>")
                    .append(HttpUtility.htmlEncode(op.name()))
                    .append("</h2>\n");
            if (!op.description().isEmpty()) {
                b.append("<p>").append(HttpUtility.htmlEncode(op.description())).append("</p>\n");
            }
            testForm(b, context, self, op);
            String host = context.request().url().getRawAuthority();
            for (Soap.Version v : Soap.Version.values()) {
                boolean v11 = v == Soap.Version.SOAP11;
                b.append("<h3>SOAP ")
                        .append(v11 ? "1.1" : "1.2")
                        .append("</h3>\n<p>The following is a sample SOAP ")
                        .append(v11 ? "1.1" : "1.2")
                        .append(" request and response. The <strong>placeholders</strong> shown need to be replaced"
                                + " with actual values.</p>\n<pre>");
                StringBuilder req = new StringBuilder();
                req.append("POST ")
                        .append(file)
                        .append(" HTTP/1.1\nHost: ")
                        .append(host)
                        .append("\nContent-Type: ")
                        .append(v11 ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8")
                        .append("\nContent-Length: length\n");
                if (v11) {
                    req.append("SOAPAction: \"").append(op.action()).append("\"\n");
                }
                req.append('\n').append(envelope(v, op.name(), op, true));
                b.append(HttpUtility.htmlEncode(req.toString())).append("</pre>\n<pre>");
                if (!op.oneWay()) {
                    String resp = "HTTP/1.1 200 OK\nContent-Type: "
                            + (v11 ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8")
                            + "\nContent-Length: length\n\n" + envelope(v, op.responseElement(), op, false);
                    b.append(HttpUtility.htmlEncode(resp));
                } else {
                    b.append("HTTP/1.1 202 Accepted");
                }
                b.append("</pre>\n");
            }
        }
        b.append("</main>\n</body>\n</html>\n");
        res.write(b.toString());
    }

    /**
     * The test form, as ASP.NET's: only where the HttpPost protocol would take its post (HttpPost, or
     * HttpPostLocalhost for a caller on this machine), and only for operations of simple parameters.
     */
    private void testForm(StringBuilder b, HttpContext context, String self, ServiceDescription.Operation op) {
        b.append("<h3>Test</h3>\n");
        if (!settings.testForm(context.request().isLocal())) {
            b.append("<p>The test form is only available for requests from the local machine.</p>\n");
            return;
        }
        if (!FormCall.callable(op)) {
            b.append("<p>The test form is only available for methods with primitive types as parameters.</p>\n");
            return;
        }
        b.append("<p>To test the operation using the HTTP POST protocol, click the 'Invoke' button.</p>\n"
                        + "<form id=\"test\" target=\"_blank\" action=\"")
                .append(HttpUtility.htmlEncode(self + "/" + op.name()))
                .append("\" method=\"POST\">\n<table>\n<tr><th>Parameter</th><th>Value</th></tr>\n");
        for (ServiceDescription.Param p : op.params()) {
            String n = HttpUtility.htmlEncode(p.name());
            b.append("<tr><td>")
                    .append(n)
                    .append(":</td><td><input type=\"text\" size=\"50\" name=\"")
                    .append(n)
                    .append("\"></td></tr>\n");
        }
        b.append("<tr><td></td><td><input type=\"submit\" value=\"Invoke\"></td></tr>\n</table>\n</form>\n");
    }

    private String envelope(Soap.Version v, String element, ServiceDescription.Operation op, boolean request) {
        String prefix = v == Soap.Version.SOAP11 ? "soap" : "soap12";
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<")
                .append(prefix)
                .append(":Envelope xmlns:xsi=\"")
                .append(XmlCodec.XSI)
                .append("\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:")
                .append(prefix)
                .append("=\"")
                .append(v.envelopeNs)
                .append("\">\n  <")
                .append(prefix)
                .append(":Body>\n    <")
                .append(element)
                .append(" xmlns=\"")
                .append(service.namespace())
                .append("\">\n");
        if (request) {
            for (ServiceDescription.Param p : op.params()) {
                sample(x, p.name(), p.type(), 3, 0);
            }
        } else if (op.result() != null) {
            sample(x, op.resultElement(), op.result(), 3, 0);
        }
        x.append("    </")
                .append(element)
                .append(">\n  </")
                .append(prefix)
                .append(":Body>\n</")
                .append(prefix)
                .append(":Envelope>");
        return x.toString();
    }

    /** A sample element: a placeholder naming the type, nested types shown to a few levels. */
    private static void sample(StringBuilder x, String name, XmlType type, int indent, int depth) {
        String pad = "  ".repeat(indent);
        switch (type) {
            case XmlType.Simple s ->
                x.append(pad)
                        .append('<')
                        .append(name)
                        .append('>')
                        .append(s.schemaName())
                        .append("</")
                        .append(name)
                        .append(">\n");
            case XmlType.EnumType e ->
                x.append(pad)
                        .append('<')
                        .append(name)
                        .append('>')
                        .append(String.join(" or ", e.names()))
                        .append("</")
                        .append(name)
                        .append(">\n");
            case XmlType.ArrayType a -> {
                x.append(pad).append('<').append(name).append(">\n");
                if (depth < 3) {
                    sample(x, a.item().itemElementName(), a.item(), indent + 1, depth + 1);
                    sample(x, a.item().itemElementName(), a.item(), indent + 1, depth + 1);
                }
                x.append(pad).append("</").append(name).append(">\n");
            }
            case XmlType.Complex c -> {
                x.append(pad).append('<').append(name).append(">\n");
                if (depth < 3) {
                    for (XmlType.Property p : c.properties()) {
                        sample(x, p.name(), p.type(), indent + 1, depth + 1);
                    }
                }
                x.append(pad).append("</").append(name).append(">\n");
            }
        }
    }
}
