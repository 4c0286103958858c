package dev.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.RecordingModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact order of pipeline events, as spec §5.4-5.6 describe it, proven by a module that records them. */
class EventOrderTest {
    @TempDir
    static Path site;

    private static TestHost host;

    private static final List<String> STEPS = Stream.of(PipelineEvent.values())
            .filter(PipelineEvent::isStep)
            .map(Enum::name)
            .toList();

    /** After END_REQUEST: the response goes out (content only when there is a body), then RequestCompleted. */
    private static final List<String> TAIL =
            List.of("PRE_SEND_REQUEST_HEADERS", "PRE_SEND_REQUEST_CONTENT", "REQUEST_COMPLETED");

    private static final List<String> TAIL_NO_BODY = List.of("PRE_SEND_REQUEST_HEADERS", "REQUEST_COMPLETED");

    @BeforeAll
    static void start() throws Exception {
        SiteBuilder.in(site)
                .systemWeb(
                        """
                    <httpModules>
                      <add name="Recorder" type="dev.conduit.testing.fixtures.RecordingModule"/>
                    </httpModules>
                    <httpHandlers>
                      <add verb="*" path="*.rec" type="dev.conduit.testing.fixtures.RecordingHandler"/>
                    </httpHandlers>
                """);
        host = TestHost.start(site);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static List<String> run(String query, int expectedStatus) {
        String id = UUID.randomUUID().toString();
        TestResponse r = host.get("/x.rec?id=" + id + (query.isEmpty() ? "" : "&" + query))
                .send();
        assertThat(r.status()).as("status for %s", query).isEqualTo(expectedStatus);
        return RecordingModule.LOGS.remove(id);
    }

    /** Every step up to and including {@code last}, with HANDLER after PRE_REQUEST_HANDLER_EXECUTE. */
    private static List<String> stepsThrough(String last) {
        List<String> out = new ArrayList<>();
        for (String s : STEPS) {
            out.add(s);
            if (s.equals("PRE_REQUEST_HANDLER_EXECUTE") && !last.equals(s)) {
                out.add("HANDLER");
            }
            if (s.equals(last)) {
                break;
            }
        }
        return out;
    }

    private static List<String> then(List<String> head, String... more) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(more));
        return out;
    }

    private static List<String> withTail(List<String> head) {
        List<String> out = new ArrayList<>(head);
        out.addAll(head.contains("HANDLER") || head.contains("ERROR") ? TAIL : TAIL_NO_BODY);
        return out;
    }

    @Test
    void successRaisesEveryEventInOrder() {
        assertThat(run("", 200)).containsExactlyElementsOf(withTail(stepsThrough("END_REQUEST")));
    }

    @Test
    void handlerThrowingRaisesErrorThenSkipsToEndRequest() {
        List<String> expected = then(stepsThrough("PRE_REQUEST_HANDLER_EXECUTE"), "HANDLER", "ERROR", "END_REQUEST");
        assertThat(run("handler=throw", 500)).containsExactlyElementsOf(withTail(expected));
    }

    static Stream<String> stepsBeforeEndRequest() {
        return STEPS.stream().filter(s -> !s.equals("END_REQUEST"));
    }

    @ParameterizedTest
    @MethodSource("stepsBeforeEndRequest")
    void moduleThrowingInAnEventSkipsToEndRequest(String event) {
        List<String> expected = then(stepsThrough(event), "ERROR", "END_REQUEST");
        assertThat(run("throwIn=" + event, 500)).containsExactlyElementsOf(withTail(expected));
    }

    @Test
    void moduleThrowingInEndRequestStillFinishes() {
        List<String> expected = then(stepsThrough("END_REQUEST"), "ERROR");
        assertThat(run("throwIn=END_REQUEST", 500)).containsExactlyElementsOf(withTail(expected));
    }

    @ParameterizedTest
    @MethodSource("stepsBeforeEndRequest")
    void completeRequestInAnEventSkipsToEndRequest(String event) {
        List<String> expected = then(stepsThrough(event), "END_REQUEST");
        assertThat(run("completeIn=" + event, 200)).containsExactlyElementsOf(withTail(expected));
    }

    @Test
    void responseEndInTheHandlerCompletesWithoutError() {
        List<String> expected = then(stepsThrough("PRE_REQUEST_HANDLER_EXECUTE"), "HANDLER", "END_REQUEST");
        assertThat(run("handler=end", 200)).containsExactlyElementsOf(withTail(expected));
    }

    @Test
    void errorClearedInTheErrorEventCarriesOn() {
        List<String> expected = new ArrayList<>(stepsThrough("PRE_REQUEST_HANDLER_EXECUTE"));
        expected.add("HANDLER");
        expected.add("ERROR");
        List<String> rest = STEPS.subList(STEPS.indexOf("POST_REQUEST_HANDLER_EXECUTE"), STEPS.size());
        expected.addAll(rest);
        expected.addAll(TAIL_NO_BODY); // the handler failed before writing, and no error page replaces the empty body
        assertThat(run("handler=throw&clearInError=1", 200)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("stepsBeforeEndRequest")
    void asyncModuleEventPausesAndResumesInOrder(String event) {
        List<String> expected = new ArrayList<>(withTail(stepsThrough("END_REQUEST")));
        expected.set(expected.indexOf(event), event + "(async)");
        assertThat(run("asyncIn=" + event, 200)).containsExactlyElementsOf(expected);
    }
}
