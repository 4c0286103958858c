package dev.conduit.services.internal;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.NameValueCollection;
import dev.conduit.services.WebServiceBase;
import dev.conduit.state.RequiresSessionState;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * A call over the HttpGet or HttpPost protocol, as ASP.NET's: {@code GET /Calc.asmx/Add?a=2&b=3}, or a form POST to
 * {@code /Calc.asmx/Add} (the help page's test form), the parameters by name (an array parameter from every value of
 * its name); only operations whose parameters are simple types (or arrays of them) can be called so. The answer is
 * the result as XML ({@code <int xmlns="...">5</int>}). Errors are the site's error page, as ASP.NET's.
 */
final class FormCall {
    private FormCall() {}

    /**
     * The handler of a call of operation {@code name} with {@code fields} (the query or the form).
     *
     * @throws HttpException 500 for an operation that is not there or cannot be called so, a missing parameter or a
     *     value that is not of its type
     */
    static HttpHandler handler(ServiceDescription service, String name, NameValueCollection fields) {
        ServiceDescription.Operation op = service.operations().get(name);
        if (op == null || !callable(op)) {
            throw new HttpException(500, name + " Web Service method name is not valid.");
        }
        Object[] args = new Object[op.params().size()];
        for (int i = 0; i < args.length; i++) {
            ServiceDescription.Param p = op.params().get(i);
            List<String> values = fields.getAll(p.name());
            if (p.type() instanceof XmlType.ArrayType a) {
                List<Object> items = new ArrayList<>();
                for (String v : values) {
                    items.add(convert(v, a.item(), p.name()));
                }
                args[i] = a.of(items);
            } else {
                if (values.isEmpty()) {
                    throw new HttpException(500, "Missing parameter: " + p.name() + ".");
                }
                args[i] = convert(values.get(0), p.type(), p.name());
            }
        }
        return op.enableSession() ? new SessionCall(service, op, args) : new Call(service, op, args);
    }

    /** Whether every parameter is a simple type, an enum, or an array of those. */
    static boolean callable(ServiceDescription.Operation op) {
        for (ServiceDescription.Param p : op.params()) {
            XmlType t = p.type() instanceof XmlType.ArrayType a ? a.item() : p.type();
            if (!(t instanceof XmlType.Simple) && !(t instanceof XmlType.EnumType)) {
                return false;
            }
        }
        return true;
    }

    private static Object convert(String text, XmlType type, String name) {
        try {
            if (type instanceof XmlType.EnumType e) {
                for (Object c : e.javaType().getEnumConstants()) {
                    if (((Enum<?>) c).name().equals(text.trim())) {
                        return c;
                    }
                }
            } else if (type instanceof XmlType.Simple s) {
                return s.parse().apply(text);
            }
        } catch (RuntimeException e) {
            // the message below
        }
        throw new HttpException(
                500,
                "Cannot convert " + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + " to "
                        + type.schemaName() + ".\r\nParameter name: " + name);
    }

    /** Makes the service, calls the method, writes the result as XML. */
    static class Call implements HttpHandler {
        private final ServiceDescription service;
        private final ServiceDescription.Operation op;
        private final Object[] args;

        Call(ServiceDescription service, ServiceDescription.Operation op, Object[] args) {
            this.service = service;
            this.op = op;
            this.args = args;
        }

        @Override
        public void processRequest(HttpContext context) throws Exception {
            Object instance = service.newInstance();
            if (instance instanceof WebServiceBase base) {
                base.attach(context);
            }
            Object result;
            try {
                result = op.method().invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e; // the site's error page, as ASP.NET's
            }
            context.response().setContentType("text/xml; charset=utf-8");
            WebServiceHandlerFactory.cacheHeaders(context.response(), op.cacheDuration());
            ScriptCall.writeXml(context.response(), service, op, result);
        }
    }

    /** A call of an operation with {@code enableSession}. */
    static final class SessionCall extends Call implements RequiresSessionState {
        SessionCall(ServiceDescription service, ServiceDescription.Operation op, Object[] args) {
            super(service, op, args);
        }
    }
}
