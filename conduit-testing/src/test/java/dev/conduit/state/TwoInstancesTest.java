package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.SessionProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtimes of one site sharing sessions through an out-of-process store, as two instances behind a balancer: the
 * lock holds across them, readers of one session still run together, and a session made on one is read on the other.
 * Abstract: each store's module runs it with its store ({@link #store()}); the in-process store shares nothing.
 */
abstract class TwoInstancesTest {
    @TempDir
    Path site;

    private TestHost one;
    private TestHost two;

    /** The shared store under test. */
    abstract SessionStoreFixture store();

    @BeforeEach
    void start() {
        SessionProbe.reset();
        one = SessionSite.site(site, store().apply("")).start();
        two = TestHost.start(RuntimeOptions.of(site));
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
    }

    private TestResponse send(TestHost host, String target, String id) {
        return host.get(target).header("Cookie", "ASP.NET_SessionId=" + id).send();
    }

    @Test
    void eightWritersSplitOverTwoInstancesNeverOverlapAndTheCounterEndsExact() throws Exception {
        String id = cookie(one.get("/rw.x?do=set&key=n&value=0").send());
        assertThat(id).isNotNull();
        int writers = 8;
        int each = 15;
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            TestHost host = w % 2 == 0 ? one : two;
            all.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < each; i++) {
                            TestResponse r = send(host, "/rw.x?do=incr&key=n&ms=2", id);
                            assertThat(r.status()).as(r.text()).isEqualTo(200);
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        pool.close();
        assertThat(SessionProbe.MAX_PER_SESSION)
                .as("writers of one session inside at once")
                .hasValue(1);
        assertThat(send(two, "/rw.x?key=n", id).text()).contains("n=" + writers * each);
        assertThat(send(one, "/ro.x?key=n", id).text()).contains("n=" + writers * each);
    }

    @Test
    void readersOfOneSessionOnBothInstancesRunTogether() throws Exception {
        String id = cookie(one.get("/rw.x?do=set&value=shared").send());
        SessionProbe.allEntered = new CountDownLatch(4);
        List<CompletableFuture<TestResponse>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestHost host = i % 2 == 0 ? one : two;
            all.add(host.get("/ro.x?do=hold&tag=r" + i)
                    .header("Cookie", "ASP.NET_SessionId=" + id)
                    .sendAsync());
        }
        assertThat(SessionProbe.allEntered.await(30, TimeUnit.SECONDS))
                .as("four readers inside at once")
                .isTrue();
        for (int i = 0; i < 4; i++) {
            SessionProbe.open("r" + i);
        }
        for (CompletableFuture<TestResponse> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS).text()).contains("ro=true k=shared");
        }
        assertThat(SessionProbe.MAX_PER_SESSION).hasValue(4);
    }
}
