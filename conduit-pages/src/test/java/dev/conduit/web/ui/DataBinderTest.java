package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class DataBinderTest {
    /** An address. */
    public record Address(String city) {}

    /** A customer. */
    public record Customer(String name, Address address) {}

    /** An order. */
    public record Order(List<String> lines, Map<String, Integer> totals) {}

    /** A product, a JavaBean. */
    public static final class Product {
        /** The price. */
        public BigDecimal getPrice() {
            return new BigDecimal("1.25");
        }

        /** Whether it is on sale. */
        public boolean isOnSale() {
            return true;
        }
    }

    private Locale saved;

    @BeforeEach
    void fixLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void dottedPathReadsNestedProperties() {
        Customer c = new Customer("Ann", new Address("Oslo"));

        assertThat(DataBinder.eval(c, "Address.City")).isEqualTo("Oslo");
        assertThat(DataBinder.eval(c, "name")).isEqualTo("Ann");
    }

    @Test
    void indexReadsListElementsAndMapValues() {
        Order o = new Order(List.of("first", "second"), Map.of("EUR", 7));

        assertThat(DataBinder.eval(o, "Lines[1]")).isEqualTo("second");
        assertThat(DataBinder.eval(o, "Totals[EUR]")).isEqualTo(7);
        assertThat(DataBinder.eval(o, "Totals['EUR']")).isEqualTo(7);
    }

    @Test
    void mapKeysIgnoreCase() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Name", "Bob");

        assertThat(DataBinder.eval(row, "name")).isEqualTo("Bob");
        assertThat(DataBinder.eval(row, "NAME")).isEqualTo("Bob");
    }

    @Test
    void getterAndIsGetterAreFound() {
        assertThat(DataBinder.eval(new Product(), "Price")).isEqualTo(new BigDecimal("1.25"));
        assertThat(DataBinder.eval(new Product(), "OnSale")).isEqualTo(true);
    }

    @Test
    void nullInTheMiddleGivesNull() {
        Customer c = new Customer("Ann", null);

        assertThat(DataBinder.eval(c, "Address.City")).isNull();
        assertThat(DataBinder.eval(null, "Anything")).isNull();
        assertThat(DataBinder.eval(c, "Address.City", "{0:F2}")).isEqualTo("");
    }

    @Test
    void unknownPropertyNamesTheClassAndTheProperty() {
        Customer c = new Customer("Ann", new Address("Oslo"));

        assertThatThrownBy(() -> DataBinder.eval(c, "Address.Zip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Address.class.getName())
                .hasMessageContaining("'Zip'");
    }

    @Test
    void fixedPointFormat() {
        assertThat(DataBinder.eval(new Product(), "Price", "{0:F2}")).isEqualTo("1.25");
        assertThat(DataBinder.eval(Map.of("x", 2.5), "x", "{0:F0}")).isEqualTo("3");
    }

    @Test
    void numberFormatGroupsThousands() {
        assertThat(DataBinder.eval(Map.of("x", 1234567.4), "x", "{0:N0}")).isEqualTo("1,234,567");
        assertThat(DataBinder.eval(Map.of("x", 1234.5), "x", "{0:N}")).isEqualTo("1,234.50");
    }

    @Test
    void decimalFormatPadsWithZeros() {
        assertThat(DataBinder.eval(Map.of("x", 42), "x", "{0:D5}")).isEqualTo("00042");
        assertThat(DataBinder.eval(Map.of("x", -42), "x", "{0:D5}")).isEqualTo("-00042");
    }

    @Test
    void customDateFormat() {
        assertThat(DataBinder.eval(Map.of("d", LocalDate.of(2024, 3, 9)), "d", "{0:yyyy-MM-dd}"))
                .isEqualTo("2024-03-09");
    }

    @Test
    void currencyFormatUsesTheDefaultLocaleAndKeepsTheSurroundingText() {
        assertThat(DataBinder.eval(Map.of("t", 1234.5), "t", "Total: {0:C}")).isEqualTo("Total: $1,234.50");

        Locale.setDefault(Locale.GERMANY);
        assertThat(DataBinder.eval(Map.of("t", 1234.5), "t", "{0:N2}")).isEqualTo("1.234,50");
    }

    @Test
    void emptyFormatIsToString() {
        assertThat(DataBinder.eval(Map.of("x", 7), "x", "")).isEqualTo("7");
    }
}
