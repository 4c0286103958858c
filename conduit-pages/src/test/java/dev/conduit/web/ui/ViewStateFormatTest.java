package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.web.ui.ViewStateFormat.InvalidViewStateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** View state's bytes: the closed set of types round-trips; anything else, malformed or hostile, is refused. */
class ViewStateFormatTest {
    private static Object sample() {
        Map<String, Object> bag = new LinkedHashMap<>();
        bag.put("Text", "héllo <world> 😀");
        bag.put("Count", 3);
        bag.put("Big", Long.MIN_VALUE);
        bag.put("Price", -12.5);
        bag.put("On", true);
        bag.put("Off", false);
        bag.put("Empty", "");
        bag.put("Nothing", null);
        List<Object> children = new ArrayList<>(List.of(0, new Pair("a", null), 7, new Triplet(1, 2L, 3.0)));
        return new Pair(bag, new Object[] {children, Integer.MAX_VALUE, Integer.MIN_VALUE, List.of()});
    }

    @Test
    void theClosedSetRoundTrips() throws Exception {
        Object decoded = ViewStateFormat.decode(ViewStateFormat.encode(sample()));

        Pair top = (Pair) decoded;
        assertThat(top.first()).isEqualTo(((Pair) sample()).first());
        Object[] second = (Object[]) top.second();
        assertThat(second[0]).isEqualTo(List.of(0, new Pair("a", null), 7, new Triplet(1, 2L, 3.0)));
        assertThat(Arrays.copyOfRange(second, 1, 4)).containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE, List.of());
        assertThat(ViewStateFormat.decode(ViewStateFormat.encode(null))).isNull();
    }

    @Test
    void aTypeOutsideTheSetIsTheControlsMistakeNotSomethingToSerialize() {
        assertThatThrownBy(() -> ViewStateFormat.encode(List.of(new java.util.Date())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> ViewStateFormat.encode(Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys that are not strings");
    }

    enum Shade {
        LIGHT,
        DARK {
            @Override
            public String toString() {
                return "a constant with a body";
            }
        }
    }

    record Money(long cents) {}

    @Test
    void registeredTypesTravelByTheirRegisteredNameAndAnythingElseNamedIsRefused() throws Exception {
        ViewStateTypes.registerEnum("test.Shade", Shade.class);
        ViewStateTypes.registerEnum("test.Shade", Shade.class); // again, for the same class: nothing happens
        ViewStateTypes.register("test.Money", Money.class, Money::cents, state -> new Money((Long) state));

        Object decoded = ViewStateFormat.decode(
                ViewStateFormat.encode(List.of(Shade.LIGHT, Shade.DARK, new Money(1999), Map.of("m", new Money(-1)))));
        assertThat(decoded).isEqualTo(List.of(Shade.LIGHT, Shade.DARK, new Money(1999), Map.of("m", new Money(-1))));
        // the bytes hold the registered name, not the class's
        String bytes = new String(ViewStateFormat.encode(Shade.DARK), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("test.Shade", "DARK").doesNotContain("ViewStateFormatTest");

        assertThatThrownBy(() -> ViewStateTypes.register("test.Shade", Money.class, Money::cents, s -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clashes");
        // a name nobody registered; a value the registered reader does not take (an enum constant that is not one)
        byte[] unknown = ViewStateFormat.encode(Shade.LIGHT);
        int at = indexOf(unknown, "test.Shade".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        unknown[at + 5] = 'X';
        assertThatThrownBy(() -> ViewStateFormat.decode(unknown))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("not registered");
        byte[] notAConstant = ViewStateFormat.encode(Shade.LIGHT);
        int light = indexOf(notAConstant, "LIGHT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        notAConstant[light] = 'N';
        assertThatThrownBy(() -> ViewStateFormat.decode(notAConstant))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("does not read back");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void boundsHoldForHostileBytes() {
        // a list announcing two billion items in a few bytes
        assertThatThrownBy(() -> ViewStateFormat.decode(new byte[] {1, 11, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 7}))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("count");
        // pairs nested past the limit
        byte[] deep = new byte[ViewStateFormat.MAX_DEPTH * 2 + 10];
        deep[0] = 1;
        Arrays.fill(deep, 1, deep.length, (byte) 8);
        assertThatThrownBy(() -> ViewStateFormat.decode(deep))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> ViewStateFormat.decode(new byte[] {1, 6, 2, (byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> ViewStateFormat.decode(new byte[] {2, 0}))
                .isInstanceOf(InvalidViewStateException.class);
        assertThatThrownBy(() -> ViewStateFormat.decode(new byte[0])).isInstanceOf(InvalidViewStateException.class);
        assertThatThrownBy(() -> ViewStateFormat.decode(new byte[] {1, 0, 0}))
                .isInstanceOf(InvalidViewStateException.class)
                .hasMessageContaining("after the value");
    }

    /**
     * A seeded mutator over valid view state (Jazzer is not in the build): flipped, inserted, deleted and truncated
     * bytes decode to a value of the closed set or fail with the decoder's own exception, never anything else.
     */
    @Test
    void mutatedViewStateDecodesOrIsRefusedNeverAnythingElse() {
        byte[] valid = ViewStateFormat.encode(sample());
        Random random = new Random(20261206);
        int refused = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] b = mutate(valid, random);
            try {
                assertClosedSet(ViewStateFormat.decode(b));
            } catch (InvalidViewStateException e) {
                refused++;
            }
        }
        assertThat(refused).as("most mutations break the format").isGreaterThan(100_000);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at + 1);
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    private static void assertClosedSet(Object value) {
        switch (value) {
            case null -> {}
            case Boolean b -> {}
            case Integer i -> {}
            case Long l -> {}
            case Double d -> {}
            case String s -> {}
            case Pair p -> {
                assertClosedSet(p.first());
                assertClosedSet(p.second());
            }
            case Triplet t -> {
                assertClosedSet(t.first());
                assertClosedSet(t.second());
                assertClosedSet(t.third());
            }
            case Object[] a -> Arrays.stream(a).forEach(ViewStateFormatTest::assertClosedSet);
            case List<?> l -> l.forEach(ViewStateFormatTest::assertClosedSet);
            case Map<?, ?> m ->
                m.forEach((k, v) -> {
                    assertThat(k).isInstanceOf(String.class);
                    assertClosedSet(v);
                });
            default -> throw new AssertionError("decoded a " + value.getClass());
        }
    }
}
