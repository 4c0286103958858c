package dev.conduit.bench;

import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.config.SiteConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does loading a site's configuration cost, and a folder's effective configuration once loaded? Workload: a
 * site with web.config files at three levels (root, /a/, /a/b/) and a location block; {@code load} parses and checks
 * every file and merges the deepest folder; {@code cachedLookup} is the per-request path.
 *
 * <p>Run: {@code java -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main
 * ConfigMergeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConfigMergeBenchmark {
    private Path site;
    private SiteConfiguration loaded;

    @Setup
    public void setUp() throws Exception {
        site = Files.createTempDirectory("merge-bench");
        Files.createDirectories(site.resolve("a/b"));
        String level =
                """
                <configuration>
                  <appSettings><add key="k%1$s" value="v"/></appSettings>
                  <system.web>
                    <httpRuntime maxRequestLength="%2$s"/>
                    <httpHandlers>
                      <add verb="GET" path="*.x%1$s" type="System.Web.HttpForbiddenHandler"/>
                      <remove verb="*" path="*.asmx"/>
                    </httpHandlers>
                  </system.web>
                  <location path="sub%1$s"><system.web><httpRuntime maxRequestLength="1"/></system.web></location>
                </configuration>
                """;
        Files.writeString(site.resolve("web.config"), level.formatted("0", "8192"));
        Files.writeString(site.resolve("a/web.config"), level.formatted("1", "4096"));
        Files.writeString(site.resolve("a/b/web.config"), level.formatted("2", "2048"));
        loaded = SiteConfiguration.load(site);
    }

    @Benchmark
    public FolderConfig load() {
        return SiteConfiguration.load(site).forPath("/a/b/page.ashx");
    }

    @Benchmark
    public FolderConfig cachedLookup() {
        return loaded.forPath("/a/b/page.ashx");
    }
}
