package dev.conduit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conduit.ConfigurationException;
import dev.conduit.testing.fixtures.DemoGlobal;
import dev.conduit.testing.fixtures.RecordingModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a test relies on when it writes its site with {@link SiteBuilder}. */
class SiteBuilderTest {
    @TempDir
    Path root;

    @Test
    void systemWebContentStartsOnLineThreeSoErrorsNameAKnownLine() {
        SiteBuilder site = SiteBuilder.in(root).systemWeb("sub/folder", "<httpRuntime maxRequestLength=\"lots\"/>");

        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> site.start().close());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(root.resolve("sub/folder/web.config"));
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void anAshxHandlerAndAGlobalAsaxRunAsWritten() {
        try (TestHost host = SiteBuilder.in(root)
                .ashx(
                        "hi.ashx",
                        "demo.Hi",
                        """
                        package demo;

                        public class Hi implements dev.conduit.HttpHandler {
                            public void processRequest(dev.conduit.HttpContext context) {
                                context.response().write("hi from " + context.applicationInstance().getClass().getSimpleName());
                            }
                        }
                        """)
                .globalAsax(DemoGlobal.class)
                .start()) {
            // DemoGlobal records each request under its id, as RecordingModule does.
            assertThat(host.get("/hi.ashx?id=site-builder").send().text()).isEqualTo("hi from DemoGlobal");
            assertThat(RecordingModule.LOGS.remove("site-builder")).containsExactly("GLOBAL_BEGIN_REQUEST");
        }
    }

    @Test
    void filesTakeTheChosenModificationTimeAndARewriteReplacesTheContent() throws Exception {
        Instant old = Instant.parse("2020-01-02T03:04:05Z");
        SiteBuilder site = SiteBuilder.in(root.resolve("new/site"))
                .modifiedAt(old)
                .file("a/b.txt", "first")
                .file("a/b.txt", new byte[] {'s', 'e', 'c', 'o', 'n', 'd'});

        Path file = site.resolve("a/b.txt");
        assertThat(file).hasContent("second");
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(old);
        site.lastModified("a/b.txt", old.plusSeconds(60));
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(old.plusSeconds(60));
    }
}
