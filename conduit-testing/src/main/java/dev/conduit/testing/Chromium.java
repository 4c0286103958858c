package dev.conduit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium from Debian's package, for tests that look at pages in a real browser. Driven from the command
 * line, {@link #dumpDom} prints the DOM after the page's scripts ran and {@link #screenshot} saves a PNG; {@link #open}
 * starts a {@link BrowserSession} that types, clicks and follows where the page goes. {@link #find} gives none when
 * Chromium is not installed (the test then skips, saying so), except under {@code CI=true}, where a missing Chromium
 * is an error: CI installs it ({@code .ci/run}).
 */
public final class Chromium {
    /** Why a browser test skips: no Chromium here. */
    public static final String MISSING = "no Chromium at /usr/bin/chromium (apt-get install chromium)";

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Path tmp;

    private Chromium(Path tmp) {
        this.tmp = tmp;
    }

    /**
     * Chromium with a fresh profile under {@code tmp}, or empty when it is not installed.
     *
     * @throws AssertionError when it is not installed and {@code CI=true}
     */
    public static Optional<Chromium> find(Path tmp) {
        if (Files.isExecutable(BINARY)) {
            return Optional.of(new Chromium(tmp));
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium is required under CI=true (.ci/run installs the chromium package)");
        }
        System.err.println("SKIPPED browser test: " + MISSING);
        return Optional.empty();
    }

    /** The DOM of {@code url} after its scripts ran. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** Saves a screenshot of {@code url}, in a window of {@code width} by {@code height}, to {@code png}. */
    public void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url));
    }

    /**
     * Starts Chromium with a fresh profile and one blank tab, and connects to it, waiting at most 30 s; see {@link
     * #open(Duration)}.
     */
    public BrowserSession open() throws IOException, InterruptedException {
        return open(Duration.ofSeconds(30));
    }

    /**
     * Starts Chromium with a fresh profile under the folder given to {@link #find} and one blank tab, whose viewport is
     * 1024 by 768, and connects to it. Each of the session's methods, and this one, waits at most {@code timeout} for
     * Chromium. The caller closes the session.
     *
     * @throws AssertionError when Chromium exits or does not answer within {@code timeout}
     */
    public BrowserSession open(Duration timeout) throws IOException, InterruptedException {
        return open(timeout, List.of());
    }

    /**
     * As {@link #open(Duration)}, with more of Chromium's switches, such as {@code
     * --ignore-certificate-errors-spki-list=...} to trust one test certificate (see {@link #spki}).
     */
    public BrowserSession open(Duration timeout, List<String> switches) throws IOException, InterruptedException {
        Files.createDirectories(tmp);
        Path profile = Files.createTempDirectory(tmp, "session-");
        List<String> args = new java.util.ArrayList<>(switches);
        args.addAll(List.of(
                "--remote-debugging-port=0",
                "--window-size=" + BrowserSession.WIDTH + "," + BrowserSession.HEIGHT,
                "about:blank"));
        return BrowserSession.start(command(profile, args), profile, timeout);
    }

    /**
     * The switch that makes Chromium trust {@code certificate} (a self-signed test certificate) and no other: the
     * base64 SHA-256 of its public key, as {@code --ignore-certificate-errors-spki-list} takes it.
     */
    public static String spki(java.security.cert.Certificate certificate) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded());
            return "--ignore-certificate-errors-spki-list="
                    + java.util.Base64.getEncoder().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = command(tmp.resolve("profile"), args);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        // Read on another thread, so that a Chromium that hangs is still stopped after the timeout.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + cmd);
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }

    /** Chromium headless with {@code userDataDir} as its profile, then {@code args}. */
    private static List<String> command(Path userDataDir, List<String> args) {
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
                "--user-data-dir=" + userDataDir));
        cmd.addAll(args);
        return cmd;
    }
}
