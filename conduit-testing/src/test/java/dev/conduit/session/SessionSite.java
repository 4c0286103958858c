package dev.conduit.session;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A site for the session tests: the session fixture handlers mapped, a chosen {@code <sessionState>}, a test clock. */
final class SessionSite {
    static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final Pattern BODY_ID = Pattern.compile("id=([a-z0-5]+)");

    private SessionSite() {}

    /** Writes the site's web.config with {@code systemWeb} (a {@code <sessionState>}, say) inside system.web. */
    static void write(Path site, String systemWeb) {
        write(site, systemWeb, null);
    }

    /** As {@link #write(Path, String)}, with a Global.asax naming {@code application} when not null. */
    static void write(Path site, String systemWeb, @Nullable Class<?> application) {
        try {
            Files.writeString(
                    site.resolve("web.config"),
                    """
                    <configuration>
                      <system.web>
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
                      </system.web>
                    </configuration>
                    """
                            .formatted(systemWeb));
            if (application != null) {
                Files.writeString(
                        site.resolve("Global.asax"), "<%@ Application Inherits=\"" + application.getName() + "\" %>");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestHost start(Path site, TestClock clock) {
        return TestHost.start(RuntimeOptions.of(site).withClock(clock));
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
