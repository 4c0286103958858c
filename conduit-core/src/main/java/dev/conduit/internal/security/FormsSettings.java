package dev.conduit.internal.security;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code <authentication><forms>} settings, with System.Web's defaults where Conduit has the feature.
 *
 * @param cookieName the ticket cookie's name ({@code name}, default {@code .ASPXAUTH})
 * @param loginUrl where a 401 is redirected ({@code loginUrl}, default {@code /login.aspx}): an app-absolute path, or
 *     an absolute http(s) URL
 * @param defaultUrl where a user goes after sign-in without a usable return URL ({@code defaultUrl}, default {@code
 *     /})
 * @param timeout the ticket's lifetime ({@code timeout} in minutes, default 30)
 * @param slidingExpiration whether a ticket past half its lifetime is renewed ({@code slidingExpiration}, default
 *     true)
 * @param requireSsl whether the cookie is Secure and sign-in refused over plain HTTP ({@code requireSSL}, default
 *     false)
 * @param cookiePath the cookie's Path ({@code path}, default {@code /})
 * @param domain the cookie's Domain ({@code domain}), or {@code null} for none
 * @param sameSite the cookie's SameSite ({@code cookieSameSite}: {@code Lax} by default, {@code Strict}, or {@code
 *     None} with requireSSL)
 */
public record FormsSettings(
        String cookieName,
        String loginUrl,
        String defaultUrl,
        Duration timeout,
        boolean slidingExpiration,
        boolean requireSsl,
        String cookiePath,
        @Nullable String domain,
        String sameSite) {

    /** The settings of a {@code <forms/>} without attributes. */
    public static final FormsSettings DEFAULTS =
            new FormsSettings(".ASPXAUTH", "/login.aspx", "/", Duration.ofMinutes(30), true, false, "/", null, "Lax");
}
