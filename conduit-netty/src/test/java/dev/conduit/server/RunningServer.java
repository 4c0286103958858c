package dev.conduit.server;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A runtime and a server on 127.0.0.1 and a free port, for one test. */
final class RunningServer implements AutoCloseable {
    final HttpRuntime runtime;
    final ConduitServer server;
    private boolean stopped;

    private RunningServer(HttpRuntime runtime, ConduitServer server) {
        this.runtime = runtime;
        this.server = server;
    }

    static RunningServer start(Path site) {
        return start(RuntimeOptions.of(site), o -> o);
    }

    static RunningServer start(Path site, UnaryOperator<ServerOptions.Builder> options) {
        return start(RuntimeOptions.of(site), options);
    }

    static RunningServer start(RuntimeOptions runtimeOptions, UnaryOperator<ServerOptions.Builder> options) {
        HttpRuntime runtime = HttpRuntime.start(runtimeOptions);
        try {
            ServerOptions o = options.apply(
                            ServerOptions.builder().host("127.0.0.1").port(0).accessLog(false))
                    .build();
            return new RunningServer(runtime, ConduitServer.start(runtime, o));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port() + target);
    }

    RawConnection connect() {
        return RawConnection.open(port());
    }

    /** Stops the server (idempotent); later calls do nothing. */
    void stop(Duration grace) {
        if (!stopped) {
            stopped = true;
            server.stop(grace);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(1));
    }
}
