package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forms authentication end to end, as a client that follows no redirects sees it, written once and run in memory
 * ({@link FormsAuthenticationBehaviourTest}) and over a socket ({@link FormsAuthenticationBehaviourIT}): a protected
 * folder sends the browser to the login page, signing in sets the ticket cookie, the cookie opens the folder; a
 * damaged or expired cookie is anonymous; the login page never redirects off-site. The full behaviour is
 * conduit-testing's {@code dev.conduit.modules} tests (FormsAuthenticationTest, UrlAuthorizationTest, ...).
 */
abstract class AbstractFormsAuthenticationBehaviourTest {
    private static final String COOKIE = ".ASPXAUTH";
    private static final String FIXTURES = "dev.conduit.server.fixtures.FormsFixtures$";

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(Instant.parse("2030-06-01T08:00:00Z"));
    private SiteHost host;

    /** Starts the site on the host this subclass tests. */
    protected abstract SiteHost start(RuntimeOptions site);

    @BeforeEach
    void startSite() {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                            <authentication mode="Forms">
                              <forms loginUrl="~/login.ashx" timeout="30"/>
                            </authentication>
                            <roleManager enabled="true">
                              <roles><add name="admin" users="alice"/></roles>
                            </roleManager>
                            <httpHandlers>
                              <add verb="*" path="login.ashx" type="%1$sLogin"/>
                              <add verb="*" path="whoami.ashx" type="%1$sWhoAmI"/>
                            </httpHandlers>
                        """
                                .formatted(FIXTURES))
                .systemWeb("members", "<authorization><deny users=\"?\"/></authorization>")
                .systemWeb("admin", "<authorization><allow roles=\"admin\"/><deny users=\"*\"/></authorization>");
        host = start(RuntimeOptions.of(site).withClock(clock));
    }

    @AfterEach
    void stopSite() {
        host.close();
    }

    private Reply get(String target, String cookie) {
        return host.get(target, Map.of("Cookie", cookie));
    }

    private Reply login(String returnUrl, String user) {
        String target = returnUrl == null
                ? "/login.ashx"
                : "/login.ashx?ReturnUrl=" + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8);
        return host.postForm(target, "user=" + user);
    }

    /** Signs {@code user} in; the ticket cookie to send back. */
    private String signIn(String user) {
        return login(null, user).cookie(COOKIE);
    }

    @Test
    void anAnonymousRequestForAProtectedFolderGoesToTheLoginPageThenTheTicketCookieOpensIt() {
        Reply first = host.get("/members/whoami.ashx?tab=2");
        assertThat(first.status()).isEqualTo(302);
        String location = first.header("Location");
        assertThat(location).isEqualTo("/login.ashx?ReturnUrl=%2Fmembers%2Fwhoami.ashx%3Ftab%3D2");

        Reply form = host.get(location);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.text()).isEqualTo("please sign in");

        Reply signedIn = host.postForm(location, "user=alice");
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).isEqualTo("/members/whoami.ashx?tab=2");
        assertThat(signedIn.headers("Set-Cookie"))
                .singleElement()
                .asString()
                .matches("\\.ASPXAUTH=[A-Za-z0-9_-]+; Path=/; " + (host.isTls() ? "Secure; " : "")
                        + "HttpOnly; SameSite=Lax");

        Reply page = get("/members/whoami.ashx?tab=2", signedIn.cookie(COOKIE));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).isEqualTo("name=alice;authenticated=true;type=Forms;admin=true");
    }

    @Test
    void aRoleProtectedFolderAdmitsItsRoleAndForbidsOtherSignedInUsers() {
        assertThat(get("/admin/whoami.ashx", signIn("alice")).status()).isEqualTo(200);
        Reply bob = get("/admin/whoami.ashx", signIn("bob"));
        assertThat(bob.status()).isEqualTo(403);
        assertThat(bob.text()).contains("Access is denied.").doesNotContain("name=");
        assertThat(host.get("/admin/whoami.ashx").status()).isEqualTo(302);
    }

    @Test
    void aCookieWithOneFlippedBitIsAnonymous() {
        String cookie = signIn("alice");
        byte[] raw = Base64.getUrlDecoder().decode(cookie.substring(COOKIE.length() + 1));
        raw[raw.length / 2] ^= 0x01;
        String flipped = COOKIE + "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(get("/members/whoami.ashx", cookie).status()).isEqualTo(200);
        assertThat(get("/members/whoami.ashx", flipped).status()).isEqualTo(302);
        Reply open = get("/whoami.ashx", flipped);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.text()).isEqualTo("name=;authenticated=false;type=;admin=false");
    }

    @Test
    void anExpiredTicketIsAnonymous() {
        String cookie = signIn("alice");
        clock.advance(Duration.ofMinutes(30));

        assertThat(get("/members/whoami.ashx", cookie).status()).isEqualTo(302);
        assertThat(get("/whoami.ashx", cookie).text()).startsWith("name=;authenticated=false");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "https://evil.example",
                "//evil.example/members/",
                "/\\evil.example",
                "/%2F%2Fevil.example",
                "/\t/evil.example"
            })
    void theLoginPageNeverRedirectsOffSite(String returnUrl) {
        Reply r = login(returnUrl, "alice");

        assertThat(r.status()).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).isEqualTo("/");
        assertThat(URI.create("http://127.0.0.1/login.ashx").resolve(location).getHost())
                .isEqualTo("127.0.0.1");
    }
}
