package dev.conduit.services;

import dev.conduit.HttpContext;
import dev.conduit.HttpServerUtility;
import dev.conduit.state.HttpApplicationState;
import dev.conduit.state.HttpSessionState;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * What a service may extend to reach its request, as ASP.NET's {@code System.Web.Services.WebService} class (which
 * Conduit cannot call {@code WebService}: that is the annotation): the context, the session (only in a method with
 * {@code @WebMethod(enableSession = true)}), the application, the user and the server utility. A service needs no
 * base class; a new instance serves each call.
 */
public abstract class WebServiceBase {
    private @Nullable HttpContext context;

    /** A service. */
    protected WebServiceBase() {}

    /**
     * Gives the service the call's context: the runtime calls it before each call, on the instance made for it.
     *
     * @throws IllegalStateException when the service has a context already (an instance serves one call)
     */
    public final void attach(HttpContext context) {
        if (this.context != null) {
            throw new IllegalStateException("a service instance serves one call");
        }
        this.context = context;
    }

    /**
     * The call's context.
     *
     * @throws IllegalStateException outside a call (in the constructor)
     */
    public HttpContext getContext() {
        HttpContext c = context;
        if (c == null) {
            throw new IllegalStateException(
                    "the service is not serving a call yet (the context is given after the" + " constructor)");
        }
        return c;
    }

    /** The caller's session: null unless the method has {@code enableSession = true}, as in ASP.NET. */
    public @Nullable HttpSessionState getSession() {
        return getContext().session();
    }

    /** The application's state. */
    public HttpApplicationState getApplication() {
        return getContext().application();
    }

    /** The caller, as authentication set it (an anonymous principal when nobody signed in). */
    public Principal getUser() {
        return getContext().user();
    }

    /** The server utility: paths, encoding. */
    public HttpServerUtility getServer() {
        return getContext().server();
    }
}
