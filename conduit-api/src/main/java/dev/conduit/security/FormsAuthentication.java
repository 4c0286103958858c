package dev.conduit.security;

import dev.conduit.HttpContext;
import dev.conduit.spi.FormsAuthenticationService;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Signs users in and out of a site that uses Forms authentication: the Java form of System.Web's {@code
 * FormsAuthentication}.
 *
 * <p>A login handler checks the credentials it was given (Conduit does not store passwords), then calls {@link
 * #redirectFromLoginPage}: the browser gets the ticket cookie and goes back to the page that sent it to the login
 * page. On later requests the {@code FormsAuthentication} module reads the cookie and {@link HttpContext#user()} is
 * the signed-in user.
 *
 * <pre>{@code
 * public void processRequest(HttpContext context) {
 *     var form = context.request().form();
 *     if (users.check(form.getFirst("user"), form.getFirst("password"))) {
 *         FormsAuthentication.redirectFromLoginPage(context, form.getFirst("user"), false);
 *         return;
 *     }
 *     // show the form again
 * }
 * }</pre>
 *
 * <p><b>The cookie.</b> The ticket (user name, issue and expiry time, persistence) is encrypted and authenticated
 * with AES-256-GCM under the site's machine key, so it can be neither read nor forged; a cookie that fails to
 * decrypt, or whose ticket has expired, is simply ignored (the user is anonymous). The cookie is HttpOnly, {@code
 * SameSite=Lax} unless {@code <forms cookieSameSite>} says otherwise, and Secure when {@code requireSSL="true"} or the
 * request came over TLS. A persistent ticket's cookie has a Max-Age (the ticket's lifetime); any other is a session
 * cookie.
 *
 * <p><b>Return URLs.</b> Only local, app-absolute return URLs are ever followed ({@link #isLocalUrl}), so the login
 * page cannot be used to send users to another site (an "open redirect"); anything else goes to the {@code
 * defaultUrl}.
 *
 * <p>Every method must be called on the thread serving {@code context}, before the response's headers were sent. As
 * in System.Web, signing in or out changes the cookie sent back, not {@link HttpContext#user()} for the current
 * request.
 */
public final class FormsAuthentication {
    /** The query-string parameter that carries the return URL: {@value}. */
    public static final String RETURN_URL = "ReturnUrl";

    private static final int MAX_USER_NAME_LENGTH = 256;
    private static final int MAX_DECODING_ROUNDS = 3;

    private static volatile @Nullable FormsAuthenticationService service;

    private FormsAuthentication() {}

    /**
     * Signs {@code userName} in: adds the ticket cookie to the response. The name is stored as given; it must be
     * non-blank, at most 256 characters and free of control characters.
     *
     * @param persistent whether the cookie outlives the browser session (Max-Age) or is a session cookie
     * @throws IllegalArgumentException when the name breaks the rules above
     * @throws IllegalStateException when the site does not use Forms authentication, when {@code requireSSL="true"}
     *     and the request came over plain HTTP, or when the headers were already sent
     */
    public static void signIn(HttpContext context, String userName, boolean persistent) {
        checkUserName(userName);
        checkHeadersNotSent(context);
        service().signIn(context, userName, persistent);
    }

    /**
     * Signs the user out: the response expires the ticket cookie.
     *
     * @throws IllegalStateException when the site does not use Forms authentication, or the headers were already sent
     */
    public static void signOut(HttpContext context) {
        checkHeadersNotSent(context);
        service().signOut(context);
    }

    /**
     * Signs {@code userName} in and redirects (302) to {@link #getRedirectUrl}. As System.Web's {@code
     * RedirectFromLoginPage}, the response is not ended: the handler should return without writing more.
     *
     * @throws IllegalArgumentException when the name is not acceptable (see {@link #signIn})
     * @throws IllegalStateException as {@link #signIn}
     */
    public static void redirectFromLoginPage(HttpContext context, String userName, boolean persistent) {
        signIn(context, userName, persistent);
        context.response().redirect(getRedirectUrl(context), false);
    }

    /**
     * Where to send a user who just signed in: the request's {@code ReturnUrl} (query string first, then a posted
     * form field) when {@link #isLocalUrl} accepts it, else the configured {@code defaultUrl}.
     *
     * @throws IllegalStateException when the site does not use Forms authentication
     */
    public static String getRedirectUrl(HttpContext context) {
        String candidate = context.request().queryString().getFirst(RETURN_URL);
        if (candidate == null) {
            candidate = context.request().form().getFirst(RETURN_URL);
        }
        return isLocalUrl(candidate) ? candidate : service().defaultUrl(context);
    }

    /**
     * Redirects (302) to the configured {@code loginUrl} with a {@code ReturnUrl} naming the current request, as
     * System.Web's {@code RedirectToLoginPage}. The response is not ended.
     *
     * @throws IllegalStateException when the site does not use Forms authentication, or the headers were already sent
     */
    public static void redirectToLoginPage(HttpContext context) {
        context.response().redirect(service().loginRedirectUrl(context), false);
    }

    /**
     * Tells whether {@code url} is safe to redirect to after sign-in: a path on this site, never another host.
     *
     * <p>Accepted: a URL that starts with a single {@code /} followed by anything but {@code /} or {@code \} (so not
     * a scheme-relative {@code //host}), contains no backslash and no control character (browsers drop tabs and
     * newlines, turning {@code /\t/evil} into {@code //evil}). The same rules are applied again to the URL
     * percent-decoded, up to three times, so {@code /%2F%2Fevil} and {@code /%5Cevil} are refused too (a URL still
     * changing after three decodings is refused); a malformed escape or invalid UTF-8 in the URL itself is refused. A URL with a scheme ({@code https:}, {@code javascript:}) cannot start with
     * {@code /}, so it is refused.
     */
    public static boolean isLocalUrl(@Nullable String url) {
        if (url == null) {
            return false;
        }
        String current = url;
        for (int round = 0; ; round++) {
            if (!isLocalForm(current)) {
                return false;
            }
            String decoded = percentDecode(current);
            if (decoded == null) {
                // The URL itself must be well formed; a decoded form that decodes no further is literal text.
                return round > 0;
            }
            if (decoded.equals(current)) {
                return true;
            }
            if (round == MAX_DECODING_ROUNDS) {
                return false; // still changing: nobody encodes a URL that deep by accident
            }
            current = decoded;
        }
    }

    private static boolean isLocalForm(String url) {
        if (url.isEmpty() || url.charAt(0) != '/') {
            return false;
        }
        if (url.length() > 1 && (url.charAt(1) == '/' || url.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} with its %XX escapes decoded as UTF-8 ({@code +} stays); {@code null} when malformed. */
    private static @Nullable String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int hi = Character.digit(text.charAt(i + 1), 16);
            int lo = Character.digit(text.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void checkUserName(String userName) {
        if (userName.isBlank()) {
            throw new IllegalArgumentException("the user name must not be blank");
        }
        if (userName.length() > MAX_USER_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "the user name must be at most " + MAX_USER_NAME_LENGTH + " characters: " + userName.length());
        }
        for (int i = 0; i < userName.length(); i++) {
            if (Character.isISOControl(userName.charAt(i))) {
                throw new IllegalArgumentException("the user name must not contain control characters");
            }
        }
    }

    private static void checkHeadersNotSent(HttpContext context) {
        if (context.response().isHeadersWritten()) {
            throw new IllegalStateException("headers already sent: the ticket cookie can no longer be changed");
        }
    }

    private static FormsAuthenticationService service() {
        FormsAuthenticationService s = service;
        if (s == null) {
            // Racing first calls may both load it; any one of the equal instances will do.
            s = ServiceLoader.load(FormsAuthenticationService.class, FormsAuthenticationService.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no FormsAuthenticationService on the class path: FormsAuthentication needs conduit-core"));
            service = s;
        }
        return s;
    }
}
