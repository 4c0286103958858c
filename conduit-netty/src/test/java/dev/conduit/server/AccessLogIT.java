package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log as the server writes it: what a request over a real socket puts in its line. */
class AccessLogIT {
    private static final DateTimeFormatter LOGGED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path site;

    @TempDir
    Path logs;

    @Test
    void aLineSaysWhenTheResponseEndedByTheWallClock_andWhatWasAsked() throws Exception {
        Instant before;
        Instant after;
        try (RunningServer server = RunningServer.start(TestSites.write(site), o -> o.accessLog(true)
                .accessLogDirectory(logs)
                .accessLogFields(List.of(
                        "date",
                        "time",
                        "cs-method",
                        "cs-uri-stem",
                        "cs-uri-query",
                        "cs-version",
                        "sc-status",
                        "time-taken")))) {
            try (RawConnection c = server.connect()) {
                // The clock's second before the request, and after its answer (the log keeps whole seconds).
                before = Instant.now().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
                assertThat(c.send("GET /sleep.x?ms=1200 HTTP/1.1\r\nHost: h\r\n\r\n")
                                .read()
                                .status())
                        .isEqualTo(200);
                after = Instant.now();
            }
            server.stop(java.time.Duration.ofSeconds(2)); // the log is written out when the server stops
        }
        List<String> lines = loggedLines();
        assertThat(lines).hasSize(1);
        String[] f = lines.get(0).split(" ");
        assertThat(List.of(f).subList(2, 7)).containsExactly("GET", "/sleep.x", "ms=1200", "HTTP/1.1", "200");
        assertThat(Long.parseLong(f[7])).isBetween(1200L, 10_000L);
        Instant logged = LocalDateTime.parse(f[0] + " " + f[1], LOGGED).toInstant(ZoneOffset.UTC);
        // The response ended at least the handler's 1.2 s after the request was sent: the line is not the start's.
        assertThat(logged).isAfterOrEqualTo(before.plusSeconds(1)).isBeforeOrEqualTo(after);
    }

    @Test
    void anHttp2StreamIsLoggedWithItsVersionStatusAndTimeTaken() throws Exception {
        try (RunningServer server = RunningServer.start(TestSites.write(site), o -> o.accessLog(true)
                .accessLogDirectory(logs)
                .accessLogFields(
                        List.of("cs-method", "cs-uri-stem", "cs-version", "sc-status", "sc-bytes", "time-taken")))) {
            String base = "http://127.0.0.1:" + server.port();
            // One request a connection: curl 7.88 sends no second request on a connection it opened by prior
            // knowledge (Vert.x sees the same).
            for (String path : List.of("/sleep.x?ms=300", "/status.x?code=404")) {
                assertThat(Commands.run(
                                "curl",
                                "-s",
                                "-o",
                                "/dev/null",
                                "-w",
                                "%{http_version}",
                                "--max-time",
                                "20",
                                "--http2-prior-knowledge",
                                base + path))
                        .isEqualTo("0\n2");
            }
            server.stop(java.time.Duration.ofSeconds(2)); // the log is written out when the server stops
        }
        List<String> lines = loggedLines();
        assertThat(lines).hasSize(2);
        String[] sleep = lines.get(0).split(" ");
        assertThat(List.of(sleep).subList(0, 4)).containsExactly("GET", "/sleep.x", "HTTP/2", "200");
        assertThat(Long.parseLong(sleep[5])).as("time taken, ms").isBetween(300L, 10_000L);
        String[] status = lines.get(1).split(" ");
        assertThat(List.of(status).subList(0, 4)).containsExactly("GET", "/status.x", "HTTP/2", "404");
    }

    /** The lines the log wrote, from every day file: a request that ends past midnight (UTC) is in the next day's. */
    private List<String> loggedLines() throws java.io.IOException {
        List<String> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("u_ex"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                        .filter(l -> !l.startsWith("#"))
                        .forEach(lines::add);
            }
        }
        return lines;
    }
}
