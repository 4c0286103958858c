package dev.conduit.services.internal;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.HttpResponse;
import dev.conduit.PipelineEvent;
import java.util.Locale;

/**
 * The script services' module, as System.Web.Extensions' {@code ScriptModule} (its ASP.NET name, in the built-in
 * {@code <httpModules>}, is an alias of this class): a script call ({@code application/json} to {@code
 * Service.asmx/Op}) that authorization refused is answered {@code 401} with a JSON error, not the forms
 * authentication's {@code 302} to the login page, which a script cannot follow. It runs at EndRequest after the forms
 * authentication module, as in ASP.NET's module order.
 */
public final class ScriptModule implements HttpModule {
    /** The module; the runtime makes one per application instance. */
    public ScriptModule() {}

    @Override
    public void init(HttpApplication application) {
        application.on(PipelineEvent.END_REQUEST, this::endRequest);
    }

    private void endRequest(HttpContext context) {
        HttpResponse res = context.response();
        if (res.statusCode() != 302 || res.isHeadersWritten() || !isScriptCall(context)) {
            return;
        }
        res.clearHeaders();
        res.clear();
        res.setStatusCode(401);
        res.setContentType("application/json; charset=utf-8");
        res.setHeader("jsonerror", "true");
        res.write("{\"Message\":\"Authentication failed.\",\"StackTrace\":null,"
                + "\"ExceptionType\":\"System.InvalidOperationException\"}");
    }

    /** A JSON call of an operation: {@code /Service.asmx/Op} with {@code application/json}. */
    static boolean isScriptCall(HttpContext context) {
        var request = context.request();
        return !request.pathInfo().isEmpty()
                && request.filePath().toLowerCase(Locale.ROOT).endsWith(".asmx")
                && ScriptCall.isJson(request.contentType());
    }
}
