package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerOptionsTest {
    /** Every setting away from its default, so a setting lost on the way shows up as a difference. */
    private static ServerOptions everySettingChanged() {
        return ServerOptions.builder()
                .host("0.0.0.0")
                .port(9090)
                .maxRequestLineLength(4096)
                .maxHeaderBlockSize(16 * 1024)
                .maxHeaderCount(50)
                .requestHeadersTimeout(Duration.ofSeconds(10))
                .keepAliveTimeout(Duration.ofSeconds(60))
                .shutdownGracePeriod(Duration.ZERO)
                .maxPipelinedRequests(4)
                .accessLog(false)
                .build();
    }

    @Test
    void builderStartsFromTheDocumentedDefaults() {
        ServerOptions o = ServerOptions.builder().build();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.maxRequestLineLength()).isEqualTo(8192);
        assertThat(o.maxHeaderBlockSize()).isEqualTo(32768);
        assertThat(o.maxHeaderCount()).isEqualTo(100);
        assertThat(o.requestHeadersTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(130));
        assertThat(o.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxPipelinedRequests()).isEqualTo(16);
        assertThat(o.accessLog()).isTrue();
        assertThat(ServerOptions.defaults()).isEqualTo(o);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        ServerOptions changed = everySettingChanged();
        ServerOptions copy = changed.toBuilder().build();
        assertThat(copy).isEqualTo(changed).hasSameHashCodeAs(changed);
        assertThat(copy.toString()).isEqualTo(changed.toString());
        assertThat(copy).isNotEqualTo(ServerOptions.defaults());
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        ServerOptions changed = everySettingChanged();
        ServerOptions other = changed.toBuilder().port(0).build();
        assertThat(other.port()).isZero();
        assertThat(other.toBuilder().port(9090).build()).isEqualTo(changed);
        assertThat(changed.port()).as("the original is immutable").isEqualTo(9090);
    }

    static Stream<Arguments> oneSettingDifferent() {
        return Stream.<UnaryOperator<ServerOptions.Builder>>of(
                        b -> b.host("::1"),
                        b -> b.port(1),
                        b -> b.maxRequestLineLength(100),
                        b -> b.maxHeaderBlockSize(1000),
                        b -> b.maxHeaderCount(2),
                        b -> b.requestHeadersTimeout(Duration.ofSeconds(1)),
                        b -> b.keepAliveTimeout(Duration.ofSeconds(1)),
                        b -> b.shutdownGracePeriod(Duration.ofSeconds(1)),
                        b -> b.maxPipelinedRequests(2),
                        b -> b.accessLog(false))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("oneSettingDifferent")
    void optionsDifferingInOneSettingAreNotEqual(UnaryOperator<ServerOptions.Builder> change) {
        ServerOptions changed = change.apply(ServerOptions.builder()).build();
        assertThat(changed).isNotEqualTo(ServerOptions.defaults());
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.host(" "), "host must not be blank: ' '"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.port(70000), "port must be 0..65535: 70000"),
                Arguments.of((UnaryOperator<ServerOptions.Builder>) b -> b.port(-1), "port must be 0..65535: -1"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.maxRequestLineLength(63),
                        "maxRequestLineLength must be >= 64: 63"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.maxHeaderBlockSize(255),
                        "maxHeaderBlockSize must be >= 256: 255"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.maxHeaderCount(0),
                        "maxHeaderCount must be >= 1: 0"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.maxPipelinedRequests(0),
                        "maxPipelinedRequests must be >= 1: 0"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.requestHeadersTimeout(Duration.ZERO),
                        "requestHeadersTimeout must be > 0: PT0S"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.keepAliveTimeout(Duration.ofSeconds(-5)),
                        "keepAliveTimeout must be > 0: PT-5S"),
                Arguments.of(
                        (UnaryOperator<ServerOptions.Builder>) b -> b.shutdownGracePeriod(Duration.ofSeconds(-1)),
                        "shutdownGracePeriod must be >= 0: PT-1S"));
    }

    @ParameterizedTest
    @MethodSource("brokenRules")
    void buildNamesTheSettingTheRuleAndTheValue(UnaryOperator<ServerOptions.Builder> change, String message) {
        ServerOptions.Builder builder = change.apply(ServerOptions.builder());
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theSmallestAllowedValuesBuild() {
        ServerOptions o = ServerOptions.builder()
                .port(65535)
                .maxRequestLineLength(64)
                .maxHeaderBlockSize(256)
                .maxHeaderCount(1)
                .maxPipelinedRequests(1)
                .requestHeadersTimeout(Duration.ofMillis(1))
                .keepAliveTimeout(Duration.ofMillis(1))
                .shutdownGracePeriod(Duration.ZERO)
                .build();
        assertThat(o.maxRequestLineLength()).isEqualTo(64);
        assertThat(o.shutdownGracePeriod()).isZero();
    }
}
