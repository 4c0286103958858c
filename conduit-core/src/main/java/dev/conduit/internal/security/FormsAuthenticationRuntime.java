package dev.conduit.internal.security;

import dev.conduit.HttpContext;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.ContextHandle;
import dev.conduit.spi.FormsAuthenticationService;

/**
 * The implementation behind {@link dev.conduit.security.FormsAuthentication}, registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services}. Stateless: each call works on the site of the context it is
 * given.
 */
public final class FormsAuthenticationRuntime implements FormsAuthenticationService {

    /** Created by {@link java.util.ServiceLoader}. */
    public FormsAuthenticationRuntime() {}

    @Override
    public void signIn(HttpContext context, String userName, boolean persistent) {
        FormsAuthenticator forms = forms(context);
        boolean secure = context.request().isSecureConnection();
        if (forms.settings().requireSsl() && !secure) {
            throw new IllegalStateException("requireSSL is set: sign users in over HTTPS only (this request came over"
                    + " plain HTTP, and a Secure cookie set over it would be lost)");
        }
        FormsTicket ticket = forms.issue(userName, persistent, context.timestamp());
        context.response().addCookie(forms.cookieFor(ticket, context.timestamp(), secure));
    }

    @Override
    public void signOut(HttpContext context) {
        FormsAuthenticator forms = forms(context);
        context.response().addCookie(forms.expiredCookie(context.request().isSecureConnection()));
    }

    @Override
    public String defaultUrl(HttpContext context) {
        return forms(context).settings().defaultUrl();
    }

    @Override
    public String loginRedirectUrl(HttpContext context) {
        return forms(context).loginRedirectUrl(context.request());
    }

    private static FormsAuthenticator forms(HttpContext context) {
        if (!(context instanceof ContextHandle handle)) {
            throw new IllegalArgumentException("FormsAuthentication needs the context the Conduit runtime passed in,"
                    + " not a " + context.getClass().getName());
        }
        ConduitContext c = ConduitContext.of(handle);
        FormsAuthenticator forms = SiteSecurity.of(c.site()).forms();
        if (forms == null) {
            throw new IllegalStateException("this site does not use Forms authentication: set <authentication"
                    + " mode=\"Forms\"> in the site root's web.config");
        }
        return forms;
    }
}
