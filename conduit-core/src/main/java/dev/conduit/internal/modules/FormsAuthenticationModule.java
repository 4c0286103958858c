package dev.conduit.internal.modules;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.HttpResponse;
import dev.conduit.PipelineEvent;
import dev.conduit.internal.pipeline.ConduitContext;
import dev.conduit.internal.pipeline.NonBlocking;
import dev.conduit.internal.pipeline.SiteAware;
import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.internal.security.FormsAuthenticator;
import dev.conduit.internal.security.FormsPrincipal;
import dev.conduit.internal.security.FormsTicket;
import dev.conduit.internal.security.SiteSecurity;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Forms authentication, as System.Web's {@code FormsAuthenticationModule}: active only when the site root's
 * web.config says {@code <authentication mode="Forms">}; otherwise each event returns at once.
 *
 * <p><b>AuthenticateRequest.</b> Reads the ticket cookie ({@code <forms name>}, default {@code .ASPXAUTH}). A ticket
 * that decrypts, verifies and has not expired (by the request's {@link HttpContext#timestamp()}) makes {@link
 * HttpContext#user()} the signed-in user, authentication type {@code Forms}, with roles from the site's role provider.
 * Anything else (no cookie, a damaged, forged or expired one, a ticket sent over plain HTTP when {@code requireSSL}
 * is set) leaves the user unset, so the DefaultAuthentication step makes it anonymous: never an error page. With
 * {@code slidingExpiration} (the default), a ticket with less than half its lifetime left is renewed: the response
 * carries a new cookie with a new ticket of the same lifetime.
 *
 * <p><b>EndRequest.</b> Any 401 response (typically from {@link UrlAuthorizationModule}) becomes a 302 to {@code
 * loginUrl?ReturnUrl=<the request's raw URL, encoded>}, as System.Web does, unless the request was for the login page
 * itself (a login page that denies anonymous users would otherwise redirect to itself forever; allow it with a {@code
 * <location path="login.ashx">} as in ASP.NET). A response that sets the ticket cookie is made {@code Cache-Control:
 * private}, so no shared cache keeps a cookie meant for one user. Nothing changes once the headers were sent.
 *
 * <p>The ticket key is prepared when the site starts (see {@code dev.conduit.security.FormsAuthentication}).
 */
public final class FormsAuthenticationModule implements HttpModule, SiteAware {
    private @Nullable SiteSecurity security;

    /** Created by the runtime for each application instance. */
    public FormsAuthenticationModule() {}

    /** Runtime use: receives the site before {@link #init}, and prepares its security state (key included). */
    @Override
    public void attachSite(SiteServices site) {
        security = SiteSecurity.of(site);
    }

    @Override
    public void init(HttpApplication application) {
        // CPU work on the request only (ticket decryption, a cookie): both may run on a network thread.
        application.on(PipelineEvent.AUTHENTICATE_REQUEST, (NonBlocking.Subscriber) this::authenticate);
        application.on(PipelineEvent.END_REQUEST, (NonBlocking.Subscriber) this::endRequest);
    }

    private void authenticate(HttpContext context) {
        FormsAuthenticator forms = forms(context);
        if (forms == null) {
            return;
        }
        Instant now = context.timestamp();
        FormsPrincipal user = forms.authenticate(context.request(), now);
        if (user == null) {
            return;
        }
        context.setUser(user);
        FormsTicket ticket = user.ticket();
        if (forms.settings().slidingExpiration() && ticket.isPastHalfLife(now)) {
            boolean secure = context.request().isSecureConnection();
            context.response().addCookie(forms.cookieFor(ticket.renewedAt(now), now, secure));
        }
    }

    private void endRequest(HttpContext context) {
        FormsAuthenticator forms = forms(context);
        if (forms == null) {
            return;
        }
        HttpResponse response = context.response();
        if (response.isHeadersWritten()) {
            return;
        }
        forms.keepTicketCookieOutOfSharedCaches(response);
        if (response.statusCode() == 401 && !forms.isLoginPage(context.request())) {
            response.redirect(forms.loginRedirectUrl(context.request()), false);
        }
    }

    private @Nullable FormsAuthenticator forms(HttpContext context) {
        SiteSecurity s = security;
        if (s == null) {
            s = SiteSecurity.of(ConduitContext.of(context).site());
            security = s;
        }
        return s.forms();
    }
}
