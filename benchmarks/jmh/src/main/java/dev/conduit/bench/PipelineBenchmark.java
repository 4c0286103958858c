package dev.conduit.bench;

import dev.conduit.HttpApplication;
import dev.conduit.HttpModule;
import dev.conduit.PipelineEvent;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What do modules cost a request? Workload: one in-memory request (TestHost: the whole runtime, no socket) to an
 * async plaintext handler, with 0 or 10 modules each subscribed to every event (no-op subscribers), with the request
 * run inline on the calling thread so the figure is the pipeline's own cost.
 *
 * <p>Run: {@code java -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main
 * PipelineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
    @Param({"0", "10"})
    public int modules;

    private TestHost host;

    /** A module subscribed to every event, doing nothing. */
    public static final class EveryEventModule implements HttpModule {
        @Override
        public void init(HttpApplication application) {
            for (PipelineEvent e : PipelineEvent.values()) {
                application.on(e, ctx -> {});
            }
        }
    }

    @Setup
    public void setUp() throws Exception {
        Path site = Files.createTempDirectory("pipeline-bench");
        StringBuilder adds = new StringBuilder();
        for (int i = 0; i < modules; i++) {
            adds.append("<add name=\"m")
                    .append(i)
                    .append("\" type=\"dev.conduit.bench.PipelineBenchmark$EveryEventModule\"/>");
        }
        Files.writeString(
                site.resolve("web.config"),
                """
                <configuration><system.web>
                  <httpModules>MODULES</httpModules>
                  <httpHandlers>
                    <add verb="GET" path="/plaintext" type="dev.conduit.bench.BenchHandlers$AsyncPlaintext"/>
                  </httpHandlers>
                </system.web></configuration>
                """
                        .replace("MODULES", adds));
        host = TestHost.start(
                RuntimeOptions.of(site).withExecutor(Runnable::run).withWatchForChanges(false));
    }

    @TearDown
    public void tearDown() {
        host.close();
    }

    @Benchmark
    public TestResponse request() {
        return host.get("/plaintext").send();
    }
}
