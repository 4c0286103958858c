package dev.conduit.state;

import static dev.conduit.state.SessionSite.bodyId;
import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.conduit.HttpApplication;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.SessionApp;
import dev.conduit.testing.fixtures.SessionEndOnlyApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session state as a site sees it (spec §6.1–6.6), with the default in-process store and a test clock; a store's own
 * module runs these tests against it by overriding {@link #store()}.
 */
class SessionStateTest {
    private static final String ID_FORMAT = "[a-z0-5]{24}";

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(SessionSite.START);
    private TestHost host;

    @BeforeEach
    void reset() {
        SessionApp.reset();
        SessionEndOnlyApp.ENDED.clear();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    /** The store under test. */
    SessionStoreFixture store() {
        return SessionStoreFixture.IN_PROC;
    }

    /** Skips a test that needs the store to keep time by the test clock. */
    private void needsTestClock() {
        assumeTrue(
                store().followsRuntimeClock(),
                store().name() + " keeps time by its server's clock: a test clock cannot move its expiry");
    }

    /** Skips a test of what only the in-process store does (live objects, Session_End). */
    private void needsInProcess() {
        assumeTrue(store().inProcess(), "only the in-process store keeps live objects and reports Session_End");
    }

    private void start(String systemWeb) {
        host = SessionSite.site(site, store().apply(systemWeb)).start(o -> o.withClock(clock));
    }

    private void start(String systemWeb, Class<? extends HttpApplication> application) {
        host = SessionSite.site(site, store().apply(systemWeb))
                .globalAsax(application)
                .start(o -> o.withClock(clock));
    }

    private TestResponse get(String target, String sessionId) {
        return host.get(target)
                .header("Cookie", "ASP.NET_SessionId=" + sessionId)
                .send();
    }

    /** Creates a session holding k=value; returns its id. */
    private String newSession(String value) {
        TestResponse r = host.get("/rw.x?do=set&value=" + value).send();
        assertThat(r.status()).isEqualTo(200);
        String id = cookie(r);
        assertThat(id).isNotNull();
        return id;
    }

    @Test
    void aNewSessionGetsA120BitIdInAnHttpOnlyLaxCookie() {
        start("");
        TestResponse r = host.get("/rw.x?do=set&value=a").send();
        String id = cookie(r);
        assertThat(id).matches(ID_FORMAT);
        assertThat(r.text()).isEqualTo("id=" + id + " new=true ro=false k=a timeout=20");
        assertThat(r.headers().getAll("Set-Cookie"))
                .containsExactly("ASP.NET_SessionId=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(newSession("b")).isNotEqualTo(id);
    }

    @Test
    void theCookieIsSecureOverTls() {
        start("");
        TestResponse r = host.get("/rw.x?do=set&value=a").secure().send();
        assertThat(r.header("Set-Cookie")).endsWith("; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void cookieNameAndSameSiteAreConfigurable() {
        start("<sessionState cookieName=\"sid\" cookieSameSite=\"Strict\"/>");
        TestResponse first = host.get("/rw.x?do=set&value=a").send();
        String id = cookie(first, "sid");
        assertThat(first.header("Set-Cookie")).isEqualTo("sid=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        TestResponse again = host.get("/rw.x").header("Cookie", "sid=" + id).send();
        assertThat(again.text()).isEqualTo("id=" + id + " new=false ro=false k=a timeout=20");
        TestResponse otherName = get("/rw.x", id);
        assertThat(otherName.text()).contains("new=true").doesNotContain(id);
    }

    @Test
    void valuesSurviveToTheNextRequestWhichSendsNoCookie() {
        start("");
        String id = newSession("a");
        TestResponse r = get("/rw.x?do=append&value=b", id);
        assertThat(r.text()).isEqualTo("id=" + id + " new=false ro=false k=a,b timeout=20");
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(get("/rw.x", id).text()).contains("k=a,b");
    }

    @Test
    void anUnknownOrMalformedIdIsNeverAdopted() {
        start("");
        String forged = "abcdefghijklmnopqrstuvwx";
        TestResponse r = get("/rw.x?do=set&value=a", forged);
        assertThat(r.text()).contains("new=true");
        assertThat(cookie(r)).matches(ID_FORMAT).isNotEqualTo(forged);
        assertThat(bodyId(r)).isEqualTo(cookie(r));

        TestResponse malformed = get("/rw.x?do=set&value=a", "ABC..%2F");
        assertThat(malformed.text()).contains("new=true");
        assertThat(cookie(malformed)).matches(ID_FORMAT);
    }

    @Test
    void anExpiredSessionIsGoneAndItsIdIsNotReused() {
        needsTestClock();
        start("");
        String id = newSession("a");
        clock.advance(Duration.ofMinutes(20));
        TestResponse r = get("/rw.x", id);
        assertThat(r.text()).contains("new=true").contains("k=null");
        assertThat(bodyId(r)).isNotEqualTo(id);
    }

    @Test
    void expirySlidesWithEveryRequest() {
        needsTestClock();
        start("<sessionState timeout=\"10\"/>");
        String id = newSession("a");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(9));
            assertThat(get("/rw.x", id).text())
                    .startsWith("id=" + id + " new=false")
                    .contains("k=a timeout=10");
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(get("/rw.x", id).text()).contains("new=true");
    }

    @Test
    void aHandlerWithoutMarkersGetsNoSessionButStillSlidesItsExpiry() {
        needsTestClock();
        start("");
        String id = newSession("a");
        clock.advance(Duration.ofMinutes(15));
        TestResponse plain = get("/plain.x", id);
        assertThat(plain.text()).isEqualTo("no session");
        assertThat(plain.header("Set-Cookie")).isNull();
        clock.advance(Duration.ofMinutes(15));
        assertThat(get("/rw.x", id).text()).contains("new=false").contains("k=a");
    }

    @Test
    void aSessionsTimeoutCanBeChanged() {
        needsTestClock();
        start("");
        String id = newSession("a");
        assertThat(get("/rw.x?do=timeout&minutes=60", id).text()).contains("timeout=60");
        clock.advance(Duration.ofMinutes(59));
        assertThat(get("/rw.x", id).text()).contains("new=false").contains("timeout=60");
    }

    @Test
    void aFailedRequestsChangesAreDiscarded() {
        start("");
        String id = newSession("a");
        assertThat(get("/rw.x?do=set-then-throw&value=b", id).status()).isEqualTo(500);
        assertThat(get("/rw.x", id).text()).contains("new=false").contains("k=a ");
    }

    @Test
    void inProcObjectsMutatedInPlaceStayMutatedEvenWhenTheRequestFails() {
        needsInProcess();
        start("");
        TestResponse first = host.get("/rw.x?do=set-list&value=a").send();
        String id = cookie(first);
        assertThat(get("/rw.x?do=add-to-list-then-throw&value=b", id).status()).isEqualTo(500);
        assertThat(get("/rw.x", id).text()).contains("k=[a, b]");
    }

    @Test
    void changesBeforeARedirectAreSaved() {
        start("");
        String id = newSession("a");
        TestResponse r = get("/rw.x?do=set-then-redirect&value=moved", id);
        assertThat(r.status()).isEqualTo(302);
        assertThat(get("/rw.x", id).text()).contains("k=moved");
    }

    @Test
    void anEmptyNewSessionIsNotSavedAndItsCookieIsNotSent() {
        start("");
        TestResponse r = host.get("/rw.x").send();
        assertThat(r.text()).contains("new=true");
        assertThat(r.header("Set-Cookie")).isNull();
        String unsaved = bodyId(r);
        TestResponse next = get("/rw.x", unsaved);
        assertThat(next.text()).contains("new=true");
        assertThat(bodyId(next)).isNotEqualTo(unsaved);
    }

    @Test
    void aReadOnlyRequestSeesTheSessionButItsChangesAreNotSaved() {
        start("");
        String id = newSession("a");
        TestResponse ro = get("/ro.x?do=set&value=b", id);
        assertThat(ro.text()).isEqualTo("id=" + id + " new=false ro=true k=b timeout=20");
        assertThat(get("/rw.x", id).text()).contains("k=a ");
        TestResponse fresh = host.get("/ro.x?do=set&value=b").send();
        assertThat(fresh.text()).contains("new=true ro=true");
        assertThat(fresh.header("Set-Cookie"))
                .as("a read-only request saves no new session")
                .isNull();
    }

    @Test
    void sessionStateBehaviorOverridesTheMarkers() {
        start("");
        String id = newSession("a");
        assertThat(get("/plain.x?behavior=REQUIRED&do=set&value=b", id).text()).contains("ro=false k=b");
        assertThat(get("/rw.x?behavior=READ_ONLY&do=set&value=c", id).text()).contains("ro=true k=c");
        assertThat(get("/rw.x?behavior=DISABLED", id).text()).isEqualTo("no session");
        assertThat(get("/rw.x", id).text()).contains("k=b ");
    }

    @Test
    void offModeGivesNoSessionAndNoCookie() {
        start("<sessionState mode=\"Off\"/>");
        TestResponse r = host.get("/rw.x").send();
        assertThat(r.text()).isEqualTo("no session");
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void removingTheSessionModuleTurnsSessionsOff() throws Exception {
        start("");
        host.close();
        host = SiteBuilder.in(site)
                .systemWeb(
                        SessionSite.systemWeb("").replace("<httpModules>", "<httpModules><remove name=\"Session\"/>"))
                .start(o -> o.withClock(clock));
        assertThat(host.get("/rw.x").send().text()).isEqualTo("no session");
    }

    @Test
    void sessionStartRunsOnceForEachNewSessionAndMakesItPersist() throws Exception {
        start("", SessionApp.class);
        TestResponse first = host.get("/rw.x").send();
        String id = cookie(first);
        assertThat(id).as("a new session is saved when Session_Start exists").isNotNull();
        assertThat(SessionApp.STARTED.poll(10, TimeUnit.SECONDS)).isEqualTo(id + " handler=set");
        TestResponse second = get("/rw.x?key=started", id);
        assertThat(second.text()).contains("new=false").contains("started=yes");
        assertThat(SessionApp.STARTED).isEmpty();

        TestResponse readOnly = host.get("/ro.x?key=started").send();
        String roId = cookie(readOnly);
        assertThat(roId)
                .as("with Session_Start even a read-only request saves its new session")
                .isNotNull();
        assertThat(SessionApp.STARTED.poll(10, TimeUnit.SECONDS)).startsWith(roId);
        assertThat(get("/ro.x?key=started", roId).text()).contains("new=false").contains("started=yes");
    }

    @Test
    void abandonRemovesTheSessionAndRaisesSessionEndWithoutARequest() throws Exception {
        needsInProcess();
        start("", SessionApp.class);
        String id = newSession("a");
        TestResponse r = get("/rw.x?do=abandon", id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(SessionApp.ENDED.poll(10, TimeUnit.SECONDS)).isEqualTo(id + " k=a no request");
        TestResponse after = get("/rw.x", id);
        assertThat(after.text()).contains("new=true").contains("k=null");
        assertThat(bodyId(after)).isNotEqualTo(id);
    }

    @Test
    void aNewSessionAbandonedByItsFirstRequestStartsAndEnds() throws Exception {
        needsInProcess();
        start("", SessionApp.class);
        TestResponse r = host.get("/rw.x?do=abandon").send();
        String id = bodyId(r);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(SessionApp.STARTED.poll(10, TimeUnit.SECONDS)).startsWith(id);
        assertThat(SessionApp.ENDED.poll(10, TimeUnit.SECONDS)).startsWith(id);
    }

    @Test
    void sessionEndRunsWhenASessionExpires() throws Exception {
        needsInProcess();
        start("<sessionState timeout=\"5\"/>", SessionEndOnlyApp.class);
        String id = newSession("a");
        TestResponse empty = host.get("/rw.x").send();
        assertThat(empty.header("Set-Cookie"))
                .as("Session_End alone does not save empty sessions")
                .isNull();
        clock.advance(Duration.ofMinutes(5));
        assertThat(get("/rw.x", id).text()).contains("new=true");
        assertThat(SessionEndOnlyApp.ENDED.poll(10, TimeUnit.SECONDS)).isEqualTo(id + " k=a");
    }
}
