package dev.conduit.state;

import static dev.conduit.state.SessionSite.cookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.spi.SessionData;
import dev.conduit.testing.TestClock;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.FakeSessionStore;
import dev.conduit.testing.fixtures.SessionProbe;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <sessionState mode="Custom">}: a {@link dev.conduit.spi.SessionStore} named by type, here an out-of-process store in miniature. */
class CustomSessionStoreTest {
    private static final String CUSTOM =
            """
            <sessionState mode="Custom" customProvider="fake" timeout="30">
              <providers>
                <add name="fake" type="dev.conduit.testing.fixtures.FakeSessionStore" connectionStringName="cache"/>
              </providers>
            </sessionState>
            """;

    @TempDir
    Path site;

    private final TestClock clock = new TestClock(SessionSite.START);
    private TestHost host;

    @BeforeEach
    void start() {
        FakeSessionStore.reset();
        SessionProbe.reset();
        host = SessionSite.site(site, CUSTOM).start(o -> o.withClock(clock));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private TestResponse get(String target, String id) {
        return host.get(target).header("Cookie", "ASP.NET_SessionId=" + id).send();
    }

    @Test
    void sharedSessionsWithAGeneratedMachineKeyAreToldAFarmNeedsConfiguredKeys() {
        assertThat(host.runtime().configurationWarnings())
                .anyMatch(w -> w.contains("sessions are shared") && w.contains("set validationKey and decryptionKey"));
        host.close();
        host = SessionSite.site(
                        site,
                        CUSTOM + "<machineKey validationKey=\"" + "A1".repeat(32) + "\" decryptionKey=\""
                                + "B2".repeat(16) + "\"/>")
                .start(o -> o.withClock(clock));
        assertThat(host.runtime().configurationWarnings()).noneMatch(w -> w.contains("sessions are shared"));
    }

    @Test
    void theStoreIsCreatedByTypeAndInitializedWithItsAttributesAndTheRuntimeClock() {
        host.get("/rw.x?do=set&value=a").send();
        assertThat(FakeSessionStore.initializedWith).isNotNull();
        assertThat(FakeSessionStore.initializedWith.name()).isEqualTo("fake");
        assertThat(FakeSessionStore.initializedWith.attributes()).isEqualTo(Map.of("connectionStringName", "cache"));
        assertThat(FakeSessionStore.initializedWith.clock().instant()).isEqualTo(SessionSite.START);
    }

    @Test
    void sessionsAreSavedSerializedAndReadBackThroughTheStore() {
        TestResponse first = host.get("/rw.x?do=set&value=a").send();
        String id = cookie(first);
        assertThat(FakeSessionStore.CALLS).containsExactly("setAndReleaseItemExclusive " + id + " new");
        SessionData stored = SessionData.fromBytes(
                FakeSessionStore.stored.get(id), getClass().getClassLoader());
        assertThat(stored.get("K")).isEqualTo("a");
        assertThat(stored.timeout().toMinutes()).isEqualTo(30);

        FakeSessionStore.CALLS.clear();
        assertThat(get("/rw.x?do=append&value=b", id).text())
                .contains("new=false")
                .contains("k=a,b");
        assertThat(get("/rw.x", id).text()).contains("k=a,b");
        assertThat(get("/ro.x", id).text()).contains("ro=true k=a,b");
        assertThat(get("/plain.x", id).text()).isEqualTo("no session");
        assertThat(FakeSessionStore.CALLS)
                .containsExactly(
                        "getItemExclusive " + id,
                        "setAndReleaseItemExclusive " + id,
                        "getItemExclusive " + id,
                        "releaseItemExclusive " + id,
                        "getItem " + id,
                        "resetItemTimeout " + id);
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedWhenSet() {
        TestResponse r = host.get("/rw.x?do=set-unserializable").send();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("must be Serializable").contains("java.lang.Object");
    }

    @Test
    void abandonRemovesTheSessionFromTheStore() {
        String id = cookie(host.get("/rw.x?do=set&value=a").send());
        get("/rw.x?do=abandon", id);
        assertThat(FakeSessionStore.CALLS).contains("removeItem " + id);
        assertThat(FakeSessionStore.stored).doesNotContainKey(id);
    }

    @Test
    void aWriterWaitsForAnotherWriterWithTheDefaultPollingWait() throws Exception {
        String id = cookie(host.get("/rw.x?do=set&value=a").send());
        CompletableFuture<TestResponse> first = host.get("/rw.x?do=hold&tag=one")
                .header("Cookie", "ASP.NET_SessionId=" + id)
                .sendAsync();
        assertThat(SessionProbe.ENTERED.poll(30, TimeUnit.SECONDS)).isEqualTo("one");
        CompletableFuture<TestResponse> second = host.get("/rw.x?do=hold&tag=two")
                .header("Cookie", "ASP.NET_SessionId=" + id)
                .sendAsync();
        assertThat(SessionProbe.reached("two").await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(SessionProbe.ENTERED.poll(150, TimeUnit.MILLISECONDS)).isNull();
        SessionProbe.open("one");
        assertThat(SessionProbe.ENTERED.poll(30, TimeUnit.SECONDS)).isEqualTo("two");
        SessionProbe.open("two");
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(SessionProbe.MAX_PER_SESSION).hasValue(1);
    }
}
