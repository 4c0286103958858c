package demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A site served by a JVM of its own, as {@code ./conduit demo} serves samples/demo: the server's classes on the class
 * path, the site's ({@code demo-handlers.jar} and its libraries) only in the site's {@code bin/}. Each application
 * then loads them in its own class loader, so a recycle brings new copies of {@link Db}, HikariCP and H2, as in
 * production. A site served in the test JVM cannot show that: its class loader finds them on the test class path
 * first, the same copies in every application.
 *
 * <p>The server watches the site and recycles on changes. It prints {@code port N} once it serves and {@code
 * recycled N} after each recycle (to standard output, which {@link #awaitLine} reads); its log goes to a file under
 * {@code target/} ({@link #log()}). It stops gracefully when its standard input closes: {@link #close()}, or the end
 * of the test JVM, so no server outlives its test.
 */
final class SiteProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private SiteProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread.ofPlatform().daemon().name("site-process-output").start(this::readOutput);
        String started = awaitLine("port ", START_TIMEOUT);
        this.port = Integer.parseInt(started.substring("port ".length()));
    }

    /** Starts a JVM serving {@code site} on 127.0.0.1, a free port; returns once it serves. */
    static SiteProcess start(Path site) throws IOException {
        Path log = Files.createTempFile(Path.of("target"), "site-process-", ".log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", // a short-lived server on a shared machine: start fast, stay small
                "-XX:+UseSerialGC",
                "-cp",
                serverClassPath(site),
                SiteProcess.class.getName(),
                site.toString());
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        try {
            return new SiteProcess(process, log);
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * This JVM's class path without what the site brings: the jars its {@code bin/} holds (by name) and this module's
     * own classes, wherever the test runs them from.
     */
    private static String serverClassPath(Path site) throws IOException {
        Set<String> siteJars;
        try (Stream<Path> bin = Files.list(site.resolve("bin"))) {
            siteJars = bin.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Path handlers;
        try {
            handlers = Path.of(
                    Db.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> entries = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .filter(e -> !siteJars.contains(Path.of(e).getFileName().toString()))
                .filter(e -> !Path.of(e).toAbsolutePath().equals(handlers.toAbsolutePath()))
                .toList();
        assertThat(entries).as("the server's class path").isNotEmpty();
        return String.join(File.pathSeparator, entries);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended: awaitLine reports the missing line with the log
        }
    }

    /** The port the server listens on. */
    int port() {
        return port;
    }

    /**
     * Waits for the next line the server prints and checks that it starts with {@code prefix}.
     *
     * @throws AssertionError when none comes within {@code timeout}, with the server's log
     */
    String awaitLine(String prefix, Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for '" + prefix + "'", e);
        }
        assertThat(line)
                .as(() -> "the server's next line (alive: " + process.isAlive() + "); its log:\n" + log())
                .isNotNull()
                .startsWith(prefix);
        return line;
    }

    /** What the server has logged so far. */
    String log() {
        try {
            return Files.readString(log, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server gracefully (application end included) and waits for its JVM to exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the server did not stop within 30 seconds; its log:\n" + log());
        }
    }

    /**
     * The server's side: serves the site in {@code args[0]}, watching it for changes as {@code conduit run} does,
     * reports its port and each recycle, and stops when standard input closes.
     */
    public static void main(String[] args) throws Exception {
        HttpRuntime runtime = HttpRuntime.start(Path.of(args[0]));
        ConduitServer server = ConduitServer.start(
                runtime,
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
        System.out.println("port " + server.port());
        // The runtime tells of recycles only through its count; this thread turns the count into lines.
        Thread.ofPlatform().daemon().name("recycle-reporter").start(() -> reportRecycles(runtime));
        System.in.transferTo(OutputStream.nullOutputStream());
        server.stop();
    }

    private static void reportRecycles(HttpRuntime runtime) {
        int reported = 0;
        while (true) {
            int count = runtime.recycleCount();
            if (count != reported) {
                reported = count;
                System.out.println("recycled " + count);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
