package dev.conduit.security;

import static dev.conduit.security.AuthSite.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <authorization>} rules in memory, with users set by a test module from headers (no Forms authentication,
 * so a denial shows its raw 401 or 403): child-first order, first match, default allow, users, roles, verbs, {@code
 * *} and {@code ?}, {@code <location>} rules, folders without their slash, default documents, and caching.
 */
class UrlAuthorizationTest {
    @TempDir
    Path site;

    private TestHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    /**
     * The site root's web.config: the header module, whoami for {@code *.x}, then {@code rules} in {@code
     * <system.web>} and {@code rest} ({@code <location>} elements) after it.
     */
    private void root(String rules, String rest) {
        SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web>
                            <httpModules><add name="HeaderUser" type="%1$sHeaderUser"/></httpModules>
                            <httpHandlers><add verb="*" path="*.x" type="%1$sWhoAmI"/></httpHandlers>
                        %2$s
                          </system.web>
                        %3$s
                        </configuration>
                        """
                                .formatted(FIXTURES, rules, rest));
    }

    private void folder(String folder, String rules) {
        SiteBuilder.in(site).systemWeb(folder, rules);
    }

    private static String authorization(String lines) {
        return "<authorization>" + lines + "</authorization>";
    }

    private int status(String user, String method, String target) {
        TestHost.Request r = host.request(method, target);
        if (user != null) {
            r.header("X-User", user);
        }
        return r.send().status();
    }

    private int get(String user, String target) {
        return status(user, "GET", target);
    }

    private int withRoles(String user, String roles, String target) {
        return host.get(target)
                .header("X-User", user)
                .header("X-Roles", roles)
                .send()
                .status();
    }

    @Test
    void withoutRulesEveryoneIsAllowed() {
        root("", "");
        host = TestHost.start(site);

        assertThat(get(null, "/a.x")).isEqualTo(200);
        assertThat(get("alice", "/a.x")).isEqualTo(200);
    }

    @Test
    void requestsForPathsWithDifferentRulesAreEachJudgedByTheirOwn() {
        // One application instance serves them one after another, and keeps the rules of the path it judged last.
        root(authorization("<allow users=\"*\"/>"), "");
        folder("closed", authorization("<deny users=\"*\"/>"));
        host = TestHost.start(site);

        for (int i = 0; i < 3; i++) {
            assertThat(get("alice", "/a.x")).isEqualTo(200);
            assertThat(get("alice", "/a.x")).isEqualTo(200);
            assertThat(get("alice", "/closed/a.x")).isEqualTo(403);
            assertThat(get("alice", "/closed/a.x")).isEqualTo(403);
            assertThat(get("alice", "/closed")).isEqualTo(403);
            assertThat(get("alice", "/b.x")).isEqualTo(200);
        }
    }

    @Test
    void deniedAnonymousUserGets401AndTheHandlerNeverRuns() {
        root(authorization("<deny users=\"?\"/>"), "");
        host = TestHost.start(site);

        TestResponse r = host.get("/a.x").send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).contains("Access is denied.").doesNotContain("name=");
        assertThat(r.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(get("alice", "/a.x")).isEqualTo(200);
    }

    @Test
    void deniedSignedInUserGets403() {
        root(authorization("<deny users=\"alice\"/>"), "");
        host = TestHost.start(site);

        TestResponse r = host.get("/a.x").header("X-User", "alice").send();

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("Access is denied.").doesNotContain("name=");
        assertThat(get("bob", "/a.x")).isEqualTo(200);
        assertThat(get(null, "/a.x")).isEqualTo(200);
    }

    @Test
    void firstMatchingRuleWinsWithinALevel() {
        root(authorization("<allow users=\"bob\"/><deny users=\"*\"/><allow users=\"carol\"/>"), "");
        host = TestHost.start(site);

        assertThat(get("bob", "/a.x")).isEqualTo(200);
        assertThat(get("carol", "/a.x")).isEqualTo(403);
        assertThat(get(null, "/a.x")).isEqualTo(401);
    }

    @Test
    void theDeepestLevelsRulesComeFirst() {
        root(authorization("<deny users=\"alice\"/>"), "");
        folder("open", authorization("<allow users=\"alice\"/>"));
        folder("open/closed", authorization("<deny users=\"*\"/>"));
        host = TestHost.start(site);

        assertThat(get("alice", "/a.x")).isEqualTo(403);
        assertThat(get("alice", "/open/a.x")).isEqualTo(200);
        assertThat(get("alice", "/open/closed/a.x")).isEqualTo(403);
        assertThat(get("bob", "/open/a.x")).isEqualTo(200);
    }

    @Test
    void parentRulesStillApplyWhenTheChildsDoNotMatch() {
        root(authorization("<deny users=\"?\"/>"), "");
        folder("staff", authorization("<deny users=\"mallory\"/>"));
        host = TestHost.start(site);

        assertThat(get(null, "/staff/a.x")).isEqualTo(401);
        assertThat(get("mallory", "/staff/a.x")).isEqualTo(403);
        assertThat(get("alice", "/staff/a.x")).isEqualTo(200);
    }

    @Test
    void usersListsCompareNamesIgnoringCase() {
        root(authorization("<deny users=\"Alice, BOB\"/>"), "");
        host = TestHost.start(site);

        assertThat(get("alice", "/a.x")).isEqualTo(403);
        assertThat(get("bob", "/a.x")).isEqualTo(403);
        assertThat(get("carol", "/a.x")).isEqualTo(200);
    }

    @Test
    void starIsEveryoneAndQuestionMarkOnlyTheAnonymousUser() {
        root("", "");
        folder("all", authorization("<deny users=\"*\"/>"));
        folder("anon", authorization("<deny users=\"?\"/>"));
        host = TestHost.start(site);

        assertThat(get(null, "/all/a.x")).isEqualTo(401);
        assertThat(get("alice", "/all/a.x")).isEqualTo(403);
        assertThat(get(null, "/anon/a.x")).isEqualTo(401);
        assertThat(get("alice", "/anon/a.x")).isEqualTo(200);
    }

    @Test
    void rolesAllowMembersAndCompareIgnoringCase() {
        root("", "");
        folder("admin", authorization("<allow roles=\"Admin,ops\"/><deny users=\"*\"/>"));
        host = TestHost.start(site);

        assertThat(withRoles("alice", "admin", "/admin/a.x")).isEqualTo(200);
        assertThat(withRoles("bob", "OPS", "/admin/a.x")).isEqualTo(200);
        assertThat(withRoles("carol", "editor", "/admin/a.x")).isEqualTo(403);
        assertThat(get(null, "/admin/a.x")).isEqualTo(401);
    }

    @Test
    void aRuleMatchesOnUsersOrRoles() {
        root(authorization("<deny users=\"bob\" roles=\"intern\"/>"), "");
        host = TestHost.start(site);

        assertThat(get("bob", "/a.x")).isEqualTo(403);
        assertThat(withRoles("carol", "intern", "/a.x")).isEqualTo(403);
        assertThat(withRoles("dave", "staff", "/a.x")).isEqualTo(200);
    }

    @Test
    void verbsLimitARuleToThoseMethodsIgnoringCase() {
        root(authorization("<deny users=\"*\" verbs=\"POST,DELETE\"/>"), "");
        host = TestHost.start(site);

        assertThat(status(null, "GET", "/a.x")).isEqualTo(200);
        assertThat(status(null, "POST", "/a.x")).isEqualTo(401);
        assertThat(status(null, "post", "/a.x")).isEqualTo(401);
        assertThat(status("alice", "DELETE", "/a.x")).isEqualTo(403);
        assertThat(status("alice", "PUT", "/a.x")).isEqualTo(200);
    }

    @Test
    void aVerbLimitedAllowFallsThroughForOtherVerbs() {
        root(authorization("<allow users=\"*\" verbs=\"GET\"/><deny users=\"?\"/>"), "");
        host = TestHost.start(site);

        assertThat(status(null, "GET", "/a.x")).isEqualTo(200);
        assertThat(status(null, "POST", "/a.x")).isEqualTo(401);
        assertThat(status("alice", "POST", "/a.x")).isEqualTo(200);
    }

    @Test
    void locationRulesApplyToTheirFolderOrFileOnly() {
        root(
                "",
                """
                  <location path="reports">
                    <system.web><authorization><deny users="?"/></authorization></system.web>
                  </location>
                  <location path="one.x">
                    <system.web><authorization><deny users="*"/></authorization></system.web>
                  </location>
                """);
        host = TestHost.start(site);

        assertThat(get(null, "/reports/a.x")).isEqualTo(401);
        assertThat(get(null, "/REPORTS/a.x")).isEqualTo(401);
        assertThat(get("alice", "/reports/a.x")).isEqualTo(200);
        assertThat(get("alice", "/one.x")).isEqualTo(403);
        assertThat(get("alice", "/two.x")).isEqualTo(200);
        assertThat(get(null, "/reports-old/a.x")).isEqualTo(200);
    }

    @Test
    void aFoldersOwnWebConfigIsReadBeforeALocationInItsParent() {
        root(
                "",
                """
                  <location path="mixed">
                    <system.web><authorization><deny users="alice"/></authorization></system.web>
                  </location>
                """);
        folder("mixed", authorization("<allow users=\"alice\"/>"));
        host = TestHost.start(site);

        assertThat(get("alice", "/mixed/a.x")).isEqualTo(200);
    }

    @Test
    void aLocationForOneFileComesBeforeItsFoldersRules() {
        root(
                authorization("<deny users=\"?\"/>"),
                """
                  <location path="welcome.x">
                    <system.web><authorization><allow users="*"/></authorization></system.web>
                  </location>
                """);
        host = TestHost.start(site);

        assertThat(get(null, "/welcome.x")).isEqualTo(200);
        assertThat(get(null, "/other.x")).isEqualTo(401);
    }

    @Test
    void aFolderAddressedWithoutItsSlashIsJudgedByItsOwnRules() {
        root("", "");
        folder("secure", authorization("<deny users=\"?\"/>"));
        SiteBuilder.in(site).file("secure/index.html", "secret");
        host = TestHost.start(site);

        TestResponse r = host.get("/secure").send();

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).doesNotContain("secret");
        assertThat(get("alice", "/secure")).isEqualTo(302);
    }

    @Test
    void aDefaultDocumentIsCheckedAgainstItsOwnRules() {
        root(
                "",
                """
                  <location path="docs/index.html">
                    <system.web><authorization><deny users="?"/></authorization></system.web>
                  </location>
                """);
        SiteBuilder.in(site).file("docs/index.html", "secret");
        host = TestHost.start(site);

        TestResponse folder = host.get("/docs/").send();
        TestResponse signedIn = host.get("/docs/").header("X-User", "alice").send();

        assertThat(folder.status()).isEqualTo(401);
        assertThat(folder.text()).doesNotContain("secret");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.text()).isEqualTo("secret");
    }

    @Test
    void responsesForRestrictedPathsAreKeptOutOfSharedCaches() {
        root("", "");
        folder("private", authorization("<deny users=\"?\"/>"));
        folder("open", authorization("<allow users=\"*\"/><deny users=\"?\"/>"));
        SiteBuilder.in(site).file("private/a.css", "a").file("open/a.css", "a").file("a.css", "a");
        host = TestHost.start(site);

        TestResponse restricted =
                host.get("/private/a.css").header("X-User", "alice").send();

        assertThat(restricted.status()).isEqualTo(200);
        assertThat(restricted.header("Cache-Control")).isEqualTo("private, max-age=86400");
        assertThat(host.get("/open/a.css").send().header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(host.get("/a.css").send().header("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void denialCompletesTheRequestButEndRequestStillRuns() {
        // The Forms module's EndRequest is what turns the 401 into a login redirect; without Forms it stays 401.
        root(
                "<authentication mode=\"Forms\"><forms loginUrl=\"/in.x\"/></authentication>"
                        + authorization("<deny users=\"?\"/>"),
                """
                  <location path="in.x">
                    <system.web><authorization><allow users="*"/></authorization></system.web>
                  </location>
                """);
        host = TestHost.start(site);

        TestResponse r = host.get("/a.x").send();

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/in.x?ReturnUrl=%2Fa.x");
        assertThat(get(null, "/in.x")).isEqualTo(200);
    }

    @Test
    void aLoginPageThatDeniesAnonymousUsersAnswers401InsteadOfRedirectingToItself() {
        root(
                "<authentication mode=\"Forms\"><forms loginUrl=\"/in.x\"/></authentication>"
                        + authorization("<deny users=\"?\"/>"),
                "");
        host = TestHost.start(site);

        assertThat(get(null, "/in.x")).isEqualTo(401);
        assertThat(get(null, "/a.x")).isEqualTo(302);
    }
}
