package dev.conduit.services.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpResponse;
import dev.conduit.services.WebServiceBase;
import dev.conduit.state.RequiresSessionState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * A call from script to a {@code @ScriptService}, as ASP.NET's {@code RestHandler}: {@code POST /Calc.asmx/Add} with
 * {@code Content-Type: application/json} and the parameters as an object's properties ({@code {"a":2,"b":3}}; an empty
 * body is no parameters), or a GET with each parameter a JSON value in the query string when the method has {@code
 * @ScriptMethod(useHttpGet = true)}. The answer is {@code {"d": result}} ({@code application/json; charset=utf-8}), or
 * XML for {@code ResponseFormat.XML}. Errors are 500 with the header {@code jsonerror: true} and {@code {"Message",
 * "StackTrace", "ExceptionType"}}, the first generic and the others empty where custom errors hide details.
 */
final class ScriptCall {
    /** The message of every error where custom errors hide details, as ASP.NET's. */
    static final String GENERIC = "There was an error processing the request.";

    /** A call that cannot be made: its message, and the .NET-style type named in the error. */
    static final class CallException extends Exception {
        private static final long serialVersionUID = 1L;
        final String exceptionType;

        CallException(String message, String exceptionType) {
            super(message);
            this.exceptionType = exceptionType;
        }
    }

    private ScriptCall() {}

    /**
     * The handler of a script call of {@code service} named by {@code pathInfo}: reads and checks everything it can
     * before the handler runs (so that it knows whether the call needs the session), answering an error otherwise.
     */
    static HttpHandler handler(
            HttpContext context,
            ServiceDescription service,
            WebServicesSettings settings,
            String pathInfo,
            String verb) {
        try {
            if (!service.scriptService()) {
                throw new CallException(
                        "Only Web services with a [ScriptService] attribute on the class definition can be called"
                                + " from script.",
                        "System.InvalidOperationException");
            }
            String name = pathInfo.substring(1);
            ServiceDescription.Operation op = service.operations().get(name);
            if (op == null) {
                throw new CallException(
                        "Unknown web method " + name + ".\r\nParameter name: methodName", "System.ArgumentException");
            }
            boolean get = verb.equals("GET") || verb.equals("HEAD");
            if (get && !op.scriptGet() || !get && !verb.equals("POST")) {
                throw new CallException(
                        "An attempt was made to call the method '" + name + "' using a " + verb + " request, which is"
                                + " not allowed.",
                        "System.InvalidOperationException");
            }
            Object[] args = get ? fromQuery(context, op) : fromBody(context, op, settings.maxJsonLength());
            return op.enableSession()
                    ? new SessionCall(service, op, args, settings.maxJsonLength())
                    : new Call(service, op, args, settings.maxJsonLength());
        } catch (CallException e) {
            return c -> error(c, e.getMessage(), e.exceptionType, null);
        }
    }

    private static Object[] fromBody(HttpContext context, ServiceDescription.Operation op, int maxJsonLength)
            throws CallException {
        String body;
        try (InputStream in = context.request().inputStream()) {
            // at most 4 bytes of UTF-8 per character; a maxJsonLength near Integer.MAX_VALUE must not overflow
            byte[] bytes = in.readNBytes((int) Math.min(4L * maxJsonLength + 1, Integer.MAX_VALUE - 16));
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CallException("The request body could not be read: " + e.getMessage(), "System.IO.IOException");
        }
        if (body.length() > maxJsonLength) {
            throw tooLong();
        }
        JsonNode root;
        if (body.isBlank()) {
            root = JsonCodec.MAPPER.createObjectNode();
        } else {
            try {
                root = JsonCodec.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new CallException(
                        "Invalid JSON primitive: " + e.getOriginalMessage() + ".", "System.ArgumentException");
            }
        }
        if (root == null || !root.isObject()) {
            throw new CallException(
                    "Invalid JSON: the parameters are an object of their names.", "System.ArgumentException");
        }
        Object[] args = new Object[op.params().size()];
        for (int i = 0; i < args.length; i++) {
            ServiceDescription.Param p = op.params().get(i);
            if (!root.has(p.name())) {
                throw new CallException(
                        "Invalid web service call, missing value for parameter: '" + p.name() + "'.",
                        "System.InvalidOperationException");
            }
            args[i] = read(root.get(p.name()), p, op);
        }
        return args;
    }

    private static Object[] fromQuery(HttpContext context, ServiceDescription.Operation op) throws CallException {
        var query = context.request().queryString();
        Object[] args = new Object[op.params().size()];
        for (int i = 0; i < args.length; i++) {
            ServiceDescription.Param p = op.params().get(i);
            String text = query.get(p.name());
            if (text == null) {
                throw new CallException(
                        "Invalid web service call, missing value for parameter: '" + p.name() + "'.",
                        "System.InvalidOperationException");
            }
            JsonNode node;
            try {
                node = JsonCodec.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new CallException("Invalid JSON primitive: " + text + ".", "System.ArgumentException");
            }
            args[i] = read(node, p, op);
        }
        return args;
    }

