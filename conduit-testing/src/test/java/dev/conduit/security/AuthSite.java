package dev.conduit.security;

import dev.conduit.testing.TestResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the security test sites share: the fixture handlers they map (written with {@link dev.conduit.testing.SiteBuilder}),
 * and reading the cookies their responses set.
 */
final class AuthSite {
    static final String FIXTURES = "dev.conduit.testing.fixtures.AuthFixtures$";

    /** The handler lines every Forms test site maps: login, signin, signout and whoami (at any depth). */
    static final String HANDLERS =
            """
                <httpHandlers>
                  <add verb="*" path="login.ashx" type="%1$sLogin"/>
                  <add verb="*" path="signin.ashx" type="%1$sSignIn"/>
                  <add verb="*" path="signout.ashx" type="%1$sSignOut"/>
                  <add verb="*" path="whoami.ashx" type="%1$sWhoAmI"/>
                </httpHandlers>
            """
                    .formatted(FIXTURES);

    private AuthSite() {}

    /** The Set-Cookie header for {@code name}, or {@code null}. */
    static @Nullable String setCookie(TestResponse r, String name) {
        List<String> all = r.headers().getAll("Set-Cookie");
        String found = null;
        for (String c : all) {
            if (c.startsWith(name + "=")) {
                found = c; // the last one wins in a browser
            }
        }
        return found;
    }

    /** The {@code name=value} part of the Set-Cookie header for {@code name}, to send back as a Cookie header. */
    static String cookiePair(TestResponse r, String name) {
        String c = setCookie(r, name);
        if (c == null) {
            throw new AssertionError("no Set-Cookie for " + name + " in " + r.headers());
        }
        int semi = c.indexOf(';');
        return semi < 0 ? c : c.substring(0, semi);
    }
}
