package dev.conduit.cli;

import dev.conduit.ConfigurationException;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code conduit run <site>}: serves a site on the embedded server until SIGTERM or Ctrl-C, then stops gracefully
 * and exits 0.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Serves a site on the embedded server until SIGTERM or Ctrl-C, then stops gracefully.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SITE", description = "the site folder")
    Path site;

    @Option(names = "--port", defaultValue = "8080", description = "the port (0 picks a free one); default 8080")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "the address to listen on; default 127.0.0.1")
    String bind;

    @Option(names = "--no-access-log", description = "do not write a line per request")
    boolean noAccessLog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpRuntime runtime;
        try {
            runtime = HttpRuntime.start(site);
        } catch (ConfigurationException e) {
            e.problems().forEach(err::println);
            err.println("conduit: not starting: the configuration of " + site + " has errors");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("conduit: " + e.getMessage());
            return 1;
        }
        runtime.configurationWarnings().forEach(err::println);
        ServerOptions options = ServerOptions.builder()
                .host(bind)
                .port(port)
                .accessLog(!noAccessLog)
                .build();
        ConduitServer server;
        try {
            server = ConduitServer.start(runtime, options);
        } catch (RuntimeException e) {
            runtime.close();
            err.println("conduit: " + e.getMessage());
            return 1;
        }
        String host = bind.equals("0.0.0.0") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("Conduit is serving " + site.toAbsolutePath().normalize() + " on http://" + host + ":"
                + server.port() + "/ (" + server.transport() + "); Ctrl-C or SIGTERM stops it.");
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
