package dev.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.ServerOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code conduit run}'s settings: flags, the {@code --config} file, their precedence and their errors. Parsing only;
 * no server is started (a command line that parses starts one, so only failing ones are executed).
 */
class RunCommandTest {
    @TempDir
    Path site;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Parses {@code run SITE args...} as {@code conduit} does and returns the options it made. */
    private ServerOptions parse(String... args) {
        CommandLine cli = ConduitCli.commandLine();
        List<String> all = new ArrayList<>(List.of("run", site.toString()));
        all.addAll(List.of(args));
        cli.parseArgs(all.toArray(String[]::new));
        RunCommand run = cli.getSubcommands().get("run").getCommand();
        return run.serverOptions();
    }

    /** Executes {@code run SITE args...} as {@code conduit} does; only for command lines that fail to parse. */
    private int execute(String... args) {
        CommandLine cli = ConduitCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("run", site.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private String file(String content) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void withoutFlagsTheOptionsAreServerOptionsDefaults() {
        assertThat(parse()).isEqualTo(ServerOptions.defaults());
    }

    @Test
    void everyFlagSetsItsSetting() {
        ServerOptions options = parse(
                "--port",
                "9000",
                "--bind",
                "0.0.0.0",
                "--max-request-line",
                "4096",
                "--max-header-bytes",
                "16384",
                "--max-headers",
                "50",
                "--request-headers-timeout",
                "10",
                "--keep-alive-timeout",
                "60",
                "--shutdown-grace",
                "5",
                "--max-pipelined",
                "4",
                "--no-access-log",
                "--access-log-dir",
                "/var/log/conduit",
                "--access-log-fields",
                "date, time,cs-uri-stem,sc-status",
                "--health-path",
                "/ready",
                "--drain-delay",
                "3",
                "--trusted-proxies",
                "127.0.0.1, 10.0.0.0/8");
        assertThat(options).isEqualTo(expectedChanged());
    }

    @Test
    void theConfigFileSetsEverySetting() throws Exception {
        String config = file(
                """
                # every setting, away from its default
                port = 9000
                bind = 0.0.0.0
                max-request-line = 4096
                max-header-bytes = 16384
                max-headers = 50
                request-headers-timeout = 10
                keep-alive-timeout = 60
                shutdown-grace = 5
                max-pipelined = 4
                access-log = false
                access-log-dir = /var/log/conduit
                access-log-fields = date, time,cs-uri-stem,sc-status
                health-path = /ready
                drain-delay = 3
                trusted-proxies = 127.0.0.1, 10.0.0.0/8
                """);
        assertThat(parse("--config", config)).isEqualTo(expectedChanged());
    }

    private static ServerOptions expectedChanged() {
        return ServerOptions.builder()
                .port(9000)
                .host("0.0.0.0")
                .maxRequestLineLength(4096)
                .maxHeaderBlockSize(16384)
                .maxHeaderCount(50)
                .requestHeadersTimeout(Duration.ofSeconds(10))
                .keepAliveTimeout(Duration.ofSeconds(60))
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .maxPipelinedRequests(4)
                .accessLog(false)
                .accessLogDirectory(Path.of("/var/log/conduit"))
                .accessLogFields(List.of("date", "time", "cs-uri-stem", "sc-status"))
                .healthPath("/ready")
                .drainDelay(Duration.ofSeconds(3))
                .trustedProxies(List.of("127.0.0.1", "10.0.0.0/8"))
                .build();
    }

    @Test
    void aFlagWinsOverTheFileWhereverItStands() throws Exception {
        String config = file("port = 9000\nmax-headers = 50\naccess-log = false\n");
        ServerOptions before = parse("--port", "9001", "--access-log", "--config", config);
        ServerOptions after = parse("--config", config, "--port", "9001", "--access-log");
        for (ServerOptions o : List.of(before, after)) {
            assertThat(o.port()).isEqualTo(9001);
            assertThat(o.accessLog()).isTrue();
            assertThat(o.maxHeaderCount()).as("from the file").isEqualTo(50);
            assertThat(o.keepAliveTimeout()).as("the default").isEqualTo(Duration.ofSeconds(130));
        }
    }

    @Test
    void noAccessLogWinsOverAFileThatTurnsItOn() throws Exception {
        String config = file("access-log = true\n");
        assertThat(parse("--config", config, "--no-access-log").accessLog()).isFalse();
        assertThat(parse("--config", config).accessLog()).isTrue();
    }

    @Test
    void unknownKeysAreOneErrorNamingTheFileAndEachKey() throws Exception {
        String config = file("prot = 8080\nSITE = /srv/www\nport = 8081\n");
        assertThat(execute("--config", config)).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("conduit: " + config + ": unknown keys 'SITE', 'prot';"
                        + " the keys are the flags of 'conduit run' without dashes: access-log, access-log-dir,"
                        + " access-log-fields, bind,")
                .doesNotContain("Usage:")
                .doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "port = 70000            | port' (70000): port must be 0..65535: 70000",
                "port = eighty           | port' (eighty): 'eighty' is not an int",
                "max-request-line = 10   | max-request-line' (10): maxRequestLineLength must be >= 64: 10",
                "keep-alive-timeout = 0  | keep-alive-timeout' (0): keepAliveTimeout must be > 0: PT0S",
                "shutdown-grace = -1     | shutdown-grace' (-1): shutdownGracePeriod must be >= 0: PT-1S",
                "bind =                  | bind' (): host must not be blank: ''",
                "access-log = maybe      | access-log' (maybe): 'maybe' is not a boolean",
                "access-log-fields = date,cs-username | access-log-fields' (date,cs-username): unknown access log field"
                        + " 'cs-username'; the fields are date, time, s-ip, cs-method, cs-uri-stem, cs-uri-query, s-port,"
                        + " c-ip, cs-version, cs(User-Agent), cs(Referer), cs-host, sc-status, sc-substatus,"
                        + " sc-win32-status, sc-bytes, time-taken",
            })
    void aBadValueInTheFileNamesTheFileTheKeyAndTheRule(String line, String message) throws Exception {
        String config = file(line + "\n");
        assertThat(execute("--config", config)).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("conduit: " + config + ": bad value for key '" + message + System.lineSeparator());
    }

    @Test
    void aBadFlagIsBlamedOnTheFlagEvenWhenTheFileSetsTheSameSetting() throws Exception {
        String config = file("port = 8081\naccess-log = true\n");
        assertThat(execute("--config", config, "--port", "70000")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("Invalid value for option '--port': port must be 0..65535: 70000")
                .doesNotContain(config);
        err.getBuffer().setLength(0);
        assertThat(execute("--config", config, "--access-log=maybe")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("Invalid value for option '--access-log'")
                .doesNotContain(config);
    }

    @Test
    void aMissingConfigFileIsAnError() {
        String missing = dir.resolve("nope.properties").toString();
        assertThat(execute("--config", missing)).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("conduit: " + missing + ": no such server configuration file" + System.lineSeparator());
    }

    @Test
    void theJvmLineNamesTheVersionTheHeapTheCollectorsAndTheFlags() {
        String line = RunCommand.jvmLine();
        assertThat(line)
                .startsWith("JVM: Java " + Runtime.version() + ", ")
                .contains(" MiB, collectors ")
                .contains("; flags: ");
        java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getInputArguments()
                .forEach(flag -> assertThat(line).contains(flag));
    }

    @Test
    void helpListsEverySettingWithItsDefault() {
        CommandLine cli = ConduitCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("run", "--help")).isZero();
        assertThat(out.toString())
                .contains("--config=FILE")
                .contains("--max-request-line=BYTES")
                .contains("(default: 8192)")
                .contains("--keep-alive-timeout=SECONDS")
                .contains("(default: 130)")
                .contains("--[no-]access-log");
    }
}
