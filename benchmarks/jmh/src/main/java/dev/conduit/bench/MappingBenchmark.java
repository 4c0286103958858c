package dev.conduit.bench;

import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.MappingTable;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does handler mapping take per request? Workload: the built-in list (60 entries) behind 20 site entries;
 * paths that match a site entry, an early built-in entry ({@code .ashx}) and nothing until the static catch-all.
 *
 * <p>Run: {@code java -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main
 * MappingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MappingBenchmark {
    @Param({"/api/v1/orders", "/dir/page.ashx", "/assets/css/site.css"})
    public String path;

    private MappingTable table;

    @Setup
    public void setUp() throws Exception {
        Path site = Files.createTempDirectory("mapping-bench");
        StringBuilder adds = new StringBuilder();
        for (int i = 0; i < 19; i++) {
            adds.append("<add verb=\"GET,POST\" path=\"*.ext")
                    .append(i)
                    .append("\" type=\"System.Web.HttpForbiddenHandler\"/>\n");
        }
        adds.append("<add verb=\"*\" path=\"api/v1/*\" type=\"System.Web.HttpForbiddenHandler\"/>\n");
        Files.writeString(
                site.resolve("web.config"),
                "<configuration><system.web><httpHandlers>" + adds + "</httpHandlers></system.web></configuration>");
        table = SiteConfiguration.load(site).forPath("/").handlers();
    }

    @Benchmark
    public HandlerMapping find() {
        return table.find("GET", path);
    }

    /** As a request looks a path up: a new string each time (its hash not computed yet). */
    @Benchmark
    public HandlerMapping findNewPathString() {
        return table.find("GET", new String(path));
    }
}
