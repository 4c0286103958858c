package dev.conduit.server;

import dev.conduit.testing.SiteBuilder;
import java.nio.file.Path;

/**
 * The site the server tests run: every fixture handler mapped at the root (bodies up to 2 GiB), a static file, and
 * two folders with their own {@code <httpRuntime>}: {@code small/} (1 KB bodies, 100-character URLs, 50-character
 * query strings) and {@code slow/} (a one-second executionTimeout).
 */
final class TestSites {
    /** The text of {@code /file.txt}. */
    static final String FILE_TEXT = "static text\n";

    /** The root {@code <system.web>}: the fixture handlers of {@code dev.conduit.server.fixtures}, by path. */
    static final String FIXTURES =
            """
                <httpRuntime maxRequestLength="2097152"/>
                <httpHandlers>
                  <add verb="*" path="plaintext" type="dev.conduit.server.fixtures.PlainTextHandler"/>
                  <add verb="*" path="*.plain" type="dev.conduit.server.fixtures.PlainTextHandler"/>
                  <add verb="*" path="echo.x" type="dev.conduit.server.fixtures.EchoHandler"/>
                  <add verb="*" path="count.x" type="dev.conduit.server.fixtures.ByteCountingHandler"/>
                  <add verb="*" path="transmit.x" type="dev.conduit.server.fixtures.TransmitHandler"/>
                  <add verb="*" path="async-transmit.x" type="dev.conduit.server.fixtures.AsyncTransmitHandler"/>
                  <add verb="*" path="stream.x" type="dev.conduit.server.fixtures.StreamHandler"/>
                  <add verb="*" path="sized.x" type="dev.conduit.server.fixtures.SizedHandler"/>
                  <add verb="*" path="async-plain.x" type="dev.conduit.server.fixtures.AsyncPlainTextHandler"/>
                  <add verb="*" path="sleep.x" type="dev.conduit.server.fixtures.SleepHandler"/>
                  <add verb="*" path="async.x" type="dev.conduit.server.fixtures.TimerAsyncHandler"/>
                  <add verb="*" path="stamp.x" type="dev.conduit.server.fixtures.TimestampHandler"/>
                  <add verb="*" path="status.x" type="dev.conduit.server.fixtures.StatusHandler"/>
                  <add verb="*" path="ignore.x" type="dev.conduit.server.fixtures.IgnoreBodyHandler"/>
                  <add verb="*" path="info.x" type="dev.conduit.server.fixtures.RequestInfoHandler"/>
                  <add verb="*" path="client.x" type="dev.conduit.server.fixtures.ClientInfoHandler"/>
                  <add verb="*" path="hop.x" type="dev.conduit.server.fixtures.HopHeadersHandler"/>
                  <add verb="*" path="session.x" type="dev.conduit.server.fixtures.SessionValueHandler"/>
                </httpHandlers>
            """;

    private TestSites() {}

    /** Writes the fixture site into {@code root}; a test may add to it through the builder returned. */
    static SiteBuilder fixtures(Path root) {
        return SiteBuilder.in(root)
                .systemWeb(FIXTURES)
                .file("file.txt", FILE_TEXT)
                .systemWeb(
                        "small",
                        "<httpRuntime maxRequestLength=\"1\" maxUrlLength=\"100\" maxQueryStringLength=\"50\"/>")
                .systemWeb("slow", "<httpRuntime executionTimeout=\"1\"/>");
    }

    /** Writes the fixture site into {@code root} and returns {@code root}. */
    static Path write(Path root) {
        return fixtures(root).root();
    }
}
