package dev.conduit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The site the server tests run: every fixture handler mapped at the root (bodies up to 2 GiB), a static file, and
 * two folders with their own {@code <httpRuntime>}: {@code small/} (1 KB bodies, 100-character URLs, 50-character
 * query strings) and {@code slow/} (a one-second executionTimeout).
 */
final class TestSites {
    /** The text of {@code /file.txt}. */
    static final String FILE_TEXT = "static text\n";

    private TestSites() {}

    static Path write(Path root) {
        try {
            Files.writeString(
                    root.resolve("web.config"),
                    """
                    <configuration>
                      <system.web>
                        <httpRuntime maxRequestLength="2097152"/>
                        <httpHandlers>
                          <add verb="*" path="plaintext" type="dev.conduit.server.fixtures.PlainTextHandler"/>
                          <add verb="*" path="*.plain" type="dev.conduit.server.fixtures.PlainTextHandler"/>
                          <add verb="*" path="echo.x" type="dev.conduit.server.fixtures.EchoHandler"/>
                          <add verb="*" path="count.x" type="dev.conduit.server.fixtures.ByteCountingHandler"/>
                          <add verb="*" path="stream.x" type="dev.conduit.server.fixtures.StreamHandler"/>
                          <add verb="*" path="sleep.x" type="dev.conduit.server.fixtures.SleepHandler"/>
                          <add verb="*" path="async.x" type="dev.conduit.server.fixtures.TimerAsyncHandler"/>
                          <add verb="*" path="status.x" type="dev.conduit.server.fixtures.StatusHandler"/>
                          <add verb="*" path="ignore.x" type="dev.conduit.server.fixtures.IgnoreBodyHandler"/>
                          <add verb="*" path="info.x" type="dev.conduit.server.fixtures.RequestInfoHandler"/>
                        </httpHandlers>
                      </system.web>
                    </configuration>
                    """);
            Files.writeString(root.resolve("file.txt"), FILE_TEXT);
            Files.createDirectories(root.resolve("small"));
            Files.writeString(
                    root.resolve("small/web.config"),
                    """
                    <configuration><system.web>
                      <httpRuntime maxRequestLength="1" maxUrlLength="100" maxQueryStringLength="50"/>
                    </system.web></configuration>
                    """);
            Files.createDirectories(root.resolve("slow"));
            Files.writeString(
                    root.resolve("slow/web.config"),
                    """
                    <configuration><system.web><httpRuntime executionTimeout="1"/></system.web></configuration>
                    """);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
