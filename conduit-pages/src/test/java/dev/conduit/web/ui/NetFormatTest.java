package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The F format's fast path for doubles gives exactly what the exact (BigDecimal) path gives. */
class NetFormatTest {
    @Test
    void fixedPointOfDoublesAgreesWithTheExactPath() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int precision = random.nextInt(7);
            double x =
                    switch (i % 4) {
                        case 0 -> random.nextDouble(-1000, 1000);
                        case 1 -> Math.round(random.nextDouble(-1e6, 1e6)) / 1000.0; // three decimals: ties at two
                        case 2 -> random.nextInt(-100_000, 100_000) * 0.005; // many exact and near halves
                        default -> random.nextDouble(-1e9, 1e9);
                    };
            String exact = BigDecimal.valueOf(x)
                    .setScale(precision, RoundingMode.HALF_UP)
                    .toPlainString();
            assertThat(NetFormat.one("F" + precision, x))
                    .as("%s F%d", x, precision)
                    .isEqualTo(exact);
        }
    }

    @Test
    void knownValues() {
        assertThat(NetFormat.one("F2", 1.25)).isEqualTo("1.25");
        assertThat(NetFormat.one("F2", 1.005)).isEqualTo("1.01");
        assertThat(NetFormat.one("F0", 2.5)).isEqualTo("3");
        assertThat(NetFormat.one("F2", -0.001)).isEqualTo("0.00");
        assertThat(NetFormat.one("F3", 0.1 + 0.2)).isEqualTo("0.300");
        assertThat(NetFormat.one("F1", 123456.78f)).isEqualTo("123456.8");
    }
}
