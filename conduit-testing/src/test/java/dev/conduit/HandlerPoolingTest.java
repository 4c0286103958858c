package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.BurstHandler;
import dev.conduit.testing.fixtures.CountingFactory;
import dev.conduit.testing.fixtures.InstanceRecordingHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerPoolingTest {
    @TempDir
    Path site;

    private TestHost host;

    @BeforeEach
    void start() throws Exception {
        InstanceRecordingHandler.reset();
        CountingFactory.reset();
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpHandlers>
                      <add verb="*" path="pooled.x" type="dev.conduit.testing.fixtures.InstanceRecordingHandler"/>
                      <add verb="*" path="burst.x" type="dev.conduit.testing.fixtures.BurstHandler"/>
                      <add verb="*" path="fresh.x" type="dev.conduit.testing.fixtures.NonReusableHandler"/>
                      <add verb="*" path="*.factory" type="dev.conduit.testing.fixtures.CountingFactory"/>
                    </httpHandlers>
                """);
        host = TestHost.start(site);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void concurrentRequestsNeverShareAReusableInstance() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(64);
        InstanceRecordingHandler.gate = gate;
        InstanceRecordingHandler.arrived = arrived;
        List<CompletableFuture<TestResponse>> inFlight = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inFlight.add(host.get("/pooled.x").sendAsync());
        }
        // All 64 are inside the handler at once before any may finish.
        assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
        Set<String> bodies = new HashSet<>();
        for (CompletableFuture<TestResponse> f : inFlight) {
            TestResponse r = f.join();
            assertThat(r.status()).isEqualTo(200);
            bodies.add(r.text());
        }
        assertThat(InstanceRecordingHandler.OVERLAPS).hasValue(0);
        // Held inside the handler together, the 64 requests needed 64 instances, one request each.
        assertThat(InstanceRecordingHandler.CREATED).hasValue(64);
        assertThat(InstanceRecordingHandler.MAX_CONCURRENT).hasValue(64);
        assertThat(bodies).hasSize(64);
        // Afterwards the pooled instances are reused: 64 more sequential requests create none.
        InstanceRecordingHandler.gate = new CountDownLatch(0);
        for (int i = 0; i < 64; i++) {
            assertThat(host.get("/pooled.x").send().status()).isEqualTo(200);
        }
        assertThat(InstanceRecordingHandler.CREATED).hasValue(64);
        assertThat(InstanceRecordingHandler.SERVED.values().stream()
                        .mapToInt(a -> a.get())
                        .sum())
                .isEqualTo(128);
        assertThat(InstanceRecordingHandler.OVERLAPS).hasValue(0);
    }

    @Test
    void alternatingTwoReusableTypesConstructsEachOnce() {
        // The application instance keeps the last reusable handler it released; the one it kept before goes back to
        // its own pool, not away.
        BurstHandler.expectBurst(0);
        BurstHandler.HANDLERS.set(0);
        for (int i = 0; i < 10; i++) {
            assertThat(host.get("/pooled.x").send().text()).isEqualTo("instance 1");
            assertThat(host.get("/burst.x").send().text()).isEqualTo("ok");
        }
        assertThat(InstanceRecordingHandler.CREATED).hasValue(1);
        assertThat(BurstHandler.HANDLERS).hasValue(1);
    }

    @Test
    void sequentialRequestsReuseOneInstance() {
        for (int i = 0; i < 10; i++) {
            assertThat(host.get("/pooled.x").send().text()).isEqualTo("instance 1");
        }
        assertThat(InstanceRecordingHandler.CREATED).hasValue(1);
    }

    @Test
    void nonReusableHandlerGetsAFreshInstanceEveryTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seen.add(host.get("/fresh.x").send().text());
        }
        assertThat(seen).hasSize(10);
    }

    @Test
    void releaseHandlerIsCalledOncePerHandlerAfterTheRequest() throws Exception {
        List<CompletableFuture<TestResponse>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(host.request(i % 2 == 0 ? "GET" : "PUT", "/a" + i + ".factory")
                    .sendAsync());
        }
        for (CompletableFuture<TestResponse> f : all) {
            assertThat(f.join().status()).isEqualTo(200);
        }
        assertThat(CountingFactory.GOT).hasValue(40);
        assertThat(CountingFactory.RELEASED).hasValue(40);
        assertThat(CountingFactory.BAD_RELEASES).hasValue(0);
    }

    @Test
    void factoryReturningNullRunsNoHandler() {
        TestResponse r = host.get("/null.factory").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(CountingFactory.GOT).hasValue(0);
        assertThat(CountingFactory.RELEASED).hasValue(0);
    }
}
