package dev.conduit.spi;

import dev.conduit.HttpContext;

/**
 * The runtime's implementation behind {@link dev.conduit.security.FormsAuthentication}, found with {@link
 * java.util.ServiceLoader} (conduit-core provides the one implementation). Site code has no reason to use it; the
 * facade checks arguments before calling it.
 *
 * <p>Every method is called on a request's thread with that request's context, and reads the settings of that
 * request's site ({@code <authentication mode="Forms">}).
 */
public interface FormsAuthenticationService {

    /**
     * Issues the ticket cookie for {@code userName} on the response.
     *
     * @throws IllegalStateException when the site does not use Forms authentication, or {@code requireSSL} is set and
     *     the request did not come over TLS
     */
    void signIn(HttpContext context, String userName, boolean persistent);

    /**
     * Expires the ticket cookie on the response.
     *
     * @throws IllegalStateException when the site does not use Forms authentication
     */
    void signOut(HttpContext context);

    /**
     * The configured {@code defaultUrl}, where a user goes after signing in when no usable return URL was given.
     *
     * @throws IllegalStateException when the site does not use Forms authentication
     */
    String defaultUrl(HttpContext context);

    /**
     * The configured {@code loginUrl} with {@code ReturnUrl} naming the current request.
     *
     * @throws IllegalStateException when the site does not use Forms authentication
     */
    String loginRedirectUrl(HttpContext context);
}
