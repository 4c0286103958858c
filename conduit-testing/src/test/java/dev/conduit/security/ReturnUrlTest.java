package dev.conduit.security;

import static dev.conduit.security.AuthSite.HANDLERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpUtility;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The login page never becomes an open redirect: after sign-in only local return URLs are followed; everything a
 * browser could read as another host goes to the defaultUrl instead.
 */
class ReturnUrlTest {
    @TempDir
    Path site;

    private TestHost host;

    @BeforeEach
    void start() {
        host = SiteBuilder.in(site)
                .systemWeb(
                        """
                            <authentication mode="Forms">
                              <forms loginUrl="login.ashx" defaultUrl="~/home.ashx"/>
                            </authentication>
                        """
                                + HANDLERS)
                .start(o -> o.withClock(new TestClock(Instant.parse("2030-01-01T00:00:00Z"))));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    /** Signs alice in on the login page with {@code returnUrl} as the decoded ReturnUrl value; the Location. */
    private String loginWith(String returnUrl) {
        TestResponse r = host.post("/login.ashx?ReturnUrl=" + HttpUtility.urlEncode(returnUrl))
                .body("application/x-www-form-urlencoded", "user=alice")
                .send();
        assertThat(r.status()).isEqualTo(302);
        return r.header("Location");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "//evil.example/path",
                "///evil.example",
                "/\\evil.example",
                "\\\\evil.example",
                "\\/evil.example",
                "https://evil.example",
                "http://evil.example/members",
                "HTTPS://evil.example",
                "http:evil.example",
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "%2F%2Fevil.example",
                "/%2F/evil.example",
                "/%2f%2fevil.example",
                "/%5Cevil.example",
                "/%5cevil.example",
                "/%252F/evil.example",
                "/%25252F/evil.example",
                "/%09/evil.example",
                "/\t/evil.example",
                "/\n/evil.example",
                "/%0D%0A/evil.example",
                "/%00/evil.example",
                " //evil.example",
                "evil.example",
                "",
                "/%E0%A4%A",
                "/%zz",
            })
    void hostileReturnUrlsGoToTheDefaultUrl(String hostile) {
        assertThat(loginWith(hostile)).isEqualTo("/home.ashx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/members/page.ashx", "/members/page.ashx?x=1&y=2", "/a/b%20c", "/caf%C3%A9"})
    void localReturnUrlsAreFollowed(String local) {
        assertThat(loginWith(local)).isEqualTo(local);
    }

    @Test
    void returnUrlMayComeFromThePostedForm() {
        TestResponse r = host.post("/login.ashx")
                .body("application/x-www-form-urlencoded", "user=alice&ReturnUrl=%2Fmembers%2Fx.ashx")
                .send();

        assertThat(r.header("Location")).isEqualTo("/members/x.ashx");
    }

    @Test
    void hostileReturnUrlInTheFormGoesToTheDefaultUrl() {
        TestResponse r = host.post("/login.ashx")
                .body("application/x-www-form-urlencoded", "user=alice&ReturnUrl=%2F%2Fevil.example")
                .send();

        assertThat(r.header("Location")).isEqualTo("/home.ashx");
    }

    @Test
    void withoutAReturnUrlTheUserGoesToTheDefaultUrl() {
        TestResponse r = host.post("/login.ashx")
                .body("application/x-www-form-urlencoded", "user=alice")
                .send();

        assertThat(r.header("Location")).isEqualTo("/home.ashx");
    }

    @Test
    void theLoginPageCanShowWhereASignInWouldGo() {
        assertThat(host.get("/login.ashx?ReturnUrl=%2F%2Fevil.example").send().text())
                .isEqualTo("login page; next=/home.ashx");
        assertThat(host.get("/login.ashx?ReturnUrl=%2Fmembers%2F").send().text())
                .isEqualTo("login page; next=/members/");
    }
}
