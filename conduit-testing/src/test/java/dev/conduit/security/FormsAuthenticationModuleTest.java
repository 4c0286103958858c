package dev.conduit.security;

import static dev.conduit.security.AuthSite.HANDLERS;
import static dev.conduit.security.AuthSite.cookiePair;
import static dev.conduit.security.AuthSite.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forms authentication in memory: the login redirect, the ticket cookie's attributes, sliding renewal, expiry,
 * sign-out, requireSSL, and cookies that must never authenticate (tampered, foreign, garbage).
 */
class FormsAuthenticationModuleTest {
    private static final String COOKIE = ".ASPXAUTH";
    /** The site's web.config: Forms with the login page, then {@code %s} for more {@code <forms>} attributes. */
    private static final String CONFIG =
            """
            <configuration>
              <system.web>
                <authentication mode="Forms">
                  <forms loginUrl="~/login.ashx" timeout="20" %s/>
                </authentication>
            """
                    + HANDLERS
                    + """
              </system.web>
              <location path="members">
                <system.web><authorization><deny users="?"/></authorization></system.web>
              </location>
            </configuration>
            """;

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(Instant.parse("2030-01-01T10:00:00.750Z"));
    private TestHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private TestHost start(String formsAttributes) {
        host = SiteBuilder.in(site)
                .webConfig(CONFIG.formatted(formsAttributes))
                .file("style.css", "body{}")
                .start(o -> o.withClock(clock));
        return host;
    }

    private String signIn(String user) {
        TestResponse r = host.get("/signin.ashx?user=" + user).send();
        assertThat(r.status()).isEqualTo(200);
        return cookiePair(r, COOKIE);
    }

    private String whoAmI(String cookie) {
        TestResponse r = host.get("/whoami.ashx").header("Cookie", cookie).send();
        assertThat(r.status()).isEqualTo(200);
        return r.text();
    }

    @Test
    void anonymousRequestForAProtectedFolderIsRedirectedToTheLoginPageWithTheEncodedReturnUrl() {
        start("");

        TestResponse r = host.get("/members/whoami.ashx?x=1&y=%C3%A9").send();

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location"))
                .isEqualTo("/login.ashx?ReturnUrl=%2Fmembers%2Fwhoami.ashx%3Fx%3D1%26y%3D%25C3%25A9");
    }

