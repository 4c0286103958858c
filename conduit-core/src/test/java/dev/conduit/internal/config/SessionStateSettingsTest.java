package dev.conduit.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStateSettingsTest {
    private static final Source AT = new Source(null, 1);

    private static ConfigElement el(String name, Map<String, String> attributes, ConfigElement... children) {
        return new ConfigElement(name, attributes, List.of(children), AT);
    }

    @Test
    void withoutASectionTheDefaultsAreSystemWebs() {
        SessionStateSettings s = SessionStateSettings.merge(List.of());
        assertThat(s).isEqualTo(SessionStateSettings.DEFAULTS);
        assertThat(s.mode()).isEqualTo(SessionStateSettings.Mode.IN_PROC);
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.cookieName()).isEqualTo("ASP.NET_SessionId");
        assertThat(s.cookieSameSite()).isEqualTo("Lax");
    }

    @Test
    void laterLevelsOverrideAttributesAndEditTheProviderList() {
        ConfigElement outer = el(
                "sessionState",
                Map.of("mode", "Custom", "customProvider", "a", "timeout", "30"),
                el(
                        "providers",
                        Map.of(),
                        el("add", Map.of("name", "a", "type", "A", "host", "h1")),
                        el("add", Map.of("name", "b", "type", "B"))));
        ConfigElement inner = el(
                "sessionState",
                Map.of("customProvider", "c", "cookieName", "sid"),
                el(
                        "providers",
                        Map.of(),
                        el("remove", Map.of("name", "a")),
                        el("add", Map.of("name", "c", "type", "C"))));
        SessionStateSettings s = SessionStateSettings.merge(List.of(outer, inner));
        assertThat(s.mode()).isEqualTo(SessionStateSettings.Mode.CUSTOM);
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.cookieName()).isEqualTo("sid");
        assertThat(s.customProvider()).isEqualTo("c");
        assertThat(s.providers()).containsOnlyKeys("b", "c");

        ConfigElement cleared = el("sessionState", Map.of(), el("providers", Map.of(), el("clear", Map.of())));
        assertThat(SessionStateSettings.merge(List.of(outer, cleared)).providers())
                .isEmpty();
        assertThat(SessionStateSettings.merge(List.of(outer))
                        .providers()
                        .get("a")
                        .attributes())
                .isEqualTo(Map.of("host", "h1"));
    }

    @Test
    void badChildrenAndProviderLinesAreReported() {
        List<Problem> problems = new ArrayList<>();
        SessionStateSettings.check(
                el(
                        "sessionState",
                        Map.of(),
                        el("providers", Map.of("x", "y"), el("add", Map.of("name", "n")), el("insert", Map.of())),
                        el("partitions", Map.of())),
                problems);
        assertThat(problems)
                .extracting(Problem::message)
                .containsExactly(
                        "<providers> takes no attributes",
                        "<providers><add> needs a type implementing dev.conduit.spi.SessionStore",
                        "unknown element <insert> in <providers>",
                        "unknown element <partitions> in <sessionState>");
    }
}
