package dev.conduit.bench;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Conduit server the load harness measures: {@code java -cp ... dev.conduit.bench.ConduitBenchServer VARIANT
 * PORT}, VARIANT one of {@code async}, {@code sync}, {@code modules}, {@code ashx} (see {@link BenchSites}). Access
 * log off; everything else as {@code conduit run} has it, the site watcher included (it is what lets a compiled
 * {@code .ashx} go unchecked per request).
 */
public final class ConduitBenchServer {
    private ConduitBenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ConduitBenchServer {async|sync|modules|ashx} PORT");
            System.exit(2);
        }
        ConduitServer server = start(args[0], Integer.parseInt(args[1]));
        System.out.println("conduit-" + args[0] + " listening on 127.0.0.1:" + server.port() + " (" + server.transport()
                + ", java " + Runtime.version() + ", cpus "
                + Runtime.getRuntime().availableProcessors() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        Thread.currentThread().join();
    }

    /** Serves a new site of {@code variant} on 127.0.0.1:{@code port} (0: any free port), as described above. */
    static ConduitServer start(String variant, int port) throws java.io.IOException {
        Path site = BenchSites.create(Files.createTempDirectory("conduit-bench"), variant);
        HttpRuntime runtime = HttpRuntime.start(RuntimeOptions.of(site));
        return ConduitServer.start(
                runtime,
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(port)
                        .accessLog(false)
                        .build());
    }
}
