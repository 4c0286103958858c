package dev.conduit.state;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;

/**
 * Another web server, in its own process, for {@link KilledHolderTest}: runs the site in memory and sends one request
 * that takes the session's lock and holds it ({@code h/hold.x}); prints {@code holding} once inside, and {@code done
 * <status>} when the request ends (if the process lives that long).
 */
public final class LockHolderProcess {
    private LockHolderProcess() {}

    public static void main(String[] args) throws Exception {
        try (TestHost host = TestHost.start(Path.of(args[0]))) {
            TestResponse r = host.get("/h/hold.x")
                    .header("Cookie", "ASP.NET_SessionId=" + args[1])
                    .send();
            System.out.println("done " + r.status());
            System.out.flush();
        }
        System.exit(0);
    }
}
