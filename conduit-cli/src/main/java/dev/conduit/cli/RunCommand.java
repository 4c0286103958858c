package dev.conduit.cli;

import dev.conduit.ConfigurationException;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code conduit run <site>}: serves a site on the embedded server until SIGTERM or Ctrl-C, then stops gracefully
 * and exits 0.
 *
 * <p>Every {@link ServerOptions} setting is one flag here, and the same name without dashes is a key of the {@code
 * --config} file ({@link ServerConfigFile}); a flag on the command line wins over the file, the file over the
 * default. A new setting is one builder method on {@code ServerOptions} and one option method below: the file key
 * comes with the flag. Durations are whole seconds.
 *
 * <p>Picocli calls each option method once per parse, with the command line's value, else the file's, else the
 * annotation's default (the same as {@code ServerOptions}'; {@code RunCommandTest} checks that they agree). One instance
 * serves one parse.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        defaultValueProvider = ServerConfigFile.class,
        description = {
            "Serves a site on the embedded server until SIGTERM or Ctrl-C, then stops gracefully.",
            "Each server setting is a flag and a key of the --config file named as the flag without dashes"
                    + " (port = 8080); a flag on the command line wins over the file, the file over the default."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Spec
    CommandSpec spec;

    private final ServerOptions.Builder options = ServerOptions.builder();

    @Mixin
    PipelineModeOption pipelineMode = new PipelineModeOption();

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "a server configuration file: a properties file whose keys are the flags below"
                    + " without dashes (max-headers = 50)")
    void config(Path file) {
        ServerConfigFile.of(spec).load(file, spec);
    }

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "the port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    void port(int port) {
        set("--port", port, b -> b.port(port));
    }

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "the address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    void bind(String host) {
        set("--bind", host, b -> b.host(host));
    }

    @Option(
            names = "--max-request-line",
            paramLabel = "BYTES",
            defaultValue = "8192",
            description = "the longest request line; longer answers 414 (default: ${DEFAULT-VALUE})")
    void maxRequestLine(int bytes) {
        set("--max-request-line", bytes, b -> b.maxRequestLineLength(bytes));
    }

    @Option(
            names = "--max-header-bytes",
            paramLabel = "BYTES",
            defaultValue = "32768",
            description = "the largest header block; larger answers 431 (default: ${DEFAULT-VALUE})")
    void maxHeaderBytes(int bytes) {
        set("--max-header-bytes", bytes, b -> b.maxHeaderBlockSize(bytes));
    }

    @Option(
            names = "--max-headers",
            paramLabel = "COUNT",
            defaultValue = "100",
            description = "the most header fields; more answers 431 (default: ${DEFAULT-VALUE})")
    void maxHeaders(int count) {
        set("--max-headers", count, b -> b.maxHeaderCount(count));
    }

    @Option(
            names = "--request-headers-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description =
                    "how long a client may take to send a request's headers; then 408 (default: ${DEFAULT-VALUE})")
    void requestHeadersTimeout(int seconds) {
        set("--request-headers-timeout", seconds, b -> b.requestHeadersTimeout(Duration.ofSeconds(seconds)));
    }

    @Option(
            names = "--keep-alive-timeout",
            paramLabel = "SECONDS",
            defaultValue = "130",
            description = "how long an idle kept-alive connection stays open (default: ${DEFAULT-VALUE})")
    void keepAliveTimeout(int seconds) {
        set("--keep-alive-timeout", seconds, b -> b.keepAliveTimeout(Duration.ofSeconds(seconds)));
    }

    @Option(
            names = "--shutdown-grace",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "how long requests in flight may finish on SIGTERM or Ctrl-C (default: ${DEFAULT-VALUE})")
    void shutdownGrace(int seconds) {
        set("--shutdown-grace", seconds, b -> b.shutdownGracePeriod(Duration.ofSeconds(seconds)));
    }

    @Option(
            names = "--drain-delay",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "on SIGTERM, how long to keep serving with the health endpoint answering 503 before refusing"
                    + " connections, for a load balancer to take the instance out (default: ${DEFAULT-VALUE})")
    void drainDelay(int seconds) {
        set("--drain-delay", seconds, b -> b.drainDelay(Duration.ofSeconds(seconds)));
    }

    @Option(
            names = "--max-pipelined",
            paramLabel = "COUNT",
            defaultValue = "16",
            description = "how many requests a client may queue behind the one being served before reading pauses"
                    + " (default: ${DEFAULT-VALUE})")
    void maxPipelined(int count) {
        set("--max-pipelined", count, b -> b.maxPipelinedRequests(count));
    }

    // fallbackValue makes a bare --access-log mean true whatever the file says; without it picocli flips the default.
    @Option(
            names = "--access-log",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "write the access log: one line per request in the W3C extended format IIS writes, off the"
                    + " request path (default: ${DEFAULT-VALUE})")
    void accessLog(boolean on) {
        set("--access-log", on, b -> b.accessLog(on));
    }

    @Option(
            names = "--access-log-dir",
            paramLabel = "FOLDER",
            description = "write the access log to one file per UTC day in FOLDER (u_exYYMMDD.log, as IIS names them)"
                    + " instead of standard output")
    void accessLogDirectory(Path folder) {
        set("--access-log-dir", folder, b -> b.accessLogDirectory(folder));
    }

    @Option(
            names = "--access-log-fields",
            paramLabel = "FIELDS",
            defaultValue = "date,time,s-ip,cs-method,cs-uri-stem,cs-uri-query,s-port,c-ip,cs(User-Agent),cs(Referer),"
                    + "sc-status,sc-substatus,sc-win32-status,time-taken",
            description = "the access log's fields, comma-separated W3C names; also cs-version, cs-host, sc-bytes"
                    + " (default: ${DEFAULT-VALUE})")
    void accessLogFields(String list) {
        List<String> fields = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .toList();
        set("--access-log-fields", list, b -> b.accessLogFields(fields));
    }

    @Option(
            names = "--health-path",
            paramLabel = "PATH",
            defaultValue = "/health",
            description = "the path the server answers itself for a load balancer's health checks (200, then 503"
                    + " once stopping), before the site; empty for none (default: ${DEFAULT-VALUE})")
    void healthPath(String path) {
        set("--health-path", path, b -> b.healthPath(path));
    }

    @Option(
            names = "--min-response-rate",
            paramLabel = "BYTES",
            defaultValue = "240",
            description = "cut a client that reads a waiting response more slowly than this many bytes a second on"
                    + " average after a 5 s grace; 0 for no minimum (default: ${DEFAULT-VALUE})")
    void minResponseRate(int bytesPerSecond) {
        set("--min-response-rate", bytesPerSecond, b -> b.minResponseRate(bytesPerSecond));
    }

    @Option(
            names = "--min-request-body-rate",
            paramLabel = "BYTES",
            defaultValue = "240",
            description = "answer 408 to a client that sends a request body more slowly than this many bytes a second"
                    + " on average after a 5 s grace; 0 for no minimum (default: ${DEFAULT-VALUE})")
    void minRequestBodyRate(int bytesPerSecond) {
        set("--min-request-body-rate", bytesPerSecond, b -> b.minRequestBodyRate(bytesPerSecond));
    }

    @Option(
            names = "--h2c",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "serve HTTP/2 in clear text to a client that opens with its preface (h2c by prior knowledge;"
                    + " over TLS HTTP/2 is offered by ALPN) (default: ${DEFAULT-VALUE})")
    void h2c(boolean on) {
        set("--h2c", on, b -> b.h2c(on));
    }

    @Option(
            names = "--h2c-upgrade",
            negatable = true,
            defaultValue = "false",
            fallbackValue = "true",
            description = "with --h2c, also let a clear-text HTTP/1.1 request without a body ask for Upgrade: h2c"
                    + " (deprecated by RFC 9113; behind a balancer that forwards it, the client's connection becomes a"
                    + " tunnel to one instance) (default: ${DEFAULT-VALUE})")
    void h2cUpgrade(boolean on) {
        set("--h2c-upgrade", on, b -> b.h2cUpgrade(on));
    }

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "serve https with this certificate: a PEM chain (with --tls-key) or a PKCS#12 file"
                    + " (.p12, .pfx); reloaded when it changes")
    void tlsCertificate(Path file) {
        tlsCert = file; // checked with --tls-key when the options are built
    }

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert")
    void tlsKey(Path file) {
        tlsKeyFile = file;
    }

    @Option(
            names = "--tls-password",
            paramLabel = "PASSWORD",
            description = "the password of an encrypted --tls-key or of a PKCS#12 --tls-cert")
    void tlsPassword(String password) {
        options.tlsPassword(password);
    }

    @Option(
            names = "--https-port",
            paramLabel = "PORT",
            defaultValue = "-1",
            description = "with --tls-cert: serve HTTPS on PORT and keep plain HTTP on --port beside it (without it,"
                    + " --port itself serves HTTPS alone)")
    void httpsPort(int port) {
        // The port's range is checked now (the setter's rule), its need of a certificate when the options are built.
        try {
            ServerOptions.builder().httpsPort(port);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--https-port': " + e.getMessage(),
                    e,
                    spec.findOption("--https-port"),
                    String.valueOf(port));
        }
        options.httpsPort(port);
    }

    @Option(
            names = "--tls-provider",
            paramLabel = "NAME",
            defaultValue = "auto",
            description = "the TLS implementation: auto (OpenSSL when it loads, else the JDK's), openssl or jdk"
                    + " (default: ${DEFAULT-VALUE})")
    void tlsProvider(String provider) {
        set("--tls-provider", provider, b -> b.tlsProvider(provider));
    }

    private @Nullable Path tlsCert;
    private @Nullable Path tlsKeyFile;

    @Option(
            names = "--trusted-proxies",
            paramLabel = "LIST",
            defaultValue = "",
            description = "the proxies whose X-Forwarded-For, -Proto and -Host are believed: comma-separated addresses"
                    + " and CIDR blocks (127.0.0.1,10.0.0.0/8); default none")
    void trustedProxies(String list) {
        List<String> proxies = Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
        set("--trusted-proxies", list, b -> b.trustedProxies(proxies));
    }

    /**
     * The options the command line, the file and the defaults make.
     *
     * @throws IllegalArgumentException for settings that are wrong together (a TLS key without a certificate, files
     *     that do not load)
     */
    ServerOptions serverOptions() {
        return options.tls(tlsCert, tlsKeyFile).build();
    }

    /**
     * Applies one setting after asking {@code ServerOptions} about it alone (every other setting at its default), so a
     * value that breaks its rule is reported against the flag or file key that carried it, at parse time.
     */
    private void set(String flag, Object value, UnaryOperator<ServerOptions.Builder> setting) {
        try {
            setting.apply(ServerOptions.builder()).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '" + flag + "': " + e.getMessage(),
                    e,
                    spec.findOption(flag),
                    String.valueOf(value));
        }
        setting.apply(options);
    }

    /** The Java version, the flags the JVM was started with, its collector and its largest heap, on one line. */
    static String jvmLine() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        String flags = String.join(" ", runtime.getInputArguments());
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return "JVM: Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, heap up to "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, collectors " + gc + "; flags: "
                + (flags.isEmpty() ? "(none)" : flags);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpRuntime runtime;
        try {
            runtime = HttpRuntime.start(RuntimeOptions.of(site).withPipelineMode(pipelineMode.mode));
        } catch (ConfigurationException e) {
            e.problems().forEach(err::println);
            err.println("conduit: not starting: the configuration of " + site + " has errors");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("conduit: " + e.getMessage());
            return 1;
        }
        runtime.configurationWarnings().forEach(err::println);
        ServerOptions options;
        try {
            options = serverOptions();
        } catch (IllegalArgumentException e) {
            runtime.close();
            err.println("conduit: " + e.getMessage());
            return 1;
        }
        String health = options.healthPath();
        if (!health.isEmpty() && java.nio.file.Files.exists(site.resolve(health.substring(1)))) {
            err.println("warning: " + site.resolve(health.substring(1)) + " is shadowed: the server answers " + health
                    + " itself for health checks (--health-path changes the path, or \"\" turns it off)");
        }
        ConduitServer server;
        try {
            server = ConduitServer.start(runtime, options);
        } catch (RuntimeException e) {
            runtime.close();
            err.println("conduit: " + e.getMessage());
            return 1;
        }
        String bind = options.host();
        String host = bind.equals("0.0.0.0") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("Conduit is serving " + site.toAbsolutePath().normalize() + " on "
                + (server.isTls() ? "https" : "http") + "://" + host + ":" + server.port() + "/"
                + (server.httpsPort() >= 0 ? " and https://" + host + ":" + server.httpsPort() + "/" : "")
                + " (" + server.transport() + "); Ctrl-C or SIGTERM stops it.");
        out.println("Pipeline mode: " + runtime.pipelineMode() + ".");
        out.println(jvmLine());
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        stop.await();
        out.println("Conduit is stopping: finishing requests in flight...");
        out.flush();
        server.stop();
        out.println("Conduit stopped.");
        out.flush();
        return 0;
    }
}
