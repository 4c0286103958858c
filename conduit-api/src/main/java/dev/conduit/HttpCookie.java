package dev.conduit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A cookie, received or to send. Immutable; the {@code with*} methods return changed copies.
 *
 * <p>Cookies created with {@link #of(String, String)} are HttpOnly with {@code SameSite=Lax} and path {@code /},
 * Conduit's safe defaults; a cookie meant for scripts must say {@code withHttpOnly(false)}.
 *
 * @param name the cookie name; a token (no separators, controls or spaces)
 * @param value the value, sent as is; it must not contain CR, LF, {@code ;} or {@code ,}
 * @param path the Path attribute, or {@code null} for none
 * @param domain the Domain attribute, or {@code null} for none
 * @param maxAge the Max-Age attribute (a zero duration deletes the cookie), or {@code null} for a session cookie
 * @param secure whether the cookie is sent over TLS only
 * @param httpOnly whether scripts may not read it
 * @param sameSite the SameSite attribute ({@code Strict}, {@code Lax}, {@code None}), or {@code null} for none
 */
public record HttpCookie(
        String name,
        String value,
        @Nullable String path,
        @Nullable String domain,
        @Nullable Duration maxAge,
        boolean secure,
        boolean httpOnly,
        @Nullable String sameSite) {

    /** Validates the name and value so that a cookie can never split or inject a header. */
    public HttpCookie {
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("cookie name must be a non-empty token: " + name);
        }
        checkAttribute("value", value);
        if (path != null) {
            checkAttribute("path", path);
        }
        if (domain != null) {
            checkAttribute("domain", domain);
        }
        if (sameSite != null && !(sameSite.equals("Strict") || sameSite.equals("Lax") || sameSite.equals("None"))) {
            throw new IllegalArgumentException("SameSite must be Strict, Lax or None: " + sameSite);
        }
    }

    /** A cookie with Conduit's defaults: path {@code /}, HttpOnly, {@code SameSite=Lax}, no expiry. */
    public static HttpCookie of(String name, String value) {
        return new HttpCookie(name, value, "/", null, null, false, true, "Lax");
    }

    /** A copy with another value. */
    public HttpCookie withValue(String newValue) {
        return new HttpCookie(name, newValue, path, domain, maxAge, secure, httpOnly, sameSite);
    }

    /** A copy with another path. */
    public HttpCookie withPath(@Nullable String newPath) {
        return new HttpCookie(name, value, newPath, domain, maxAge, secure, httpOnly, sameSite);
    }

    /** A copy with another domain. */
    public HttpCookie withDomain(@Nullable String newDomain) {
        return new HttpCookie(name, value, path, newDomain, maxAge, secure, httpOnly, sameSite);
    }

    /** A copy with another Max-Age; {@code null} for a session cookie. */
    public HttpCookie withMaxAge(@Nullable Duration newMaxAge) {
        return new HttpCookie(name, value, path, domain, newMaxAge, secure, httpOnly, sameSite);
    }

    /** A copy with the Secure flag set or cleared. */
    public HttpCookie withSecure(boolean newSecure) {
        return new HttpCookie(name, value, path, domain, maxAge, newSecure, httpOnly, sameSite);
    }

    /** A copy with the HttpOnly flag set or cleared. */
    public HttpCookie withHttpOnly(boolean newHttpOnly) {
        return new HttpCookie(name, value, path, domain, maxAge, secure, newHttpOnly, sameSite);
    }

    /** A copy with another SameSite value, or none. */
    public HttpCookie withSameSite(@Nullable String newSameSite) {
        return new HttpCookie(name, value, path, domain, maxAge, secure, httpOnly, newSameSite);
    }

    /** The cookie as a {@code Set-Cookie} header value (RFC 6265). */
    public String toSetCookieHeader() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            sb.append("; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        return sb.toString();
    }

    private static void checkAttribute(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';' || c == ',') {
                throw new IllegalArgumentException(
                        "cookie " + what + " must not contain control characters, ';' or ','");
            }
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
