package dev.conduit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes the benchmark sites: a web.config for each variant, the .ashx variant and a 16 KiB static file. */
final class BenchSites {
    private BenchSites() {}

    /**
     * Creates a site for {@code variant} under {@code dir}: {@code async} and {@code sync} map /plaintext and /json to
     * an async or a blocking handler; {@code modules} is {@code async} with session and authentication configured
     * (the handler needs no session); {@code ashx} serves /plaintext.ashx from inline source.
     */
    static Path create(Path dir, String variant) throws IOException {
        Path site = Files.createDirectories(dir.resolve(variant));
        String type = variant.equals("sync") ? "Sync" : "Async";
        String extra = variant.equals("modules")
                ? """
                    <sessionState mode="InProc"/>
                    <authentication mode="Forms"><forms loginUrl="/login.ashx"/></authentication>
                    <authorization><allow users="*"/></authorization>
                """
                : "";
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration>
                  <system.web>
                    EXTRA
                    <httpHandlers>
                      <add verb="GET,HEAD" path="/plaintext" type="dev.conduit.bench.BenchHandlers$TYPEPlaintext"/>
                      <add verb="GET,HEAD" path="/json" type="dev.conduit.bench.BenchHandlers$TYPEJson"/>
                    </httpHandlers>
                  </system.web>
                </configuration>
                """
                        .replace("EXTRA", extra)
                        .replace("TYPE", type));
        Files.writeString(
                site.resolve("plaintext.ashx"),
                """
                <%@ WebHandler Language="Java" Class="bench.Plaintext" %>
                package bench;

                public class Plaintext implements dev.conduit.HttpHandler {
                    private static final byte[] BODY = "Hello, World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

                    public void processRequest(dev.conduit.HttpContext context) {
                        context.response().setContentType("text/plain");
                        context.response().write(BODY);
                    }

                    public boolean isReusable() {
                        return true;
                    }
                }
                """);
        byte[] bytes = new byte[16 * 1024];
        new Random(16).nextBytes(bytes);
        Files.write(site.resolve("static16k.bin"), bytes);
        return site;
    }
}
