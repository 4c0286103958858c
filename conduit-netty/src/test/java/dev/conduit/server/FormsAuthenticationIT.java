package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.UserPrincipal;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.security.FormsAuthentication;
import dev.conduit.testing.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forms authentication end to end over a real socket, with the JDK client (which follows no redirects): a protected
 * folder sends the browser to the login page, signing in sets the ticket cookie, the cookie opens the folder; a
 * damaged or expired cookie is anonymous; the login page never redirects off-site.
 */
class FormsAuthenticationIT {
    private static final String COOKIE = ".ASPXAUTH";
    private static final String FIXTURE = FormsAuthenticationIT.class.getName() + "$";

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(Instant.parse("2030-06-01T08:00:00Z"));
    private final HttpClient client = HttpClient.newHttpClient();
    private ConduitServer server;

    /** Signs in whoever a POST names in its {@code user} field; a GET shows the (pretend) form. */
    public static final class Login implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            if (context.request().httpMethod().equals("POST")) {
                String user = context.request().form().getFirst("user");
                FormsAuthentication.redirectFromLoginPage(context, user == null ? "" : user, false);
                return;
            }
            context.response().setContentType("text/plain");
            context.response().write("please sign in");
        }
    }

    /** Prints {@code context.user()}: name, whether authenticated, how, and whether in the admin role. */
    public static final class WhoAmI implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {
            UserPrincipal user = (UserPrincipal) context.user();
            context.response().setContentType("text/plain");
            context.response()
                    .write("name=" + user.getName() + ";authenticated=" + user.isAuthenticated() + ";type="
                            + user.authenticationType() + ";admin=" + user.isInRole("admin"));
        }
    }

    @BeforeEach
    void start() throws IOException {
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
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
                  </system.web>
                </configuration>
                """
                        .formatted(FIXTURE));
        folder("members", "<deny users=\"?\"/>");
        folder("admin", "<allow roles=\"admin\"/><deny users=\"*\"/>");
        server = ConduitServer.start(
                HttpRuntime.start(RuntimeOptions.of(site).withClock(clock)),
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
    }

    private void folder(String name, String rules) throws IOException {
        Files.createDirectories(site.resolve(name));
        Files.writeString(
                site.resolve(name + "/web.config"),
                "<configuration><system.web><authorization>" + rules + "</authorization></system.web></configuration>");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String target) {
        return URI.create("http://127.0.0.1:" + server.port() + target);
    }

    private HttpResponse<String> get(String target, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(target));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return client.send(b.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String returnUrl, String user) throws Exception {
        String target = returnUrl == null
                ? "/login.ashx"
                : "/login.ashx?ReturnUrl=" + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(uri(target))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("user=" + user))
                        .build(),
                BodyHandlers.ofString());
    }

    /** The {@code name=value} of the ticket cookie a response sets. */
    private static String ticketCookie(HttpResponse<?> r) {
        String setCookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(COOKIE + "="))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no ticket cookie in " + r.headers().map()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String signIn(String user) throws Exception {
        return ticketCookie(login(null, user));
    }

    @Test
    void protectedFolderSendsToLoginThenTheTicketCookieOpensIt() throws Exception {
        HttpResponse<String> first = get("/members/whoami.ashx?tab=2", null);
        assertThat(first.statusCode()).isEqualTo(302);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/login.ashx?ReturnUrl=%2Fmembers%2Fwhoami.ashx%3Ftab%3D2");

        HttpResponse<String> form = get(location, null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).isEqualTo("please sign in");

        HttpResponse<String> signedIn = client.send(
                HttpRequest.newBuilder(uri(location))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("user=alice"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/members/whoami.ashx?tab=2");
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .singleElement()
                .asString()
                .matches("\\.ASPXAUTH=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax");

        HttpResponse<String> page = get("/members/whoami.ashx?tab=2", ticketCookie(signedIn));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("name=alice;authenticated=true;type=Forms;admin=true");
    }

    @Test
    void aRoleProtectedFolderAdmitsItsRoleAndForbidsOtherSignedInUsers() throws Exception {
        assertThat(get("/admin/whoami.ashx", signIn("alice")).statusCode()).isEqualTo(200);
        HttpResponse<String> bob = get("/admin/whoami.ashx", signIn("bob"));
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(bob.body()).contains("Access is denied.").doesNotContain("name=");
        assertThat(get("/admin/whoami.ashx", null).statusCode()).isEqualTo(302);
    }

    @Test
    void aCookieWithOneFlippedBitIsAnonymous() throws Exception {
        String cookie = signIn("alice");
        byte[] raw = Base64.getUrlDecoder().decode(cookie.substring(COOKIE.length() + 1));
        raw[raw.length / 2] ^= 0x01;
        String flipped = COOKIE + "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(get("/members/whoami.ashx", cookie).statusCode()).isEqualTo(200);
        assertThat(get("/members/whoami.ashx", flipped).statusCode()).isEqualTo(302);
        HttpResponse<String> open = get("/whoami.ashx", flipped);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("name=;authenticated=false;type=;admin=false");
    }

    @Test
    void anExpiredTicketIsAnonymous() throws Exception {
        String cookie = signIn("alice");
        clock.advance(Duration.ofMinutes(30));

        assertThat(get("/members/whoami.ashx", cookie).statusCode()).isEqualTo(302);
        assertThat(get("/whoami.ashx", cookie).body()).startsWith("name=;authenticated=false");
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
    void theLoginPageNeverRedirectsOffSite(String returnUrl) throws Exception {
        HttpResponse<String> r = login(returnUrl, "alice");

        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/");
        assertThat(uri("/login.ashx").resolve(location).getHost()).isEqualTo("127.0.0.1");
    }
}
