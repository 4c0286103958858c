package dev.conduit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path site;

    @Test
    void servesAStaticFileAndRefusesTheConfig() throws Exception {
        SiteBuilder.in(site).file("hello.txt", "hi there").webConfig("<configuration/>");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/hello.txt").send();
            System.out.println(r + " " + r.text());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hi there");
            TestResponse c = host.get("/web.config").send();
            System.out.println(c + "\n" + c.text());
            assertThat(c.status()).isEqualTo(403);
            TestResponse p = host.request("PUT", "/hello.txt").send();
            System.out.println(p);
            assertThat(p.status()).isEqualTo(405);
        }
    }
}
