package dev.conduit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session data's bytes, and the filter that keeps a shared store's bytes from instantiating arbitrary classes. */
class SessionDataTest {
    private static final Duration TWENTY = Duration.ofMinutes(20);

    /** A class of "the site": defined by the loader the store reads with. */
    public record Cart(List<String> items, int total) implements Serializable {}

    private static SessionData roundTrip(Object value, ClassLoader loader) {
        SessionData d = new SessionData(TWENTY);
        d.set("v", value);
        return SessionData.fromBytes(d.toBytes(), loader);
    }

    @Test
    void jdkValueTypesAndCollectionsReadBack() {
        ClassLoader site = getClass().getClassLoader();
        List<Object> values = new ArrayList<>(List.of("text", 42, 7L, true, 2.5));
        values.add(new BigDecimal("12.30"));
        values.add(Instant.parse("2026-12-06T10:00:00Z"));
        values.add(Map.of("a", List.of(1, 2)));
        values.add(new int[] {1, 2, 3});
        for (Object v : values) {
            Object back = roundTrip(v, site).get("v");
            if (v instanceof int[] a) {
                assertThat((int[]) back).containsExactly(a);
            } else {
                assertThat(back).isEqualTo(v);
            }
        }
    }

    @Test
    void theSitesOwnClassesReadBackAndOthersAreRefusedBeforeTheyAreMade() throws Exception {
        Cart cart = new Cart(List.of("book"), 12);
        // Read with the loader that defined Cart (as the site loader defines bin/ and App_Code classes): admitted.
        assertThat(roundTrip(cart, Cart.class.getClassLoader()).get("v")).isEqualTo(cart);
        // Read with a loader that did not define it (Cart is then a class of the server's class path): refused.
        try (URLClassLoader other = new URLClassLoader(new URL[0], null)) {
            SessionData d = new SessionData(TWENTY);
            d.set("v", cart);
            byte[] bytes = d.toBytes();
            assertThatThrownBy(() -> SessionData.fromBytes(bytes, other))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("filter status: REJECTED");
        }
        // java.net is not a value package (URL's hashCode resolves host names): refused even for the site.
        SessionData d = new SessionData(TWENTY);
        d.set("v", URI.create("http://example.com/").toURL());
        byte[] url = d.toBytes();
        assertThatThrownBy(() -> SessionData.fromBytes(url, Cart.class.getClassLoader()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void bytesThatAreNotSessionDataAreRefused() {
        assertThatThrownBy(() ->
                        SessionData.fromBytes(new byte[] {1, 2, 3}, getClass().getClassLoader()))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void simpleValuesAreWrittenCompactlyAndJavaSerializedDataStillReads() throws Exception {
        SessionData d = new SessionData(Duration.ofMinutes(45));
        d.set("Name", "Ada ✓");
        d.set("count", 7);
        d.set("blob", new byte[] {1, 2, 3});
        d.set("when", Instant.parse("2026-12-06T10:00:00Z"));
        byte[] compact = d.toBytes();
        assertThat(compact[0]).isEqualTo((byte) 'C');
        SessionData back = SessionData.fromBytes(compact, getClass().getClassLoader());
        assertThat(back.keys()).containsExactly("Name", "count", "blob", "when");
        assertThat(back.get("name")).isEqualTo("Ada ✓");
        assertThat(back.get("count")).isEqualTo(7);
        assertThat((byte[]) back.get("blob")).containsExactly(1, 2, 3);
        assertThat(back.get("when")).isEqualTo(Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(back.timeout()).isEqualTo(Duration.ofMinutes(45));

        var serialized = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(serialized)) {
            out.writeObject(d);
        }
        assertThat(SessionData.fromBytes(serialized.toByteArray(), getClass().getClassLoader())
                        .get("count"))
                .isEqualTo(7);

        byte[] truncated = java.util.Arrays.copyOf(compact, compact.length - 5);
        assertThatThrownBy(() -> SessionData.fromBytes(truncated, getClass().getClassLoader()))
                .isInstanceOf(UncheckedIOException.class);
    }
}
