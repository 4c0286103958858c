package demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium from Debian's package, driven from the command line: {@code --dump-dom} prints the DOM after the
 * page's scripts ran, {@code --screenshot} saves a PNG. A copy of conduit-netty's test helper of the same name (test
 * classes are not shared between modules). Missing Chromium skips the test with a visible message, except under
 * {@code CI=true}, where it fails: CI installs it.
 */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Path profile;

    private Chromium(Path profile) {
        this.profile = profile;
    }

    /** Chromium with a fresh profile under {@code tmp}; skips the test when Chromium is not installed. */
    static Chromium require(Path tmp) {
        boolean present = Files.isExecutable(BINARY);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium is required under CI=true (.ci/run installs the chromium package)");
        }
        if (!present) {
            System.err.println("SKIPPED browser test: no Chromium at " + BINARY + " (apt-get install chromium)");
        }
        assumeTrue(present, "no Chromium at " + BINARY + " (apt-get install chromium)");
        return new Chromium(tmp.resolve("profile"));
    }

    /** The DOM of {@code url} after its scripts ran. */
    String dumpDom(String url) throws Exception {
        return run(List.of("--dump-dom", url));
    }

    /** Saves a screenshot of {@code url}, in a window of {@code width} by {@code height}, to {@code png}. */
    void screenshot(String url, Path png, int width, int height) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        // Read on another thread, so a Chromium that hangs is still stopped after the timeout.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + cmd);
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }
}
