package dev.conduit.services.internal;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.HttpResponse;
import dev.conduit.PipelineEvent;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The script services' module, as System.Web.Extensions' {@code ScriptModule} (its ASP.NET name, in the built-in
 * {@code <httpModules>}, is an alias of this class): a script call ({@code application/json} to {@code
 * Service.asmx/Op}) that authorization refused is answered {@code 401} with a JSON error, not the forms
 * authentication's {@code 302} to the login page, which a script cannot follow. It runs at EndRequest after the forms
 * authentication module, as in ASP.NET's module order.
 *
 * <p>Its subscriber is asynchronous, completed at once: a synchronous one may block, so the runtime would move every
 * request of the site (this module is in the built-in list) to a virtual thread for its EndRequest, and an
 * asynchronous handler's requests would leave their network thread for it (through {@code conduit run}, pipelined
 * requests to an asynchronous {@code .ashx} ran at a third of their rate).
 */
public final class ScriptModule implements HttpModule {
    /** The module; the runtime makes one per application instance. */
    public ScriptModule() {}

    @Override
    public void init(HttpApplication application) {
        application.onAsync(PipelineEvent.END_REQUEST, this::endRequest);
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Work on the request only: it never waits. */
    private CompletionStage<Void> endRequest(HttpContext context) {
        HttpResponse res = context.response();
        if (res.statusCode() != 302 || res.isHeadersWritten() || !isScriptCall(context)) {
            return DONE;
        }
        res.clearHeaders();
        res.clear();
        res.setStatusCode(401);
        res.setContentType("application/json; charset=utf-8");
        res.setHeader("jsonerror", "true");
        res.write("{\"Message\":\"Authentication failed.\",\"StackTrace\":null,"
                + "\"ExceptionType\":\"System.InvalidOperationException\"}");
        return DONE;
    }

    /** A JSON call of an operation: {@code /Service.asmx/Op} with {@code application/json}. */
    static boolean isScriptCall(HttpContext context) {
        var request = context.request();
        return !request.pathInfo().isEmpty()
                && request.filePath().toLowerCase(Locale.ROOT).endsWith(".asmx")
                && ScriptCall.isJson(request.contentType());
    }
}
