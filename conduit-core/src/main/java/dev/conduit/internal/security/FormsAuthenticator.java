package dev.conduit.internal.security;

import dev.conduit.HttpCookie;
import dev.conduit.HttpRequest;
import dev.conduit.HttpResponse;
import dev.conduit.HttpUtility;
import dev.conduit.security.FormsAuthentication;
import dev.conduit.security.RoleProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Forms authentication for one site: reads ticket cookies into users, issues and expires them, and builds the login
 * redirect. Immutable and thread-safe; shared by every request of the site.
 */
public final class FormsAuthenticator {
    private final FormsSettings settings;
    private final TicketProtector protector;
    private final @Nullable RoleProvider roleProvider;

    FormsAuthenticator(FormsSettings settings, TicketProtector protector, @Nullable RoleProvider roleProvider) {
        this.settings = settings;
        this.protector = protector;
        this.roleProvider = roleProvider;
    }

    /** The {@code <forms>} settings. */
    public FormsSettings settings() {
        return settings;
    }

    /**
     * The user of the request's ticket cookie, or {@code null} when it has none that opens and has not expired at
     * {@code now}. When the client sent several cookies of that name (different paths, or one planted from a
     * sibling domain), the first valid one counts. With {@code requireSSL="true"} a ticket that came over plain HTTP
     * is ignored, as in System.Web.
     */
    public @Nullable FormsPrincipal authenticate(HttpRequest request, Instant now) {
        if (settings.requireSsl() && !request.isSecureConnection()) {
            return null;
        }
        for (HttpCookie c : request.cookies()) {
            if (!c.name().equals(settings.cookieName())) {
                continue;
            }
            FormsTicket ticket = protector.unprotect(c.value());
            if (ticket != null && !ticket.isExpiredAt(now)) {
                return new FormsPrincipal(ticket, roleProvider);
            }
        }
        return null;
    }

    /** A new ticket for {@code userName} issued at {@code now} for the configured timeout. */
    public FormsTicket issue(String userName, boolean persistent, Instant now) {
        return FormsTicket.issue(userName, persistent, now, settings.timeout(), settings.cookiePath());
    }

    /**
     * The cookie carrying {@code ticket}: HttpOnly, with the configured path, domain and SameSite; Secure when
     * requireSSL is set or the request came over TLS; Max-Age until the ticket expires when it is persistent, else a
     * session cookie.
     */
    public HttpCookie cookieFor(FormsTicket ticket, Instant now, boolean secureRequest) {
        HttpCookie c = baseCookie(protector.protect(ticket), secureRequest);
        // Whole seconds, as the ticket stores them, so a fresh ticket's Max-Age is exactly its lifetime.
        Duration left = Duration.between(now.truncatedTo(ChronoUnit.SECONDS), ticket.expires());
        return ticket.persistent() ? c.withMaxAge(left) : c;
    }

    /** A cookie that removes the ticket cookie (empty, Max-Age 0, same path and domain). */
    public HttpCookie expiredCookie(boolean secureRequest) {
        return baseCookie("", secureRequest).withMaxAge(Duration.ZERO);
    }

    private HttpCookie baseCookie(String value, boolean secureRequest) {
        return HttpCookie.of(settings.cookieName(), value)
                .withPath(settings.cookiePath())
                .withDomain(settings.domain())
                .withSecure(settings.requireSsl() || secureRequest)
                .withSameSite(settings.sameSite());
    }

    /**
     * Makes a response that sets the ticket cookie (sign-in, sign-out, sliding renewal) private to the browser, so that
     * no shared cache stores one user's cookie for others (System.Web marks such responses {@code no-cache="Set-Cookie"}
     * for the same reason).
     */
    public void keepTicketCookieOutOfSharedCaches(HttpResponse response) {
        for (HttpCookie c : response.cookies()) {
            if (c.name().equals(settings.cookieName())) {
                CachePolicy.makePrivate(response);
                return;
            }
        }
    }

    /**
     * The login URL with {@code ReturnUrl} naming the request: its raw target (path and query as received), URL
     * encoded, as System.Web's {@code loginUrl?ReturnUrl=UrlEncode(RawUrl)}.
     */
    public String loginRedirectUrl(HttpRequest request) {
        String login = settings.loginUrl();
        return login + (login.indexOf('?') < 0 ? '?' : '&') + FormsAuthentication.RETURN_URL + "="
                + HttpUtility.urlEncode(request.rawUrl());
    }

    /** Tells whether the request is for the login page itself (its path, ignoring case). */
    public boolean isLoginPage(HttpRequest request) {
        String login = settings.loginUrl();
        if (!login.startsWith("/")) {
            return false;
        }
        int q = login.indexOf('?');
        String loginPath = q < 0 ? login : login.substring(0, q);
        return request.filePath().equalsIgnoreCase(loginPath);
    }
}
