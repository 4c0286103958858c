package dev.conduit.services.internal;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.HttpResponse;
import dev.conduit.MethodNotAllowedException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.services.SoapException;
import dev.conduit.services.SoapFaultCode;
import dev.conduit.services.WebServiceBase;
import dev.conduit.state.RequiresSessionState;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code .asmx} files, as System.Web's {@code WebServiceHandlerFactory} (whose name, and {@code
 * ScriptHandlerFactory}'s, are aliases of this class): compiles the file's service class on first use and when the
 * file changes, describes it, and picks the protocol the request speaks, in ASP.NET's order:
 *
 * <ul>
 *   <li>a POST to the file itself: SOAP 1.1 or 1.2 ({@link Soap}); the request is read here, so that the handler
 *       knows the operation, and whether it needs the session, before the session is acquired;
 *   <li>{@code GET ?WSDL} (any case): the WSDL ({@link Wsdl});
 *   <li>{@code GET} of the file: the help page ({@link HelpPage});
 *   <li>{@code /Calc.asmx/Add} with {@code application/json}: a script call ({@link ScriptCall}); else, where {@code
 *       <webServices><protocols>} allow, the HttpPost (a form) or HttpGet (a query) protocol ({@link FormCall});
 *   <li>anything else: ASP.NET's "Request format is unrecognized" (500), or 405 for another verb on the file.
 * </ul>
 *
 * Every call gets a new instance of the service class. A problem with the request becomes a fault in its SOAP
 * version's shape; an exception of the method a Server fault whose message only callers that may see details see
 * ({@link HttpContext#isCustomErrorEnabled()}); a {@link SoapException} the fault the service chose.
 */
public final class WebServiceHandlerFactory implements HttpHandlerFactory {
    /** A factory; the runtime makes one per application instance. */
    public WebServiceHandlerFactory() {}

    @Override
    public HttpHandler getHandler(HttpContext context, String verb, String url, String physicalPath) throws Exception {
        FeatureSite site = FeatureSite.of(context);
        String path = context.request().filePath();
        if (!path.toLowerCase(Locale.ROOT).endsWith(".asmx")) {
            throw new HttpException(404, "The resource '" + path + "' cannot be found.");
        }
        Class<?> type = CompiledServices.of(site).serviceClass(path, Path.of(physicalPath));
        ServiceDescription service;
        try {
            service = ServiceDescription.of(type);
        } catch (ServiceDescription.InvalidServiceException e) {
            throw new HttpException(500, "The web service " + path + " cannot be used: " + e.getMessage());
        }
        WebServicesSettings settings = new WebServicesSettings(
                site.section(WebServicesSettings.PROTOCOLS_SECTION, path),
                site.section(WebServicesSettings.JSON_SECTION, path));
        String pathInfo = context.request().pathInfo();
        boolean read = verb.equals("GET") || verb.equals("HEAD");
        if (!pathInfo.isEmpty()) {
            if (ScriptCall.isJson(context.request().contentType())) {
                return ScriptCall.handler(context, service, settings, pathInfo, verb);
            }
            if (pathInfo.length() >= 2) {
                String name = pathInfo.substring(1);
                if (verb.equals("POST") && settings.httpPost(context.request().isLocal())) {
                    return FormCall.handler(service, name, context.request().form());
                }
                if (read && settings.httpGet()) {
                    return FormCall.handler(service, name, context.request().queryString());
                }
            }
            throw new HttpException(
                    500, "Request format is unrecognized for URL unexpectedly ending in '" + pathInfo + "'.");
        }
        if (verb.equals("POST") && (settings.soap11() || settings.soap12())) {
            return soap(context, service, settings);
        }
        if (!settings.documentation()) {
            throw new HttpException(500, "Request format is unrecognized.");
        }
        String query = context.request().url().getRawQuery();
        if (query != null && query.equalsIgnoreCase("wsdl")) {
            if (!read) {
                throw new MethodNotAllowedException("The WSDL is read with GET.", "GET, HEAD");
            }
            return new WsdlHandler(service, settings);
        }
        if (read) {
            return new HelpPage(service, settings);
        }
        throw new MethodNotAllowedException(
                "A web service answers GET (its help page and ?WSDL) and POST (SOAP).", "GET, HEAD, POST");
    }

    private static HttpHandler soap(HttpContext context, ServiceDescription service, WebServicesSettings settings) {
        Soap.Version version = Soap.Version.SOAP11; // the shape of a fault before the version is known
        try {
            version = Soap.version(context, settings.soap11(), settings.soap12());
            Soap.Call call = Soap.read(context, version, service);
            return call.operation().enableSession()
                    ? new SessionSoapHandler(service, call)
                    : new SoapHandler(service, call);
        } catch (Soap.Fault fault) {
            Soap.Version v = fault.shape != null ? fault.shape : version;
            return c -> Soap.writeFault(c, v, fault);
        }
    }

    @Override
    public void releaseHandler(HttpHandler handler) {}

    /** One SOAP call, read: makes the service, calls the method, writes its result or a fault. */
    static class SoapHandler implements HttpHandler {
        private final ServiceDescription service;
        private final Soap.Call call;

        SoapHandler(ServiceDescription service, Soap.Call call) {
            this.service = service;
            this.call = call;
        }

        @Override
        public void processRequest(HttpContext context) throws Exception {
            ServiceDescription.Operation op = call.operation();
            Object instance;
            try {
                instance = service.newInstance();
            } catch (InvocationTargetException e) {
                Soap.writeFault(context, call.version(), fault(context, e.getCause()));
                return;
            }
            if (op.oneWay()) {
                if (!ONE_WAY.tryAcquire()) {
                    Soap.writeFault(
                            context,
                            call.version(),
                            new Soap.Fault(
                                    503,
                                    SoapFaultCode.SERVER,
                                    "Server Too Busy: " + MAX_ONE_WAY + " one-way calls are running.",
                                    null));
                    return;
                }
                // answered before the method runs, as ASP.NET: what it does or throws reaches nobody
                context.response().setStatusCode(202);
                Thread.ofVirtual().name("asmx-oneway-" + op.name()).start(() -> {
                    try {
                        op.method().invoke(instance, call.args());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        System.getLogger(WebServiceHandlerFactory.class.getName())
                                .log(System.Logger.Level.WARNING, "one-way operation " + op.name() + " failed", e);
                    } finally {
                        ONE_WAY.release();
                    }
                });
                return;
            }
            if (instance instanceof WebServiceBase base) {
                base.attach(context);
            }
            Object result;
            try {
                result = op.method().invoke(instance, call.args());
            } catch (InvocationTargetException e) {
                Soap.writeFault(context, call.version(), fault(context, e.getCause()));
                return;
            }
            cacheHeaders(context.response(), op.cacheDuration());
            try {
                Soap.writeResult(context, call, service, result);
            } catch (RuntimeException e) { // a value XML cannot hold (a control character): as the method's error
                if (context.response().isHeadersWritten()) {
                    throw e;
                }
                Soap.writeFault(context, call.version(), fault(context, e));
            }
        }

        private static Soap.Fault fault(HttpContext context, @Nullable Throwable error) {
            if (error instanceof SoapException s) {
                return new Soap.Fault(500, s.code(), s.getMessage(), s.detail());
            }
            String message = "Server was unable to process request.";
            if (!context.isCustomErrorEnabled() && error != null) {
                message += " ---> " + error.getClass().getName() + ": " + error.getMessage();
            }
            return new Soap.Fault(500, SoapFaultCode.SERVER, message, null);
        }
    }

    /** The most one-way calls running at once, per JVM: each runs after its 202, so nothing else bounds them. */
    static final int MAX_ONE_WAY = 64;

    private static final java.util.concurrent.Semaphore ONE_WAY = new java.util.concurrent.Semaphore(MAX_ONE_WAY);

    /** A SOAP call of an operation with {@code enableSession}: the pipeline gives it the session. */
    static final class SessionSoapHandler extends SoapHandler implements RequiresSessionState {
        SessionSoapHandler(ServiceDescription service, Soap.Call call) {
            super(service, call);
        }
    }

    static void cacheHeaders(HttpResponse response, int seconds) {
        response.setHeader("Cache-Control", seconds > 0 ? "public, max-age=" + seconds : "private, max-age=0");
    }

    /** {@code ?WSDL}: the service's WSDL, its ports at this request's URL. */
    private record WsdlHandler(ServiceDescription service, WebServicesSettings settings) implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            HttpResponse res = context.response();
            res.setContentType("text/xml; charset=utf-8");
            var u = context.request().url();
            String location = u.getScheme() + "://" + u.getRawAuthority() + u.getRawPath();
            Wsdl.write(res.outputStream(), service, location, settings.soap11(), settings.soap12());
        }
    }
}
