package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session state as a client sees it, written once and run in memory ({@link SessionBehaviourTest}) and over a socket
 * ({@link SessionBehaviourIT}): the cookie a new session gets, and a value kept across requests that send it back.
 * The full behaviour (locking, expiry, stores) is conduit-testing's {@code dev.conduit.state.Session*Test}.
 *
 * <p>The site is the {@link TestSites} fixture site, with the default in-process store; {@code /session.x} is {@link
 * dev.conduit.server.fixtures.SessionValueHandler}.
 */
abstract class AbstractSessionBehaviourTest {
    private static final String COOKIE = "ASP.NET_SessionId";

    @TempDir
    Path site;

    private SiteHost host;

    /** Starts the site on the host this subclass tests. */
    protected abstract SiteHost start(RuntimeOptions site);

    @BeforeEach
    void startSite() {
        host = start(RuntimeOptions.of(TestSites.write(site)));
    }

    @AfterEach
    void stopSite() {
        host.close();
    }

    @Test
    void aNewSessionGetsAnHttpOnlyCookieCarryingItsId() {
        Reply r = host.get("/session.x?set=blue");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("new=true value=blue");
        assertThat(r.headers("Set-Cookie"))
                .singleElement()
                .asString()
                .matches("ASP\\.NET_SessionId=[a-z0-5]{24}; Path=/; " + (host.isTls() ? "Secure; " : "")
                        + "HttpOnly; SameSite=Lax");
    }

    @Test
    void aValueIsKeptForTheRequestsThatSendTheCookieBack() {
        String cookie = host.get("/session.x?set=blue").cookie(COOKIE);

        Reply again = host.get("/session.x", Map.of("Cookie", cookie));
        assertThat(again.text()).isEqualTo("new=false value=blue");
        assertThat(again.headers("Set-Cookie"))
                .as("the session is known: no new cookie")
                .isEmpty();

        Reply stranger = host.get("/session.x");
        assertThat(stranger.text()).isEqualTo("new=true value=null");
        assertThat(host.get("/session.x", Map.of("Cookie", cookie)).text()).isEqualTo("new=false value=blue");
    }
}