    private static @Nullable Object read(JsonNode node, ServiceDescription.Param p, ServiceDescription.Operation op)
            throws CallException {
        try {
            return JsonCodec.read(node, p.type(), p.name()); // a value type's default for null
        } catch (JsonCodec.BadJsonException e) {
            throw new CallException(e.getMessage(), "System.InvalidOperationException");
        }
    }

    private static CallException tooLong() {
        return new CallException(
                "Error during serialization or deserialization using the JSON JavaScriptSerializer. The length of the"
                        + " string exceeds the value set on the maxJsonLength property.",
                "System.InvalidOperationException");
    }

    /** Writes an error as ASP.NET's script services do. */
    static void error(HttpContext context, String message, String exceptionType, @Nullable Throwable error) {
        HttpResponse res = context.response();
        res.clear();
        res.setStatusCode(500);
        res.setContentType("application/json; charset=utf-8");
        res.setHeader("jsonerror", "true");
        boolean hide = context.isCustomErrorEnabled();
        String stack = "";
        if (!hide && error != null) {
            StringWriter w = new StringWriter();
            error.printStackTrace(new PrintWriter(w));
            stack = w.toString();
        }
        try (JsonGenerator g = JsonCodec.MAPPER.getFactory().createGenerator(res.outputStream())) {
            g.writeStartObject();
            g.writeStringField("Message", hide ? GENERIC : message);
            g.writeStringField("StackTrace", stack);
            g.writeStringField("ExceptionType", hide ? "" : exceptionType);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A call read: makes the service, calls the method, writes {@code {"d": result}} or the error. */
    static class Call implements HttpHandler {
        private final ServiceDescription service;
        private final ServiceDescription.Operation op;
        private final Object[] args;
        private final int maxJsonLength;

        Call(ServiceDescription service, ServiceDescription.Operation op, Object[] args, int maxJsonLength) {
            this.service = service;
            this.op = op;
            this.args = args;
            this.maxJsonLength = maxJsonLength;
        }

        @Override
        public void processRequest(HttpContext context) throws Exception {
            Object result;
            try {
                Object instance = service.newInstance(); // a constructor's exception is the call's error too
                if (instance instanceof WebServiceBase base) {
                    base.attach(context);
                }
                result = op.method().invoke(instance, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                error(
                        context,
                        String.valueOf(cause.getMessage()),
                        cause.getClass().getName(),
                        cause);
                return;
            }
            HttpResponse res = context.response();
            WebServiceHandlerFactory.cacheHeaders(res, op.cacheDuration());
            if (op.scriptXml()) {
                res.setContentType("text/xml; charset=utf-8");
                if (result instanceof String s) {
                    res.write(s); // as ASP.NET: a string is the XML itself
                } else {
                    writeXml(res, service, op, result);
                }
                return;
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream(256);
            try (JsonGenerator g = JsonCodec.MAPPER.getFactory().createGenerator(json)) {
                g.writeStartObject();
                g.writeFieldName("d");
                if (op.result() == null) {
                    g.writeNull();
                } else {
                    JsonCodec.write(g, op.result(), result);
                }
                g.writeEndObject();
            }
            if (json.size() > maxJsonLength) { // bytes ≥ characters: only a response that may be too long is decoded
                if (json.toString(StandardCharsets.UTF_8).length() > maxJsonLength) {
                    CallException e = tooLong();
                    error(context, e.getMessage(), e.exceptionType, null);
                    return;
                }
            }
            res.setContentType("application/json; charset=utf-8");
            json.writeTo(res.outputStream());
        }
    }

    /** A call of an operation with {@code enableSession}. */
    static final class SessionCall extends Call implements RequiresSessionState {
        SessionCall(ServiceDescription service, ServiceDescription.Operation op, Object[] args, int maxJsonLength) {
            super(service, op, args, maxJsonLength);
        }
    }

    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    /**
     * The result as XML, as the HttpGet and HttpPost protocols answer: {@code <int xmlns="ns">5</int>}, the element
     * named after the result's type; nothing for void.
     */
    static void writeXml(
            HttpResponse res, ServiceDescription service, ServiceDescription.Operation op, @Nullable Object result) {
        XmlType type = op.result();
        if (type == null) {
            return;
        }
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(res.outputStream(), "utf-8");
            w.writeStartDocument("utf-8", "1.0");
            w.writeCharacters("\n");
            String root = type.schemaName();
            if (result == null) {
                w.writeEmptyElement(root);
                w.writeDefaultNamespace(service.namespace());
                w.writeNamespace("xsi", XmlCodec.XSI);
                w.writeAttribute("xsi", XmlCodec.XSI, "nil", "true");
            } else {
                w.writeStartElement(root);
                w.writeDefaultNamespace(service.namespace());
                if (!(type instanceof XmlType.Simple) && !(type instanceof XmlType.EnumType)) {
                    w.writeNamespace("xsi", XmlCodec.XSI);
                }
                XmlCodec.writeContent(w, type, result);
                w.writeEndElement();
            }
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the result failed", e);
        }
    }

    /** The media type that makes a call a script call: {@code application/json}. */
    static boolean isJson(@Nullable String contentType) {
        return Soap.mediaType(contentType).equals("application/json");
    }
}