    @Test
    void loginSetsTheCookieAndGoesBackToTheReturnUrlWhereTheUserIsSignedIn() {
        start("");

        TestResponse login = host.post("/login.ashx?ReturnUrl=%2Fmembers%2Fwhoami.ashx")
                .body("application/x-www-form-urlencoded", "user=alice")
                .send();
        TestResponse page = host.get("/members/whoami.ashx")
                .header("Cookie", cookiePair(login, COOKIE))
                .send();

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).isEqualTo("/members/whoami.ashx");
        assertThat(login.header("Cache-Control")).isEqualTo("private");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).isEqualTo("name=alice;authenticated=true;type=Forms");
    }

    @Test
    void sessionTicketCookieIsHttpOnlyLaxWithThePathAndNoMaxAgeOrSecureOverHttp() {
        start("");

        String c = setCookie(host.get("/signin.ashx?user=alice").send(), COOKIE);

        assertThat(c).matches("\\.ASPXAUTH=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void persistentTicketCookieLastsAsLongAsTheTicket() {
        start("");

        String c = setCookie(host.get("/signin.ashx?user=alice&persistent=true").send(), COOKIE);

        assertThat(c).contains("; Max-Age=1200;").contains("; HttpOnly");
    }

    @Test
    void configuredNamePathDomainAndSameSiteAreUsed() {
        start("name=\"auth\" path=\"/app\" domain=\"example.com\" cookieSameSite=\"Strict\"");

        String c = setCookie(host.get("/signin.ashx?user=alice").send(), "auth");

        assertThat(c).matches("auth=[A-Za-z0-9_-]+; Path=/app; Domain=example.com; HttpOnly; SameSite=Strict");
    }

    @Test
    void cookieIsSecureWhenTheRequestCameOverTls() {
        start("");

        String c = setCookie(host.get("/signin.ashx?user=alice").secure().send(), COOKIE);

        assertThat(c).contains("; Secure");
    }

    @Test
    void requireSslRefusesToSignInOverPlainHttp() {
        start("requireSSL=\"true\"");

        TestResponse r = host.get("/signin.ashx?user=alice").send();

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("requireSSL");
        assertThat(setCookie(r, COOKIE)).isNull();
    }

    @Test
    void requireSslIssuesSecureCookiesAndIgnoresTicketsSentOverPlainHttp() {
        start("requireSSL=\"true\"");

        TestResponse signIn = host.get("/signin.ashx?user=alice").secure().send();
        String cookie = cookiePair(signIn, COOKIE);

        assertThat(setCookie(signIn, COOKIE)).contains("; Secure");
        assertThat(host.get("/whoami.ashx")
                        .secure()
                        .header("Cookie", cookie)
                        .send()
                        .text())
                .startsWith("name=alice;authenticated=true");
        assertThat(host.get("/whoami.ashx").header("Cookie", cookie).send().text())
                .startsWith("name=;authenticated=false");
    }

    @Test
    void ticketWithLessThanHalfItsLifetimeLeftIsRenewedWhenSliding() {
        start("");
        String cookie = signIn("alice");

        clock.advance(Duration.ofMinutes(9));
        TestResponse early = host.get("/whoami.ashx").header("Cookie", cookie).send();
        clock.advance(Duration.ofMinutes(2)); // 11 of 20 minutes gone
        TestResponse late = host.get("/whoami.ashx").header("Cookie", cookie).send();
        String renewed = cookiePair(late, COOKIE);
        clock.advance(Duration.ofMinutes(14)); // 25 minutes after sign-in, 14 after renewal

        assertThat(setCookie(early, COOKIE)).isNull();
        assertThat(late.text()).startsWith("name=alice;authenticated=true");
        assertThat(renewed).isNotEqualTo(cookie);
        assertThat(whoAmI(renewed)).startsWith("name=alice;authenticated=true");
        assertThat(whoAmI(cookie)).startsWith("name=;authenticated=false");
    }

    @Test
    void renewedPersistentTicketKeepsItsMaxAge() {
        start("");
        String cookie =
                cookiePair(host.get("/signin.ashx?user=alice&persistent=true").send(), COOKIE);
        clock.advance(Duration.ofMinutes(15));

        String renewed =
                setCookie(host.get("/whoami.ashx").header("Cookie", cookie).send(), COOKIE);

        assertThat(renewed).contains("; Max-Age=1200;");
    }

    @Test
    void withoutSlidingExpirationTheTicketIsNeverRenewed() {
        start("slidingExpiration=\"false\"");
        String cookie = signIn("alice");
        clock.advance(Duration.ofMinutes(19));

        TestResponse r = host.get("/whoami.ashx").header("Cookie", cookie).send();

        assertThat(r.text()).startsWith("name=alice;authenticated=true");
        assertThat(setCookie(r, COOKIE)).isNull();
    }

    @Test
    void expiredTicketIsAnonymousAndAProtectedPageRedirectsToLogin() {
        start("");
        String cookie = signIn("alice");
        clock.advance(Duration.ofMinutes(20));

        TestResponse open = host.get("/whoami.ashx").header("Cookie", cookie).send();
        TestResponse members =
                host.get("/members/whoami.ashx").header("Cookie", cookie).send();

        assertThat(open.text()).isEqualTo("name=;authenticated=false;type=");
        assertThat(members.status()).isEqualTo(302);
    }

    @Test
    void ticketWithAnyOneBitFlippedIsAnonymous() {
        start("");
        String pair = signIn("alice");
        byte[] raw = Base64.getUrlDecoder().decode(pair.substring(COOKIE.length() + 1));

        for (int i = 0; i < raw.length; i++) {
            byte[] flipped = raw.clone();
            flipped[i] ^= (byte) (1 << (i % 8));
            String cookie =
                    COOKIE + "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            assertThat(whoAmI(cookie)).as("bit flipped in byte %d", i).startsWith("name=;authenticated=false");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "%00%01",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "____________________________________________________________",
                "not+base64/url==",
            })
    void garbageCookieIsAnonymousNeverAnError(String value) {
        start("");

        TestResponse r =
                host.get("/whoami.ashx").header("Cookie", COOKIE + "=" + value).send();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("name=;authenticated=false;type=");
    }

    @Test
    void hugeCookieIsAnonymous() {
        start("");

        String cookie = COOKIE + "=" + "A".repeat(6000);

        assertThat(whoAmI(cookie)).isEqualTo("name=;authenticated=false;type=");
    }

    @Test
    void aValidTicketAfterAPlantedGarbageCookieOfTheSameNameStillCounts() {
        start("");
        String cookie = signIn("alice");

        assertThat(whoAmI(COOKIE + "=planted; " + cookie)).startsWith("name=alice;authenticated=true");
    }

    @Test
    void signOutExpiresTheCookieWithTheSameAttributes() {
        start("");

        TestResponse r = host.get("/signout.ashx").send();

        assertThat(setCookie(r, COOKIE)).isEqualTo(".ASPXAUTH=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        assertThat(r.header("Cache-Control")).isEqualTo("private");
    }

    @Test
    void aSignedInUserDeniedByARuleGets403NotALoginRedirect() {
        SiteBuilder.in(site)
                .systemWeb("admin", "<authorization><allow users=\"root\"/><deny users=\"*\"/></authorization>");
        start("");
        String cookie = signIn("alice");

        TestResponse r = host.get("/admin/whoami.ashx").header("Cookie", cookie).send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("Access is denied.");
    }

    @Test
    void a401FromAHandlerIsTurnedIntoTheLoginRedirectToo() {
        start("");

        TestResponse r = host.get("/whoami.ashx?status=401").send();

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/login.ashx?ReturnUrl=%2Fwhoami.ashx%3Fstatus%3D401");
    }

    @Test
    void aSlidingRenewalOnAPubliclyCachedStaticFileMakesItPrivate() {
        start("");
        String cookie = signIn("alice");
        clock.advance(Duration.ofMinutes(11));

        TestResponse renewed = host.get("/style.css").header("Cookie", cookie).send();
        TestResponse plain = host.get("/style.css").send();

        assertThat(setCookie(renewed, COOKIE)).isNotNull();
        assertThat(renewed.header("Cache-Control")).isEqualTo("private, max-age=86400");
        assertThat(plain.header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void userNamesAreCheckedBeforeAnythingIsIssued() {
        start("");

        TestResponse blank = host.get("/signin.ashx?user=%20").send();
        TestResponse control = host.get("/signin.ashx?user=a%0Ab").send();

        assertThat(blank.status()).isEqualTo(500);
        assertThat(blank.text()).contains("must not be blank");
        assertThat(control.status()).isEqualTo(500);
        assertThat(control.text()).contains("control characters");
        assertThat(setCookie(control, COOKIE)).isNull();
    }

    @Test
    void unicodeUserNamesSurviveTheTicket() {
        start("");

        String cookie = signIn("%C3%A9lise%20%E6%97%A5");

        assertThat(whoAmI(cookie)).startsWith("name=élise 日;authenticated=true");
    }
}
