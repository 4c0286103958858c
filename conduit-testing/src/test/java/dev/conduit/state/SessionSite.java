package dev.conduit.state;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The session tests' site (the session fixture handlers mapped, a chosen {@code <sessionState>}) and its cookies. */
final class SessionSite {
    static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final Pattern BODY_ID = Pattern.compile("id=([a-z0-5]+)");

    private SessionSite() {}

    /**
     * The root {@code <system.web>} content of a session test site: {@code settings} (a {@code <sessionState>}, say),
     * the session fixture handlers ({@code rw.x}, {@code ro.x}, {@code plain.x}, {@code stuck.x}) and the module
     * that lets a request choose its session behaviour.
     */
    static String systemWeb(String settings) {
        return """
                %s
                <httpHandlers>
                  <add verb="*" path="rw.x" type="dev.conduit.testing.fixtures.SessionHandler"/>
                  <add verb="*" path="ro.x" type="dev.conduit.testing.fixtures.ReadOnlySessionHandler"/>
                  <add verb="*" path="plain.x" type="dev.conduit.testing.fixtures.NoSessionHandler"/>
                  <add verb="*" path="stuck.x" type="dev.conduit.testing.fixtures.StuckSessionHandler"/>
                </httpHandlers>
                <httpModules>
                  <add name="Behavior" type="dev.conduit.testing.fixtures.SessionBehaviorModule"/>
                </httpModules>
                """
                .formatted(settings);
    }

    /** A session test site at {@code root} with {@code settings} in its root {@code <system.web>}. */
    static SiteBuilder site(Path root, String settings) {
        return SiteBuilder.in(root).systemWeb(systemWeb(settings));
    }

    /** The session id a response's Set-Cookie carries for {@code cookieName}, or null when it sets none. */
    static @Nullable String cookie(TestResponse r, String cookieName) {
        for (String c : r.headers().getAll("Set-Cookie")) {
            if (c.startsWith(cookieName + "=")) {
                return c.substring(cookieName.length() + 1, c.indexOf(';'));
            }
        }
        return null;
    }

    /** The session id of the default cookie, or null. */
    static @Nullable String cookie(TestResponse r) {
        return cookie(r, "ASP.NET_SessionId");
    }

    /** The session id the handler reported in its body. */
    static String bodyId(TestResponse r) {
        Matcher m = BODY_ID.matcher(r.text());
        if (!m.find()) {
            throw new AssertionError("no session id in: " + r.text());
        }
        return m.group(1);
    }
}
