package dev.conduit.security;

import static dev.conduit.security.AuthSite.FIXTURES;
import static dev.conduit.security.AuthSite.HANDLERS;
import static dev.conduit.security.AuthSite.cookiePair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.AuthFixtures.FakeRoles;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles of Forms users: the built-in {@code <roles>} list, custom providers by type, and role-protected folders. */
class RoleProviderTest {
    @TempDir
    Path site;

    private TestHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private void start(String roleManager) {
        host = SiteBuilder.in(site)
                .webConfig(
                        """
                        <configuration>
                          <system.web>
                            <authentication mode="Forms"><forms loginUrl="/login.ashx"/></authentication>
                        %s
                        %s
                          </system.web>
                          <location path="admin">
                            <system.web>
                              <authorization><allow roles="admin"/><deny users="*"/></authorization>
                            </system.web>
                          </location>
                        </configuration>
                        """
                                .formatted(roleManager, HANDLERS))
                .start(o -> o.withClock(new TestClock(Instant.parse("2030-01-01T00:00:00Z"))));
    }

    private String cookieFor(String user) {
        return cookiePair(host.get("/signin.ashx?user=" + user).send(), ".ASPXAUTH");
    }

    private TestResponse whoAmI(String user, String target) {
        return host.get(target).header("Cookie", cookieFor(user)).send();
    }

    @Test
    void theBuiltInProviderReadsTheRolesList() {
        start(
                """
                    <roleManager enabled="true">
                      <roles>
                        <add name="admin" users="alice, Bob"/>
                        <add name="editor" users="alice"/>
                      </roles>
                    </roleManager>
                """);

        assertThat(whoAmI("alice", "/whoami.ashx?roles=admin,EDITOR,ops").text())
                .endsWith(";role:admin=true;role:EDITOR=true;role:ops=false");
        assertThat(whoAmI("bob", "/whoami.ashx?roles=admin").text()).endsWith(";role:admin=true");
        assertThat(whoAmI("carol", "/whoami.ashx?roles=admin").text()).endsWith(";role:admin=false");
    }

    @Test
    void aDisabledRoleManagerGivesNoRoles() {
        start(
                """
                    <roleManager enabled="false">
                      <roles><add name="admin" users="alice"/></roles>
                    </roleManager>
                """);

        assertThat(whoAmI("alice", "/whoami.ashx?roles=admin").text()).endsWith(";role:admin=false");
        assertThat(whoAmI("alice", "/admin/whoami.ashx").status()).isEqualTo(403);
    }

    @Test
    void aRoleProtectedFolderAdmitsMembersForbidsOthersAndSendsAnonymousUsersToLogin() {
        start("<roleManager enabled=\"true\"><roles><add name=\"admin\" users=\"alice\"/></roles></roleManager>");

        assertThat(whoAmI("alice", "/admin/whoami.ashx").status()).isEqualTo(200);
        assertThat(whoAmI("bob", "/admin/whoami.ashx").status()).isEqualTo(403);
        TestResponse anonymous = host.get("/admin/whoami.ashx").send();
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).startsWith("/login.ashx?ReturnUrl=");
    }

    @Test
    void aCustomProviderIsCreatedByTypeInitializedWithItsSettingsAndAskedLazilyOncePerRequest() {
        start(
                """
                    <roleManager enabled="true" defaultProvider="Fake">
                      <providers>
                        <add name="Fake" type="%sFakeRoles" roles="alice=admin|editor;bob=editor"/>
                      </providers>
                    </roleManager>
                """
                        .formatted(FIXTURES));
        String alice = cookieFor("alice");
        int before = FakeRoles.CALLS.get();

        TestResponse noRoleCheck =
                host.get("/whoami.ashx").header("Cookie", alice).send();
        int afterNoCheck = FakeRoles.CALLS.get();
        TestResponse twoChecks = host.get("/whoami.ashx?roles=admin,editor,ops")
                .header("Cookie", alice)
                .send();
        int afterTwoChecks = FakeRoles.CALLS.get();

        assertThat(noRoleCheck.text()).isEqualTo("name=alice;authenticated=true;type=Forms");
        assertThat(afterNoCheck).isEqualTo(before);
        assertThat(twoChecks.text()).endsWith(";role:admin=true;role:editor=true;role:ops=false");
        assertThat(afterTwoChecks).isEqualTo(before + 1);
        assertThat(whoAmI("bob", "/admin/whoami.ashx").status()).isEqualTo(403);
        assertThat(whoAmI("alice", "/admin/whoami.ashx").status()).isEqualTo(200);
        assertThat(whoAmI("zed", "/whoami.ashx?roles=provider:Fake").text()).endsWith(";role:provider:Fake=true");
    }

    @Test
    void aFailingProviderFailsOnlyTheRequestsThatAskForRoles() {
        start(
                """
                    <roleManager enabled="true" defaultProvider="Down">
                      <providers><add name="Down" type="%sFailingRoles"/></providers>
                    </roleManager>
                """
                        .formatted(FIXTURES));

        assertThat(whoAmI("alice", "/whoami.ashx").status()).isEqualTo(200);
        TestResponse asks = whoAmI("alice", "/whoami.ashx?roles=admin");
        assertThat(asks.status()).isEqualTo(500);
        assertThat(asks.text()).contains("role store unavailable");
    }
}
